import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/egress/egress-tls-origination/ — TLS origination for
// egress traffic, then mutual TLS origination to an nginx in mesh-external that requires a client certificate.
const CURL_POLITICS = (scheme: string) =>
  `kubectl exec "\${SOURCE_POD}" -c sleep -- curl -sSL -o /dev/null -D - ${scheme}://edition.cnn.com/politics`;

const NGINX_URL = 'http://my-nginx.mesh-external.svc.cluster.local:443';

const NGINX_CONF = `cat <<\\EOF > ./nginx.conf
events {
}

http {
  log_format main '$remote_addr - $remote_user [$time_local]  $status '
  '"$request" $body_bytes_sent "$http_referer" '
  '"$http_user_agent" "$http_x_forwarded_for"';
  access_log /var/log/nginx/access.log main;
  error_log  /var/log/nginx/error.log;

  server {
    listen 443 ssl;

    root /usr/share/nginx/html;
    index index.html;

    server_name my-nginx.mesh-external.svc.cluster.local;
    ssl_certificate /etc/nginx-server-certs/tls.crt;
    ssl_certificate_key /etc/nginx-server-certs/tls.key;
    ssl_client_certificate /etc/nginx-ca-certs/example.com.crt;
    ssl_verify_client on;
  }
}
EOF`;

const NGINX_DEPLOYMENT = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: my-nginx
  namespace: mesh-external
  labels:
    run: my-nginx
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
  replicas: 1
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
        - name: nginx-ca-certs
          mountPath: /etc/nginx-ca-certs
          readOnly: true
      volumes:
      - name: nginx-config
        configMap:
          name: nginx-configmap
      - name: nginx-server-certs
        secret:
          secretName: nginx-server-certs
      - name: nginx-ca-certs
        secret:
          secretName: nginx-ca-certs
