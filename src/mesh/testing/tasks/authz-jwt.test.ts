import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/v1.30/docs/tasks/security/authorization/authz-jwt/ — every command as printed, in order.
const CURL_POD = '"$(kubectl get pod -l app=curl -n foo -o jsonpath={.items..metadata.name})"';
const HEADERS = (extra: string): string =>
  `kubectl exec ${CURL_POD} -c curl -n foo -- curl "http://httpbin.foo:8000/headers" -sS -o /dev/null ${extra}-w "%{http_code}\\n"`;
const SAMPLES = 'https://raw.githubusercontent.com/istio/istio/release-1.30/security/tools/jwt/samples';

const requireJwt = (when: string): string => `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: require-jwt
  namespace: foo
spec:
  selector:
    matchLabels:
      app: httpbin
  action: ALLOW
  rules:
  - from:
    - source:
       requestPrincipals: ["testing@secure.istio.io/testing@secure.istio.io"]
${when}EOF`;

describe('istio.io task: authorization with JWT', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio', seed: 7 });
    await s.ok(`kubectl create ns foo
kubectl apply -f <(istioctl kube-inject -f samples/httpbin/httpbin.yaml) -n foo
kubectl apply -f <(istioctl kube-inject -f samples/curl/curl.yaml) -n foo`);
    await s.ok('kubectl wait --for=condition=ready pod --all -n foo --timeout=120s');
  });
  afterAll(() => s.dispose());

  it('before you begin: curl reaches httpbin', async () => {
    expect(
      await s.ok(
        `kubectl exec ${CURL_POD} -c curl -n foo -- curl http://httpbin.foo:8000/ip -sS -o /dev/null -w "%{http_code}\\n"`,
      ),
    ).toBe('200\n');
  });

  it('RequestAuthentication: an invalid token gets 401, no token still passes', async () => {
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata:
  name: "jwt-example"
  namespace: foo
spec:
  selector:
    matchLabels:
      app: httpbin
  jwtRules:
  - issuer: "testing@secure.istio.io"
    jwksUri: "${SAMPLES}/jwks.json"
EOF`),
    ).toBe('requestauthentication.security.istio.io/jwt-example created\n');
    expect(await s.ok(HEADERS('-H "Authorization: Bearer invalidToken" '))).toBe('401\n');
    expect(await s.ok(HEADERS(''))).toBe('200\n');
  });

  it('require-jwt: the demo token passes, no token is denied', async () => {
    expect(await s.ok(requireJwt(''))).toBe('authorizationpolicy.security.istio.io/require-jwt created\n');
    expect(
      await s.ok(`TOKEN=$(curl ${SAMPLES}/demo.jwt -s) && echo "$TOKEN" | cut -d '.' -f2 - | base64 --decode -`),
    ).toBe(
      '{"exp":4685989700,"foo":"bar","iat":1532389700,"iss":"testing@secure.istio.io","sub":"testing@secure.istio.io"}',
    );
    expect(await s.ok(HEADERS('-H "Authorization: Bearer $TOKEN" '))).toBe('200\n');
    expect(await s.ok(HEADERS(''))).toBe('403\n');
  });

  it('a groups claim: the list-claim token passes, the demo token (no groups) is denied', async () => {
    expect(
      await s.ok(
        requireJwt(`    when:
    - key: request.auth.claims[groups]
      values: ["group1"]
`),
      ),
    ).toBe('authorizationpolicy.security.istio.io/require-jwt configured\n');
    expect(
      await s.ok(
        `TOKEN_GROUP=$(curl ${SAMPLES}/groups-scope.jwt -s) && echo "$TOKEN_GROUP" | cut -d '.' -f2 - | base64 --decode -`,
      ),
    ).toBe(
      '{"exp":3537391104,"groups":["group1","group2"],"iat":1537391104,"iss":"testing@secure.istio.io","scope":["scope1","scope2"],"sub":"testing@secure.istio.io"}',
    );
    expect(await s.ok(HEADERS('-H "Authorization: Bearer $TOKEN_GROUP" '))).toBe('200\n');
    expect(await s.ok(HEADERS('-H "Authorization: Bearer $TOKEN" '))).toBe('403\n');
  });

  it('variants: other claims, a tampered token, the body and challenge of a 401', async () => {
    const verbose = await s.run(
      `kubectl exec ${CURL_POD} -c curl -n foo -- curl -s -i "http://httpbin.foo:8000/headers?x=1" -H "Authorization: Bearer \${TOKEN%?}A"`,
    );
    expect(verbose.stdout).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(verbose.stdout).toContain(
      'www-authenticate: Bearer realm="http://httpbin.foo:8000/headers", error="invalid_token"\r\n',
    );
    expect(verbose.stdout.endsWith('\r\n\r\nJwt verification fails')).toBe(true);
    await s.ok(
      requireJwt(`    when:
    - key: request.auth.claims[scope]
      values: ["scope2"]
    - key: request.auth.claims[foo]
      notValues: ["bar"]
`),
    );
    expect(await s.ok(HEADERS('-H "Authorization: Bearer $TOKEN_GROUP" '))).toBe('200\n');
    expect(await s.ok(HEADERS('-H "Authorization: Bearer $TOKEN" '))).toBe('403\n');
  });

  it('clean up', async () => {
    expect(await s.ok('kubectl delete namespace foo')).toBe('namespace "foo" deleted\n');
  });
});
