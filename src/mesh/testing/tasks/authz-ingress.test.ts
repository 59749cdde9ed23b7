import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/security/authorization/authz-ingress/ — the Istio APIs tab, commands as the
// page prints them. INGRESS_HOST is the load balancer's host name, as on NKS (the ingress-control page's variant).
const GATEWAY_PODS = "kubectl get pods -n istio-system -o name -l istio=ingressgateway | sed 's|pod/||'";
const CURL = 'curl "$INGRESS_HOST:$INGRESS_PORT"/headers -s -o /dev/null -w "%{http_code}\\n"';

function policy(action: 'ALLOW' | 'DENY', field: 'ipBlocks' | 'remoteIpBlocks', blocks: string): string {
  return `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ingress-policy
  namespace: istio-system
spec:
  selector:
    matchLabels:
      app: istio-ingressgateway
  action: ${action}
  rules:
  - from:
    - source:
        ${field}: [${blocks}]
EOF`;
}

describe('istio.io task: ingress access control', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok(`kubectl create ns foo
kubectl label namespace foo istio-injection=enabled
kubectl apply -f samples/httpbin/httpbin.yaml -n foo`);
    await s.ok('kubectl apply -f samples/httpbin/httpbin-gateway.yaml -n foo');
    await s.ok(`export INGRESS_HOST=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')
export INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.spec.ports[?(@.name=="http2")].port}')`);
  });
  afterAll(() => s.dispose());

  it("turns on the gateway's RBAC debug log and reaches httpbin", async () => {
    const levels = await s.ok(
      `${GATEWAY_PODS} | while read -r pod; do istioctl proxy-config log "$pod" -n istio-system --level rbac:debug; done`,
    );
    expect(levels).toMatch(/^active loggers:\n/);
    expect(levels).toContain('  rbac: debug\n');
    expect(await s.ok(CURL)).toBe('200\n');
  });

  it("an allow list without the client's address refuses it (403)", async () => {
    await s.ok(policy('ALLOW', 'ipBlocks', '"1.2.3.4", "5.6.7.0/24"'));
    expect(await s.ok(CURL)).toBe('403\n');
  });

  it("reads the client's address from the RBAC debug log, then allows it", async () => {
    const log = await s.ok(
      `${GATEWAY_PODS} | while read -r pod; do kubectl logs "$pod" -n istio-system | grep remoteIP; done | tail -1`,
    );
    expect(log).toMatch(
      /^\S+Z\tdebug\tenvoy rbac \S+rbac_filter\.cc:\d+\tchecking request: requestedServerName: , sourceIP: [\d.]+:\d+, directRemoteIP: [\d.]+:\d+, remoteIP: [\d.]+:\d+,localAddress: [\d.]+:8080, ssl: none, headers: ':authority', /,
    );
    const direct = await s.ok(
      `CLIENT_IP=$(${GATEWAY_PODS} | while read -r pod; do kubectl logs "$pod" -n istio-system | grep remoteIP; done | tail -1 | awk -F, '{print $3}' | awk -F: '{print $2}' | sed 's/ //') && echo "$CLIENT_IP"`,
    );
    expect(direct).toMatch(/^\d+\.\d+\.\d+\.\d+\n$/);
    await s.ok(policy('ALLOW', 'ipBlocks', '"1.2.3.4", "5.6.7.0/24", "$CLIENT_IP"'));
    expect(await s.ok(CURL)).toBe('200\n');
  });

  it('the same with remoteIpBlocks (the original client, where a trusted hop says who it was)', async () => {
    await s.ok(policy('ALLOW', 'remoteIpBlocks', '"1.2.3.4", "5.6.7.0/24"'));
    expect(await s.ok(CURL)).toBe('403\n');
    const remote = await s.ok(
      `CLIENT_IP=$(${GATEWAY_PODS} | while read -r pod; do kubectl logs "$pod" -n istio-system | grep remoteIP; done | tail -1 | awk -F, '{print $4}' | awk -F: '{print $2}' | sed 's/ //') && echo "$CLIENT_IP"`,
    );
    expect(remote).toMatch(/^\d+\.\d+\.\d+\.\d+\n$/);
    await s.ok(policy('ALLOW', 'remoteIpBlocks', '"1.2.3.4", "5.6.7.0/24", "$CLIENT_IP"'));
    expect(await s.ok(CURL)).toBe('200\n');
  });

  it("a deny list with the client's address refuses it, and the log says which policy matched", async () => {
    await s.ok(policy('DENY', 'ipBlocks', '"$CLIENT_IP"'));
    expect(await s.ok(CURL)).toBe('403\n');
    await s.ok(policy('DENY', 'remoteIpBlocks', '"$CLIENT_IP"'));
    expect(await s.ok(CURL)).toBe('403\n');
    const logs = await s.ok(`${GATEWAY_PODS} | while read -r pod; do kubectl logs "$pod" -n istio-system; done`);
    expect(logs).toContain('enforced denied, matched policy ns[istio-system]-policy[ingress-policy]-rule[0]');
    expect(logs).toMatch(/"GET \/headers HTTP\/1\.1" 403 - rbac_access_denied_matched_policy\[/);
  });

  it('cleans up', async () => {
    expect(await s.ok('kubectl delete authorizationpolicy ingress-policy -n istio-system')).toBe(
      'authorizationpolicy.security.istio.io "ingress-policy" deleted\n',
    );
    expect(await s.ok('kubectl delete namespace foo')).toBe('namespace "foo" deleted\n');
  });
});
