import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// Variants of https://istio.io/latest/docs/tasks/traffic-management/egress/egress-tls-origination/: the
// sidecar that originates TLS verifies the server (Istio's VERIFY_CERTIFICATE_AT_CLIENT, the default since
// 1.20) against the proxy's system trust store, a credential's ca.crt, and the DestinationRule's SANs.

const VERIFY_FAILED =
  'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end';

const CURL = (url: string) => `kubectl exec "\${SOURCE_POD}" -c sleep -- curl -sS ${url}`;
const STATUS = (url: string) =>
  `kubectl exec "\${SOURCE_POD}" -c sleep -- curl -sS -o /dev/null -w '%{http_code}' ${url}`;

const CNN_ENTRY = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: edition-cnn-com
spec:
  hosts:
  - edition.cnn.com
  ports:
  - number: 8080
    name: http-port
    protocol: HTTP
    targetPort: 443
  resolution: DNS`;

const cnnRule = (tls: string, entry = CNN_ENTRY) => `kubectl apply -f - <<EOF
${entry}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: edition-cnn-com
spec:
  host: edition.cnn.com
  trafficPolicy:
    portLevelSettings:
    - port:
        number: 8080
      tls:
${tls}
EOF`;

// An nginx serving TLS with a certificate of a CA made here with openssl, not asking for a client certificate.
const NGINX = `cat <<\\EOF > ./nginx.conf
events {
}

http {
  server {
    listen 443 ssl;
    root /usr/share/nginx/html;
    index index.html;
    server_name my-nginx.mesh-external.svc.cluster.local;
    ssl_certificate /etc/nginx-server-certs/tls.crt;
    ssl_certificate_key /etc/nginx-server-certs/tls.key;
  }
}
EOF
kubectl create configmap nginx-configmap -n mesh-external --from-file=nginx.conf=./nginx.conf
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: my-nginx
  namespace: mesh-external
spec:
  ports:
  - port: 443
    protocol: TCP
  selector:
    run: my-nginx
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-nginx
  namespace: mesh-external
spec:
  selector:
    matchLabels:
      run: my-nginx
  template:
    metadata:
      labels:
        run: my-nginx
    spec:
      containers:
      - name: my-nginx
        image: nginx
        ports:
        - containerPort: 443
        volumeMounts:
        - name: nginx-config
          mountPath: /etc/nginx
          readOnly: true
        - name: nginx-server-certs
          mountPath: /etc/nginx-server-certs
          readOnly: true
      volumes:
      - name: nginx-config
        configMap:
          name: nginx-configmap
      - name: nginx-server-certs
        secret:
          secretName: nginx-server-certs
EOF`;

const NGINX_URL = 'http://my-nginx.mesh-external.svc.cluster.local:443';

const nginxRule = (tls: string) => `kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: originate-tls-for-nginx
spec:
  workloadSelector:
    matchLabels:
      app: sleep
  host: my-nginx.mesh-external.svc.cluster.local
  trafficPolicy:
    portLevelSettings:
    - port:
        number: 443
      tls:
${tls}
EOF`;

describe('TLS origination verifies the server (egress TLS origination variants)', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl label namespace default istio-injection=enabled --overwrite');
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    await s.ok('kubectl wait --for=condition=ready pod -l app=sleep --timeout=120s');
    await s.ok('export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})');
  });
  afterAll(() => s.dispose());

  it('a public site verifies against the system store; a SAN it does not carry fails with 503 UF', async () => {
    await s.ok(cnnRule('        mode: SIMPLE\n        subjectAltNames:\n        - edition.cnn.com'));
    await s.ok('sleep 2');
    expect(await s.ok(STATUS('http://edition.cnn.com:8080/politics'))).toBe('200');
    await s.ok(cnnRule('        mode: SIMPLE\n        subjectAltNames:\n        - www.example.com'));
    await s.ok('sleep 2');
    expect(await s.ok(CURL('http://edition.cnn.com:8080/politics'))).toBe(VERIFY_FAILED);
    const log = await s.ok('kubectl logs "$SOURCE_POD" -c istio-proxy | tail -1');
    expect(log).toContain(
      '" 503 UF,URX upstream_reset_before_response_started{remote_connection_failure,TLS_error:|268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end} - "TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end" ',
    );
    const cluster = JSON.parse(
      await s.ok('istioctl proxy-config cluster "$SOURCE_POD" --fqdn edition.cnn.com --port 8080 -o json'),
    ) as Array<{ transportSocket: { typedConfig: { commonTlsContext: unknown } } }>;
    // istioctl prints protojson: camelCase field names.
    expect(cluster[0]?.transportSocket.typedConfig.commonTlsContext).toEqual({
      combinedValidationContext: {
        defaultValidationContext: { matchSubjectAltNames: [{ exact: 'www.example.com' }] },
        validationContextSdsSecretConfig: {
          name: 'file-root:system',
          sdsConfig: { ads: {}, initialFetchTimeout: '0s', resourceApiVersion: 'V3' },
        },
      },
    });
  });

  it("a ServiceEntry's subjectAltNames stand in for the DestinationRule's", async () => {
    await s.ok(cnnRule('        mode: SIMPLE', `${CNN_ENTRY}\n  subjectAltNames:\n  - news.example.org`));
    await s.ok('sleep 2');
    expect(await s.ok(CURL('http://edition.cnn.com:8080/politics'))).toBe(VERIFY_FAILED);
    await s.ok(`kubectl apply -f - <<EOF
