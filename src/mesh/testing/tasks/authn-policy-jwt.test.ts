import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';
import { MESH_EPOCH_MS } from '../../index';
import { signSampleJwt } from '../jwt-sample-key';

// https://istio.io/v1.30/docs/tasks/security/authentication/authn-policy/#end-user-authentication — the
// Istio-API tab (mutual-tls.test.ts covers the page's first half).
const SAMPLES = 'https://raw.githubusercontent.com/istio/istio/release-1.30/security/tools/jwt/samples';
const status = (path: string, extra = ''): string =>
  `curl ${extra}"$INGRESS_HOST:$INGRESS_PORT${path}" -s -o /dev/null -w "%{http_code}\\n"`;

const frontendIngress = (to: string): string => `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: "frontend-ingress"
  namespace: istio-system
spec:
  selector:
    matchLabels:
      istio: ingressgateway
  action: DENY
  rules:
  - from:
    - source:
        notRequestPrincipals: ["*"]
${to}EOF`;

describe('istio.io task: authentication policy (end-user authentication)', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio', seed: 11 });
    await s.ok(`kubectl create ns foo
kubectl apply -f <(istioctl kube-inject -f samples/httpbin/httpbin.yaml) -n foo
kubectl apply -f <(istioctl kube-inject -f samples/curl/curl.yaml) -n foo`);
    await s.ok('kubectl wait --for=condition=ready pod --all -n foo --timeout=120s');
  });
  afterAll(() => s.dispose());

  it('httpbin through the ingress gateway answers without a token', async () => {
    expect(await s.ok('kubectl apply -f samples/httpbin/httpbin-gateway.yaml -n foo')).toBe(
      'gateway.networking.istio.io/httpbin-gateway created\nvirtualservice.networking.istio.io/httpbin created\n',
    );
    // Determining the ingress IP and ports: an NKS load balancer has a host name.
    await s.ok(
      "export INGRESS_HOST=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')",
    );
    await s.ok(
      'export INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath=\'{.spec.ports[?(@.name=="http2")].port}\')',
    );
    expect(await s.ok(status('/headers'))).toBe('200\n');
  });

  it('RequestAuthentication on the gateway: no token 200, a bad token 401, the demo token 200', async () => {
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata:
  name: "jwt-example"
  namespace: istio-system
spec:
  selector:
    matchLabels:
      istio: ingressgateway
  jwtRules:
  - issuer: "testing@secure.istio.io"
    jwksUri: "${SAMPLES}/jwks.json"
EOF`),
    ).toBe('requestauthentication.security.istio.io/jwt-example created\n');
    expect(await s.ok(status('/headers'))).toBe('200\n');
    expect(await s.ok(status('/headers', '--header "Authorization: Bearer deadbeef" '))).toBe('401\n');
    await s.ok(`TOKEN=$(curl ${SAMPLES}/demo.jwt -s)`);
    expect(await s.ok(status('/headers', '--header "Authorization: Bearer $TOKEN" '))).toBe('200\n');
  });

  it('the gen-jwt.py flow is not simulated, and says so', async () => {
    const out = await s.run('TOKEN5=$(python3 ./gen-jwt.py ./key.pem --expire 5)');
    expect(out.exitCode).toBe(127);
    expect(out.stderr).toContain('gen-jwt.py flow');
  });

  it('require a valid token: DENY without a request principal → 403', async () => {
    expect(await s.ok(frontendIngress(''))).toBe('authorizationpolicy.security.istio.io/frontend-ingress created\n');
    expect(await s.ok(status('/headers'))).toBe('403\n');
    expect(await s.ok(status('/headers', '--header "Authorization: Bearer $TOKEN" '))).toBe('200\n');
  });

  it('require valid tokens per path: /headers 403, /ip 200', async () => {
    await s.ok(
      frontendIngress(`    to:
    - operation:
        paths: ["/headers"]
`),
    );
    expect(await s.ok(status('/headers'))).toBe('403\n');
    expect(await s.ok(status('/ip'))).toBe('200\n');
  });

  it('the token does not reach httpbin; expired and foreign tokens get 401 with the reason', async () => {
    const headers = await s.ok('curl -s --header "Authorization: Bearer $TOKEN" "$INGRESS_HOST:$INGRESS_PORT/headers"');
    expect(headers).not.toContain('Authorization');
    const now = Math.floor(MESH_EPOCH_MS / 1000);
    const iss = 'testing@secure.istio.io';
    const expired = await signSampleJwt({ iss, sub: iss, exp: now - 3600 });
    const foreign = await signSampleJwt({ iss: 'someone@else.example', sub: 'x', exp: now + 3600 });
    const body = (token: string): Promise<string> =>
      s.ok(`curl -s --header "Authorization: Bearer ${token}" "$INGRESS_HOST:$INGRESS_PORT/ip"`);
    expect(await body(expired)).toBe('Jwt is expired');
    expect(await body(foreign)).toBe('Jwt issuer is not configured');
  });

  it('cleanup part 3', async () => {
    expect(await s.ok('kubectl -n istio-system delete requestauthentication jwt-example')).toBe(
      'requestauthentication.security.istio.io "jwt-example" deleted\n',
    );
    expect(await s.ok('kubectl -n istio-system delete authorizationpolicy frontend-ingress')).toBe(
      'authorizationpolicy.security.istio.io "frontend-ingress" deleted\n',
    );
    expect(await s.ok('rm -f ./gen-jwt.py ./key.pem')).toBe('');
    expect(await s.ok('kubectl delete ns foo')).toBe('namespace "foo" deleted\n');
  });
});
