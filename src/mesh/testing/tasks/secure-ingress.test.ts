import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/ — the Istio-API tab, with the
// ingress address as NKS gives it (a load balancer host name, the page's `hostname` variant).
const TEAPOT = `
    -=[ teapot ]=-

       _...._
     .'  _ _ \`.
    | ."\` ^ \`". _,
    \\_;\`"---"\`|//
      |       ;/
      \\_     _/
        \`"""\``;

const curlHttpbin = (ca: string, extra = '') =>
  `curl -v -HHost:httpbin.example.com --resolve "httpbin.example.com:$SECURE_INGRESS_PORT:$INGRESS_HOST" \\
  --cacert ${ca} ${extra}"https://httpbin.example.com:$SECURE_INGRESS_PORT/status/418"`;

const GATEWAY_SIMPLE = `cat <<EOF | kubectl apply -f -
apiVersion: networking.istio.io/v1alpha3
kind: Gateway
metadata:
  name: mygateway
spec:
  selector:
    istio: ingressgateway # use istio default ingress gateway
  servers:
  - port:
      number: 443
      name: https
      protocol: HTTPS
    tls:
      mode: SIMPLE
      credentialName: httpbin-credential # must be the same as secret
    hosts:
    - httpbin.example.com
EOF`;

describe('istio.io task: secure gateways', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('export INGRESS_NAME=istio-ingressgateway');
    await s.ok('export INGRESS_NS=istio-system');
    await s.ok(
      `export INGRESS_HOST=$(kubectl -n "$INGRESS_NS" get service "$INGRESS_NAME" -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')`,
    );
    await s.ok(
      `export SECURE_INGRESS_PORT=$(kubectl -n "$INGRESS_NS" get service "$INGRESS_NAME" -o jsonpath='{.spec.ports[?(@.name=="https")].port}')`,
    );
    await s.ok('kubectl wait --for=condition=ready pod -l app=httpbin --timeout=120s');
  });
  afterAll(() => s.dispose());

  it('generates the client and server certificates and keys', async () => {
    await s.ok(`mkdir example_certs1
openssl req -x509 -sha256 -nodes -days 365 -newkey rsa:2048 -subj '/O=example Inc./CN=example.com' -keyout example_certs1/example.com.key -out example_certs1/example.com.crt`);
    await s.ok(`openssl req -out example_certs1/httpbin.example.com.csr -newkey rsa:2048 -nodes -keyout example_certs1/httpbin.example.com.key -subj "/CN=httpbin.example.com/O=httpbin organization"
openssl x509 -req -sha256 -days 365 -CA example_certs1/example.com.crt -CAkey example_certs1/example.com.key -set_serial 0 -in example_certs1/httpbin.example.com.csr -out example_certs1/httpbin.example.com.crt`);
    await s.ok(`mkdir example_certs2
openssl req -x509 -sha256 -nodes -days 365 -newkey rsa:2048 -subj '/O=example Inc./CN=example.com' -keyout example_certs2/example.com.key -out example_certs2/example.com.crt
openssl req -out example_certs2/httpbin.example.com.csr -newkey rsa:2048 -nodes -keyout example_certs2/httpbin.example.com.key -subj "/CN=httpbin.example.com/O=httpbin organization"
openssl x509 -req -sha256 -days 365 -CA example_certs2/example.com.crt -CAkey example_certs2/example.com.key -set_serial 0 -in example_certs2/httpbin.example.com.csr -out example_certs2/httpbin.example.com.crt`);
    await s.ok(`openssl req -out example_certs1/helloworld.example.com.csr -newkey rsa:2048 -nodes -keyout example_certs1/helloworld.example.com.key -subj "/CN=helloworld.example.com/O=helloworld organization"
openssl x509 -req -sha256 -days 365 -CA example_certs1/example.com.crt -CAkey example_certs1/example.com.key -set_serial 1 -in example_certs1/helloworld.example.com.csr -out example_certs1/helloworld.example.com.crt`);
    await s.ok(`openssl req -out example_certs1/client.example.com.csr -newkey rsa:2048 -nodes -keyout example_certs1/client.example.com.key -subj "/CN=client.example.com/O=client organization"
openssl x509 -req -sha256 -days 365 -CA example_certs1/example.com.crt -CAkey example_certs1/example.com.key -set_serial 1 -in example_certs1/client.example.com.csr -out example_certs1/client.example.com.crt`);
    const listing = await s.ok('ls example_cert*');
    for (const name of ['client.example.com.key', 'helloworld.example.com.crt', 'httpbin.example.com.csr'])
      expect(listing).toContain(name);
    expect(listing).toContain('example_certs2:');
  });

  it('a SIMPLE server on 443 serves its credential by SNI and routes to httpbin (HTTP/2 418)', async () => {
    await s.ok(`kubectl create -n istio-system secret tls httpbin-credential \\
  --key=example_certs1/httpbin.example.com.key \\
  --cert=example_certs1/httpbin.example.com.crt`);
    await s.ok(GATEWAY_SIMPLE);
    await s.ok(`cat <<EOF | kubectl apply -f -
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
  - "httpbin.example.com"
  gateways:
  - mygateway
  http:
  - match:
    - uri:
        prefix: /status
    - uri:
        prefix: /delay
    route:
    - destination:
        port:
          number: 8000
        host: httpbin
EOF`);
    await s.ok('sleep 2');
    const out = await s.run(curlHttpbin('example_certs1/example.com.crt'));
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(TEAPOT);
    expect(out.stderr).toContain('* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n');
    expect(out.stderr).toContain('* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / RSASSA-PSS\n');
    expect(out.stderr).toContain('* ALPN: server accepted h2\n');
    expect(out.stderr).toContain('*  subject: CN=httpbin.example.com; O=httpbin organization\n');
    expect(out.stderr).toContain('*  issuer: O=example Inc.; CN=example.com\n');
    expect(out.stderr).toContain('< HTTP/2 418 \n');
    expect(out.stderr).toContain('< server: istio-envoy\n');

    const listeners = await s.ok('istioctl proxy-config listeners deploy/istio-ingressgateway -n istio-system');
    expect(listeners).toMatch(
      /0\.0\.0\.0 +8443 +SNI: httpbin\.example\.com +Route: https\.443\.https\.mygateway\.default/,
    );
    const secrets = await s.ok('istioctl proxy-config secret deploy/istio-ingressgateway -n istio-system');
    expect(secrets).toMatch(/kubernetes:\/\/httpbin-credential +Cert Chain +ACTIVE/);
  });

  it('a name no server has fails the handshake (exit 35)', async () => {
    const out = await s.run(
      'curl -sS -HHost:other.example.com --resolve "other.example.com:$SECURE_INGRESS_PORT:$INGRESS_HOST" --cacert example_certs1/example.com.crt "https://other.example.com:$SECURE_INGRESS_PORT/status/418"',
    );
    expect(out.exitCode).toBe(35);
    expect(out.stderr).toMatch(
      /^curl: \(35\) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to other\.example\.com:443 \n$/,
    );
  });

  it('rotating the secret serves the new certificate; the old CA no longer verifies it', async () => {
    await s.ok(`kubectl -n istio-system delete secret httpbin-credential
kubectl create -n istio-system secret tls httpbin-credential \\
  --key=example_certs2/httpbin.example.com.key \\
  --cert=example_certs2/httpbin.example.com.crt`);
    await s.ok('sleep 2');
    const fresh = await s.run(curlHttpbin('example_certs2/example.com.crt'));
    expect(fresh.exitCode).toBe(0);
    expect(fresh.stdout).toContain(TEAPOT);
    expect(fresh.stderr).toContain('< HTTP/2 418 \n');
    // The page shows LibreSSL's wording (exit 35); OpenSSL 3's curl refuses the chain with exit 60.
    const stale = await s.run(curlHttpbin('example_certs1/example.com.crt'));
    expect(stale.exitCode).toBe(60);
    expect(stale.stdout).toBe('');
    expect(stale.stderr).toContain('curl: (60) SSL certificate problem: unable to get local issuer certificate\n');
  });

  it('two hosts on one port, each with its own certificate', async () => {
    await s.ok(`kubectl -n istio-system delete secret httpbin-credential
kubectl create -n istio-system secret tls httpbin-credential \\
  --key=example_certs1/httpbin.example.com.key \\
  --cert=example_certs1/httpbin.example.com.crt`);
    await s.ok(`kubectl apply -f samples/helloworld/helloworld.yaml -l service=helloworld
kubectl apply -f samples/helloworld/helloworld.yaml -l version=v1`);
    await s.ok(`kubectl create -n istio-system secret tls helloworld-credential \\
  --key=example_certs1/helloworld.example.com.key \\
  --cert=example_certs1/helloworld.example.com.crt`);
    await s.ok(`cat <<EOF | kubectl apply -f -
apiVersion: networking.istio.io/v1alpha3
kind: Gateway
metadata:
  name: mygateway
spec:
  selector:
    istio: ingressgateway # use istio default ingress gateway
  servers:
  - port:
      number: 443
      name: https-httpbin
      protocol: HTTPS
    tls:
      mode: SIMPLE
      credentialName: httpbin-credential
    hosts:
    - httpbin.example.com
  - port:
      number: 443
      name: https-helloworld
      protocol: HTTPS
    tls:
      mode: SIMPLE
      credentialName: helloworld-credential
    hosts:
    - helloworld.example.com
EOF`);
    await s.ok(`cat <<EOF | kubectl apply -f -
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: helloworld
spec:
  hosts:
  - helloworld.example.com
  gateways:
  - mygateway
  http:
  - match:
    - uri:
        exact: /hello
    route:
    - destination:
        host: helloworld
        port:
          number: 5000
EOF`);
    await s.ok('kubectl wait --for=condition=ready pod -l app=helloworld --timeout=120s');
    const hello =
      await s.run(`curl -v -HHost:helloworld.example.com --resolve "helloworld.example.com:$SECURE_INGRESS_PORT:$INGRESS_HOST" \\
  --cacert example_certs1/example.com.crt "https://helloworld.example.com:$SECURE_INGRESS_PORT/hello"`);
    expect(hello.stderr).toContain('< HTTP/2 200 \n');
    expect(hello.stderr).toContain('*  subject: CN=helloworld.example.com; O=helloworld organization\n');
    expect(hello.stdout).toMatch(/^Hello version: v1, instance: helloworld-v1-[a-z0-9]+-[a-z0-9]{5}\n$/);
    const httpbin = await s.run(curlHttpbin('example_certs1/example.com.crt'));
    expect(httpbin.stdout).toContain(TEAPOT);
    expect(httpbin.stderr).toContain('*  subject: CN=httpbin.example.com; O=httpbin organization\n');
  });

  it('MUTUAL: without a client certificate the first read gets the alert (exit 56); with one it passes', async () => {
    await s.ok(`kubectl -n istio-system delete secret httpbin-credential
kubectl create -n istio-system secret generic httpbin-credential \\
  --from-file=tls.key=example_certs1/httpbin.example.com.key \\
  --from-file=tls.crt=example_certs1/httpbin.example.com.crt \\
  --from-file=ca.crt=example_certs1/example.com.crt`);
    await s.ok(GATEWAY_SIMPLE.replace('mode: SIMPLE', 'mode: MUTUAL'));
    await s.ok('sleep 2');
    const refused =
      await s.run(`curl -v -HHost:httpbin.example.com --resolve "httpbin.example.com:$SECURE_INGRESS_PORT:$INGRESS_HOST" \\
--cacert example_certs1/example.com.crt "https://httpbin.example.com:$SECURE_INGRESS_PORT/status/418"`);
    expect(refused.exitCode).toBe(56);
    expect(refused.stderr).toContain(
      [
        '* TLSv1.3 (IN), TLS handshake, Server hello (2):',
        '* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):',
        '* TLSv1.3 (IN), TLS handshake, Request CERT (13):',
        '* TLSv1.3 (IN), TLS handshake, Certificate (11):',
        '* TLSv1.3 (IN), TLS handshake, CERT verify (15):',
        '* TLSv1.3 (IN), TLS handshake, Finished (20):',
        '* TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):',
        '* TLSv1.3 (OUT), TLS handshake, Certificate (11):',
        '* TLSv1.3 (OUT), TLS handshake, Finished (20):',
      ].join('\n'),
    );
    expect(refused.stderr).toContain('* TLSv1.3 (IN), TLS alert, unknown (628):\n');
    expect(refused.stderr).toContain(
      '* OpenSSL SSL_read: OpenSSL/3.3.2: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0\n',
    );
    const accepted =
      await s.run(`curl -v -HHost:httpbin.example.com --resolve "httpbin.example.com:$SECURE_INGRESS_PORT:$INGRESS_HOST" \\
  --cacert example_certs1/example.com.crt --cert example_certs1/client.example.com.crt --key example_certs1/client.example.com.key \\
  "https://httpbin.example.com:$SECURE_INGRESS_PORT/status/418"`);
    expect(accepted.exitCode).toBe(0);
    expect(accepted.stdout).toContain(TEAPOT);
    const secrets = await s.ok('istioctl proxy-config secret deploy/istio-ingressgateway -n istio-system');
    expect(secrets).toMatch(/kubernetes:\/\/httpbin-credential-cacert +CA +ACTIVE/);
  });

  it('cleanup', async () => {
    await s.ok('kubectl delete gateway mygateway');
    await s.ok('kubectl delete virtualservice httpbin helloworld');
    await s.ok(`kubectl delete -n istio-system secret httpbin-credential helloworld-credential
rm -rf ./example_certs1 ./example_certs2`);
    await s.ok(`kubectl delete -f samples/httpbin/httpbin.yaml
kubectl delete deployment helloworld-v1
kubectl delete service helloworld`);
  });
});