${CNN_ENTRY}
EOF`);
    await s.ok('sleep 2');
    expect(await s.ok(STATUS('http://edition.cnn.com:8080/politics'))).toBe('200');
    await s.ok('kubectl delete serviceentry edition-cnn-com && kubectl delete destinationrule edition-cnn-com');
  });

  it('an nginx with a self-made CA: no CA fails, insecureSkipVerify passes, the credential ca.crt passes, another CA fails', async () => {
    await s.ok(`openssl req -x509 -sha256 -nodes -days 365 -newkey rsa:2048 -subj '/O=example Inc./CN=example.com' -keyout example.com.key -out example.com.crt
openssl req -x509 -sha256 -nodes -days 365 -newkey rsa:2048 -subj '/O=other Inc./CN=other.org' -keyout other.org.key -out other.org.crt
openssl req -out my-nginx.csr -newkey rsa:2048 -nodes -keyout my-nginx.key -subj "/CN=my-nginx.mesh-external.svc.cluster.local/O=some organization"
openssl x509 -req -sha256 -days 365 -CA example.com.crt -CAkey example.com.key -set_serial 0 -in my-nginx.csr -out my-nginx.crt`);
    await s.ok('kubectl create namespace mesh-external');
    await s.ok('kubectl create -n mesh-external secret tls nginx-server-certs --key my-nginx.key --cert my-nginx.crt');
    await s.ok(NGINX);
    await s.ok('kubectl wait --for=condition=ready pod -l run=my-nginx -n mesh-external --timeout=120s');
    await s.ok(`kubectl create secret generic nginx-ca --from-file=ca.crt=example.com.crt
kubectl create secret generic other-ca --from-file=ca.crt=other.org.crt`);

    await s.ok(nginxRule('        mode: SIMPLE\n        sni: my-nginx.mesh-external.svc.cluster.local'));
    await s.ok('sleep 2');
    expect(await s.ok(CURL(NGINX_URL))).toBe(VERIFY_FAILED);

    await s.ok(nginxRule('        mode: SIMPLE\n        insecureSkipVerify: true'));
    await s.ok('sleep 2');
    expect(await s.ok(CURL(NGINX_URL))).toMatch(/<title>Welcome to nginx!<\/title>/);
    const insecure = await s.ok(
      'istioctl proxy-config cluster "$SOURCE_POD" --fqdn my-nginx.mesh-external.svc.cluster.local -o json',
    );
    expect(insecure).toContain('"validationContext": {}');

    await s.ok(nginxRule('        mode: SIMPLE\n        credentialName: nginx-ca'));
    await s.ok('sleep 2');
    expect(await s.ok(CURL(NGINX_URL))).toMatch(/<title>Welcome to nginx!<\/title>/);

    await s.ok(nginxRule('        mode: SIMPLE\n        credentialName: other-ca'));
    await s.ok('sleep 2');
    expect(await s.ok(CURL(NGINX_URL))).toBe(VERIFY_FAILED);
    const pc = await s.ok(
      'istioctl proxy-config cluster "$SOURCE_POD" --fqdn my-nginx.mesh-external.svc.cluster.local -o json',
    );
    expect(pc).toContain('"name": "kubernetes://other-ca-cacert"');
  });

  it('the right CA with a SAN the certificate lacks fails (Envoy matches SANs, not the subject CN)', async () => {
    await s.ok(
      nginxRule(
        '        mode: SIMPLE\n        credentialName: nginx-ca\n        subjectAltNames:\n        - my-nginx.mesh-external.svc.cluster.local',
      ),
    );
    await s.ok('sleep 2');
    expect(await s.ok(CURL(NGINX_URL))).toBe(VERIFY_FAILED);
  });

  // https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway-tls-origination/: the gateway
  // originates the TLS, so it is the gateway's proxy that refuses the server.
  it('an egress gateway originating TLS verifies the server the same way', async () => {
    const originate = (sans: string) => `kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: originate-tls-for-edition-cnn-com
spec:
  host: edition.cnn.com
  trafficPolicy:
    loadBalancer:
      simple: ROUND_ROBIN
    portLevelSettings:
    - port:
        number: 443
      tls:
        mode: SIMPLE
        subjectAltNames:
        - ${sans}
EOF`;
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: cnn
spec:
  hosts:
  - edition.cnn.com
  ports:
  - number: 80
    name: http
    protocol: HTTP
  - number: 443
    name: https
    protocol: HTTPS
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: istio-egressgateway
spec:
  selector:
    istio: egressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - edition.cnn.com
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egressgateway-for-cnn
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: cnn
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: direct-cnn-through-egress-gateway
spec:
  hosts:
  - edition.cnn.com
  gateways:
  - istio-egressgateway
  - mesh
  http:
  - match:
    - gateways:
      - mesh
      port: 80
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: cnn
        port:
          number: 80
      weight: 100
  - match:
    - gateways:
      - istio-egressgateway
      port: 80
    route:
    - destination:
        host: edition.cnn.com
        port:
          number: 443
      weight: 100
EOF`);
    await s.ok(originate('www.example.com'));
    await s.ok('sleep 2');
    expect(await s.ok(CURL('http://edition.cnn.com/politics'))).toBe(VERIFY_FAILED);
    const log = await s.ok('kubectl logs -l istio=egressgateway -c istio-proxy -n istio-system | tail -1');
    expect(log).toMatch(/" 503 UF,URX .*CERTIFICATE_VERIFY_FAILED.* outbound\|443\|\|edition\.cnn\.com /);
    await s.ok(originate('edition.cnn.com'));
    await s.ok('sleep 2');
    expect(await s.ok(STATUS('http://edition.cnn.com/politics'))).toBe('200');
  });
});
