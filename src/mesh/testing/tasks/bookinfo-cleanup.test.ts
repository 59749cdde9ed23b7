import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/examples/bookinfo/#cleanup — `samples/bookinfo/platform/kube/cleanup.sh`, then the
// page's checks that nothing is left.
describe('istio.io: Bookinfo cleanup.sh', () => {
  let s: MeshSession;
  beforeEach(async () => {
    s = await createMeshSession({ preset: 'bookinfo' });
  });
  afterEach(() => s.dispose());

  it('asks for the namespace, deletes the Istio config of the tasks and the app, and waits 30 s', async () => {
    await s.ok('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml');
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-50-v3.yaml');
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
spec: {}
EOF`);
    const started = s.cluster.clock.now();
    const out = await s.ok('samples/bookinfo/platform/kube/cleanup.sh');
    expect(out).toMatch(/^namespace \? \[default\] \nusing NAMESPACE=default\n/);
    expect(out).toContain('destinationrule.networking.istio.io "reviews" deleted\n');
    expect(out).toContain('virtualservice.networking.istio.io "reviews" deleted\n');
    expect(out).toContain('gateway.networking.istio.io "bookinfo-gateway" deleted\n');
    expect(out).toContain('authorizationpolicy.security.istio.io "allow-nothing" deleted\n');
    expect(out).toMatch(/Application cleanup may take up to one minute\nservice "details" deleted\n/);
    expect(out).toMatch(/deployment\.apps "productpage-v1" deleted\nApplication cleanup successful\n$/);
    expect(s.cluster.clock.now() - started).toBeGreaterThanOrEqual(30_000);
    for (const kind of ['virtualservices', 'destinationrules', 'gateway', 'authorizationpolicies', 'pods']) {
      expect((await s.run(`kubectl get ${kind}`)).stderr).toBe('No resources found in default namespace.\n');
    }
  });

  it('takes NAMESPACE without asking, falls back to default for one that does not exist, ignores NotFound', async () => {
    await s.ok('kubectl create ns other');
    const other = await s.ok('NAMESPACE=other samples/bookinfo/platform/kube/cleanup.sh');
    expect(other).toBe(
      'using NAMESPACE=other\nApplication cleanup may take up to one minute\nApplication cleanup successful\n',
    );
    expect(await s.ok('kubectl get deploy productpage-v1 -o name')).toBe('deployment.apps/productpage-v1\n');
    const missing = await s.ok('NAMESPACE=nope samples/bookinfo/platform/kube/cleanup.sh');
    expect(missing).toMatch(/^NAMESPACE nope not found\.\nusing NAMESPACE=default\n/);
    expect(missing).toContain('deployment.apps "productpage-v1" deleted\n');
    // Run again, everything is NotFound: still a success.
    expect(await s.ok('echo | samples/bookinfo/platform/kube/cleanup.sh')).toMatch(/Application cleanup successful\n$/);
  });

  it('deletes HTTPRoutes and Gateway API gateways where the CRDs are installed', async () => {
    await s.ok(
      'kubectl get crd gateways.gateway.networking.k8s.io &> /dev/null || { kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0" | kubectl apply -f -; }',
    );
    await s.ok('kubectl apply -f samples/bookinfo/gateway-api/bookinfo-gateway.yaml');
    const out = await s.ok('NAMESPACE=default samples/bookinfo/platform/kube/cleanup.sh');
    expect(out).toContain('httproute.gateway.networking.k8s.io "bookinfo" deleted\n');
    expect(out).toContain('gateway.gateway.networking.k8s.io "bookinfo-gateway" deleted\n');
    expect((await s.run('kubectl get httproutes')).stderr).toBe('No resources found in default namespace.\n');
  });
});
