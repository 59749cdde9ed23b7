import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/security/authorization/authz-ingress/ — the Gateway API tab: httpbin's
// Gateway API gateway deployed in foo, the policy attached to it by targetRef instead of a selector.
const GATEWAY_PODS =
  "kubectl get pods -n foo -o name -l gateway.networking.k8s.io/gateway-name=httpbin-gateway | sed 's|pod/||'";
const CURL = 'curl "$INGRESS_HOST:$INGRESS_PORT"/headers -s -o /dev/null -w "%{http_code}\\n"';

function policy(action: 'ALLOW' | 'DENY', field: 'ipBlocks' | 'remoteIpBlocks', blocks: string): string {
  return `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ingress-policy
  namespace: foo
spec:
  targetRef:
    kind: Gateway
    group: gateway.networking.k8s.io
    name: httpbin-gateway
  action: ${action}
  rules:
  - from:
    - source:
        ${field}: [${blocks}]
EOF`;
}

const clientIp = (field: 3 | 4): string =>
  `CLIENT_IP=$(${GATEWAY_PODS} | while read -r pod; do kubectl logs "$pod" -n foo | grep remoteIP; done | tail -1 | awk -F, '{print $${field}}' | awk -F: '{print $2}' | sed 's/ //') && echo "$CLIENT_IP"`;

describe('istio.io task: ingress access control (Gateway API)', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok(`kubectl get crd gateways.gateway.networking.k8s.io &> /dev/null || \\
  { kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0" | kubectl apply -f -; }`);
    await s.ok(`kubectl create ns foo
kubectl label namespace foo istio-injection=enabled
kubectl apply -f samples/httpbin/httpbin.yaml -n foo`);
  });
  afterAll(() => s.dispose());

  it('creates the gateway, turns on its RBAC debug log and reaches httpbin', async () => {
    expect(await s.ok('kubectl apply -f samples/httpbin/gateway-api/httpbin-gateway.yaml -n foo')).toBe(
      'gateway.gateway.networking.k8s.io/httpbin-gateway created\nhttproute.gateway.networking.k8s.io/httpbin created\n',
    );
    expect(await s.ok('kubectl wait --for=condition=programmed gtw -n foo httpbin-gateway')).toBe(
      'gateway.gateway.networking.k8s.io/httpbin-gateway condition met\n',
    );
    const levels = await s.ok(
      `${GATEWAY_PODS} | while read -r pod; do istioctl proxy-config log "$pod" -n foo --level rbac:debug; done`,
    );
    expect(levels).toContain('  rbac: debug\n');
    await s.ok(`export INGRESS_HOST=$(kubectl get gtw httpbin-gateway -n foo -o jsonpath='{.status.addresses[0].value}')
export INGRESS_PORT=$(kubectl get gtw httpbin-gateway -n foo -o jsonpath='{.spec.listeners[?(@.name=="http")].port}')`);
    expect(await s.ok('echo $INGRESS_PORT')).toBe('80\n');
    expect(await s.ok(CURL)).toBe('200\n');
  });

  it("an allow list without the client's address refuses it; with it, allows it", async () => {
    expect(await s.ok(policy('ALLOW', 'ipBlocks', '"1.2.3.4", "5.6.7.0/24"'))).toBe(
      'authorizationpolicy.security.istio.io/ingress-policy created\n',
    );
    expect(await s.ok(CURL)).toBe('403\n');
    expect(await s.ok(clientIp(3))).toMatch(/^\d+\.\d+\.\d+\.\d+\n$/);
    await s.ok(policy('ALLOW', 'ipBlocks', '"1.2.3.4", "5.6.7.0/24", "$CLIENT_IP"'));
    expect(await s.ok(CURL)).toBe('200\n');
  });

  it('the same with remoteIpBlocks', async () => {
    await s.ok(policy('ALLOW', 'remoteIpBlocks', '"1.2.3.4", "5.6.7.0/24"'));
    expect(await s.ok(CURL)).toBe('403\n');
    expect(await s.ok(clientIp(4))).toMatch(/^\d+\.\d+\.\d+\.\d+\n$/);
    await s.ok(policy('ALLOW', 'remoteIpBlocks', '"1.2.3.4", "5.6.7.0/24", "$CLIENT_IP"'));
    expect(await s.ok(CURL)).toBe('200\n');
  });

  it("a deny list with the client's address refuses it, and the log says which policy matched", async () => {
    await s.ok(policy('DENY', 'ipBlocks', '"$CLIENT_IP"'));
    expect(await s.ok(CURL)).toBe('403\n');
    await s.ok(policy('DENY', 'remoteIpBlocks', '"$CLIENT_IP"'));
    expect(await s.ok(CURL)).toBe('403\n');
    const logs = await s.ok(`${GATEWAY_PODS} | while read -r pod; do kubectl logs "$pod" -n foo; done`);
    expect(logs).toContain('enforced denied, matched policy ns[foo]-policy[ingress-policy]-rule[0]');
  });

  it('the policy binds only the gateway it names: httpbin itself still answers its mesh clients', async () => {
    await s.ok('kubectl apply -f samples/curl/curl.yaml -n foo');
    await s.ok('kubectl wait --for=condition=available deploy/curl -n foo');
    expect(
      await s.ok(
        'kubectl exec deploy/curl -n foo -- curl -s -o /dev/null -w "%{http_code}\\n" http://httpbin:8000/headers',
      ),
    ).toBe('200\n');
  });

  it('cleans up', async () => {
    expect(await s.ok('kubectl delete authorizationpolicy ingress-policy -n foo')).toBe(
      'authorizationpolicy.security.istio.io "ingress-policy" deleted\n',
    );
    expect(await s.ok(CURL)).toBe('200\n');
    expect(await s.ok('kubectl delete namespace foo')).toBe('namespace "foo" deleted\n');
  });
});
