import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

// The Gateway API's CRDs arrive as manifests through kubectl's normal paths; the kinds are served while the CRDs exist.
describe('the Gateway API CRD bundle', () => {
  let s: MeshSession;
  beforeEach(async () => {
    s = await createMeshSession({ preset: 'bare' });
  });
  afterEach(() => s.dispose());

  it('kustomize prints the standard or experimental channel of a release, labelled with its version', async () => {
    const standard = await s.ok('kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.3.0"');
    expect(standard).toMatch(/^apiVersion: apiextensions\.k8s\.io\/v1\nkind: CustomResourceDefinition\n/);
    expect(standard).toContain('gateway.networking.k8s.io/bundle-version: v1.3.0\n');
    expect(standard).toContain('gateway.networking.k8s.io/channel: standard\n');
    expect(standard.match(/^kind: CustomResourceDefinition$/gm)).toHaveLength(3);
    const experimental = await s.ok(
      'kubectl kustomize "https://github.com/kubernetes-sigs/gateway-api/config/crd/experimental?ref=v1.4.0"',
    );
    expect(experimental).toContain('gateway.networking.k8s.io/channel: experimental\n');
  });

  it("builds istio.io's install line pinned to a commit of the repository", async () => {
    const out = await s.ok(`kubectl get crd gateways.gateway.networking.k8s.io &> /dev/null || \\
  { kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=6b9b7346ca5b54a50c3afb0a0573b16b1c84336a" | kubectl apply -f -; }`);
    expect(out).toContain(
      'customresourcedefinition.apiextensions.k8s.io/httproutes.gateway.networking.k8s.io created\n',
    );
    expect(
      (await s.run('kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=6b9b734"')).exitCode,
    ).toBe(1);
  });

  it('refuses a ref that is no release, and answers other targets with advice', async () => {
    const branch = await s.run('kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=no-such"');
    expect(branch.exitCode).toBe(1);
    expect(branch.stderr).toMatch(/^error: accumulating resources: .*exit status 128\n$/);
    const other = await s.run('kubectl kustomize "github.com/example/repo/config?ref=v1.0.0"');
    expect(other.stderr).toMatch(/^error: kustomize is not simulated in this lab/);
  });

  it('applies from the release URL, serves the kinds, and deleting the CRDs deletes their objects', async () => {
    const url = 'https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.2.0/standard-install.yaml';
    expect((await s.run('kubectl get gtw')).stderr).toBe('error: the server doesn\'t have a resource type "gtw"\n');
    expect(await s.ok(`kubectl apply -f ${url}`)).toContain(
      'customresourcedefinition.apiextensions.k8s.io/gateways.gateway.networking.k8s.io created\n',
    );
    expect(
      await s.ok("kubectl get crd gateways.gateway.networking.k8s.io -o jsonpath='{.status.conditions[1].type}'"),
    ).toBe('Established');
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
spec:
  rules:
  - backendRefs:
    - name: x
      port: 80
EOF`);
    expect(await s.ok('kubectl get httproute -o name')).toBe('httproute.gateway.networking.k8s.io/r\n');
    await s.ok(`kubectl delete -f ${url}`);
    await s.ok(`kubectl apply -f ${url}`);
    expect((await s.run('kubectl get httproute')).stderr).toBe('No resources found in default namespace.\n');
  });
});