EOF`;

describe('istio.io task: egress TLS origination', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl label namespace default istio-injection=enabled --overwrite');
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    await s.ok('kubectl wait --for=condition=ready pod -l app=sleep --timeout=120s');
    await s.ok('export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})');
  });
  afterAll(() => s.dispose());

  it('without origination, http is redirected to https and curl -L follows (301, then HTTP/2 200)', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: ServiceEntry
metadata:
  name: edition-cnn-com
spec:
  hosts:
  - edition.cnn.com
  ports:
  - number: 80
    name: http-port
    protocol: HTTP
  - number: 443
    name: https-port
    protocol: HTTPS
  resolution: DNS
EOF`);
    await s.ok('sleep 2');
    const out = await s.ok(CURL_POLITICS('http'));
    expect(out).toMatch(/^HTTP\/1\.1 301 Moved Permanently\r\n/);
    expect(out).toContain('location: https://edition.cnn.com/politics\r\n');
    expect(out).toMatch(/\r\n\r\nHTTP\/2 200 \r\n/);
  });

  it('a DestinationRule with tls SIMPLE on port 80 makes the sidecar originate TLS: 200 with no redirect', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: ServiceEntry
metadata:
  name: edition-cnn-com
spec:
  hosts:
  - edition.cnn.com
  ports:
  - number: 80
    name: http-port
    protocol: HTTP
    targetPort: 443
  - number: 443
    name: https-port
    protocol: HTTPS
  resolution: DNS
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: edition-cnn-com
spec:
  host: edition.cnn.com
  trafficPolicy:
    portLevelSettings:
    - port:
        number: 80
      tls:
        mode: SIMPLE # initiates HTTPS when accessing edition.cnn.com
EOF`);
    await s.ok('sleep 2');
    const http = await s.ok(CURL_POLITICS('http'));
    expect(http).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(http).not.toContain('301');
    const https = await s.ok(CURL_POLITICS('https'));
    expect(https).toMatch(/^HTTP\/2 200 \r\n/);
    const log = await s.ok('kubectl logs "$SOURCE_POD" -c istio-proxy | tail -2');
    expect(log).toMatch(/"GET \/politics HTTP\/1\.1" 200 .* outbound\|80\|\|edition\.cnn\.com /);
  });

  it('cleanup of the TLS origination configuration', async () => {
    await s.ok(`kubectl delete serviceentry edition-cnn-com
kubectl delete destinationrule edition-cnn-com`);
  });

  it('mutual TLS origination: certificates, an nginx that requires a client certificate, the client credential', async () => {
    await s.ok(`openssl req -x509 -sha256 -nodes -days 365 -newkey rsa:2048 -subj '/O=example Inc./CN=example.com' -keyout example.com.key -out example.com.crt
openssl req -out my-nginx.mesh-external.svc.cluster.local.csr -newkey rsa:2048 -nodes -keyout my-nginx.mesh-external.svc.cluster.local.key -subj "/CN=my-nginx.mesh-external.svc.cluster.local/O=some organization"
openssl x509 -req -sha256 -days 365 -CA example.com.crt -CAkey example.com.key -set_serial 0 -in my-nginx.mesh-external.svc.cluster.local.csr -out my-nginx.mesh-external.svc.cluster.local.crt
openssl req -out client.example.com.csr -newkey rsa:2048 -nodes -keyout client.example.com.key -subj "/CN=client.example.com/O=client organization"
openssl x509 -req -sha256 -days 365 -CA example.com.crt -CAkey example.com.key -set_serial 1 -in client.example.com.csr -out client.example.com.crt`);
    await s.ok('kubectl create namespace mesh-external');
    await s.ok(`kubectl create -n mesh-external secret tls nginx-server-certs --key my-nginx.mesh-external.svc.cluster.local.key --cert my-nginx.mesh-external.svc.cluster.local.crt
kubectl create -n mesh-external secret generic nginx-ca-certs --from-file=example.com.crt`);
    await s.ok(NGINX_CONF);
    await s.ok('kubectl create configmap nginx-configmap -n mesh-external --from-file=nginx.conf=./nginx.conf');
    await s.ok(NGINX_DEPLOYMENT);
    await s.ok('kubectl wait --for=condition=ready pod -l run=my-nginx -n mesh-external --timeout=120s');
    await s.ok(`kubectl create secret generic client-credential --from-file=tls.key=client.example.com.key \
  --from-file=tls.crt=client.example.com.crt --from-file=ca.crt=example.com.crt`);
    await s.ok(`kubectl create role client-credential-role --resource=secret --verb=list
kubectl create rolebinding client-credential-role-binding --role=client-credential-role --serviceaccount=default:sleep`);
  });

  it('without origination nginx refuses the plain request on its TLS port', async () => {
    const out = await s.ok(
      `kubectl exec "$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})" -c sleep -- curl -sS ${NGINX_URL}`,
    );
    expect(out).toContain('<center>The plain HTTP request was sent to HTTPS port</center>');
  });

  it('a DestinationRule MUTUAL with credentialName: the sidecar presents the client certificate, nginx answers', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: originate-mtls-for-nginx
spec:
  workloadSelector:
    matchLabels:
      app: sleep
  host: my-nginx.mesh-external.svc.cluster.local
  trafficPolicy:
    loadBalancer:
      simple: ROUND_ROBIN
    portLevelSettings:
    - port:
        number: 443
      tls:
        mode: MUTUAL
        credentialName: client-credential # this must match the secret created earlier to hold client certs, and works only when DR has a workloadSelector
        sni: my-nginx.mesh-external.svc.cluster.local # this is optional
EOF`);
    await s.ok('sleep 2');
    const page = await s.ok(
      `kubectl exec "$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})" -c sleep -- curl -sS ${NGINX_URL}`,
    );
    expect(page).toMatch(/^<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>\n/);
    const log = await s.ok(
      "kubectl logs -l app=sleep -c istio-proxy | grep 'my-nginx.mesh-external.svc.cluster.local'",
    );
    expect(log).toMatch(/"GET \/ HTTP\/1\.1" 200 .*outbound\|443\|\|my-nginx\.mesh-external\.svc\.cluster\.local /);
  });

  it('cleanup', async () => {
    await s.ok(`kubectl delete secret nginx-server-certs nginx-ca-certs -n mesh-external
kubectl delete configmap nginx-configmap -n mesh-external
kubectl delete service my-nginx -n mesh-external
kubectl delete deployment my-nginx -n mesh-external
kubectl delete namespace mesh-external
kubectl delete destinationrule originate-mtls-for-nginx`);
    await s.ok(`kubectl delete service sleep
kubectl delete deployment sleep`);
  });
});
