import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

const NCLOUD_LAYER = 'service.beta.kubernetes.io/ncloud-load-balancer-layer-type';

describe('istioctl install, version and uninstall', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bare' });
  });
  afterAll(() => s.dispose());

  it('version before any install names only the client, Istio 1.30', async () => {
    expect(await s.ok('istioctl version')).toBe(
      'Istio is not present in the cluster: no running Istio pods in namespace "istio-system"\nclient version: 1.30.4\n',
    );
  });

  it('install -f reads the IstioOperator file: demo without its gateways', async () => {
    expect(await s.ok('istioctl install -f samples/bookinfo/demo-profile-no-gateways.yaml -y')).toBe(
      '✔ Istio core installed ⛵️\n✔ Istiod installed 🧠\n✔ Installation complete\n' +
        'Made this installation the default for cluster-wide operations.\n',
    );
    expect(await s.ok('kubectl get deploy -n istio-system -o name')).toBe('deployment.apps/istiod\n');
    // Istio's fourteen CRDs, as its base chart installs them.
    expect(
      await s.ok("kubectl get crd -o name | grep istio.io | sed 's/.*definition.apiextensions.k8s.io.//' | sort"),
    ).toBe(
      [
        'authorizationpolicies.security.istio.io',
        'destinationrules.networking.istio.io',
        'envoyfilters.networking.istio.io',
        'gateways.networking.istio.io',
        'peerauthentications.security.istio.io',
        'proxyconfigs.networking.istio.io',
        'requestauthentications.security.istio.io',
        'serviceentries.networking.istio.io',
        'sidecars.networking.istio.io',
        'telemetries.telemetry.istio.io',
        'virtualservices.networking.istio.io',
        'wasmplugins.extensions.istio.io',
        'workloadentries.networking.istio.io',
        'workloadgroups.networking.istio.io',
        '',
      ].join('\n'),
    );
    expect(
      await s.ok("kubectl get deploy istiod -n istio-system -o jsonpath='{.spec.template.spec.containers[0].image}'"),
    ).toBe('docker.io/istio/pilot:1.30.4');
  });

  it('--set enables components, annotates the gateway Service and sets meshConfig; sidecars run the same release', async () => {
    await s.ok(
      `istioctl install --set profile=demo --set 'components.ingressGateways[0].k8s.serviceAnnotations.service\\.beta\\.kubernetes\\.io/ncloud-load-balancer-layer-type=nlb' --set meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY -y`,
    );
    const annotations = JSON.parse(
      await s.ok("kubectl get svc istio-ingressgateway -n istio-system -o jsonpath='{.metadata.annotations}'"),
    ) as Record<string, string>;
    expect(annotations[NCLOUD_LAYER]).toBe('nlb');
    expect(await s.ok('kubectl get deploy -n istio-system -o name')).toBe(
      'deployment.apps/istio-egressgateway\ndeployment.apps/istio-ingressgateway\ndeployment.apps/istiod\n',
    );
    expect(await s.ok("kubectl get cm istio -n istio-system -o jsonpath='{.data.mesh}'")).toContain(
      'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n',
    );
    await s.ok('kubectl label namespace default istio-injection=enabled');
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    const images = await s.ok("kubectl get pod -l app=sleep -o jsonpath='{.items[0].spec.containers[*].image}'");
    expect(images).toContain('docker.io/istio/proxyv2:1.30.4');
    const version = await s.ok('istioctl version');
    expect(version).toMatch(
      /^client version: 1\.30\.4\ncontrol plane version: 1\.30\.4\ndata plane version: 1\.30\.4 \(\d+ proxies\)\n$/,
    );
  });

  it('a gateway switched off is removed on the next install', async () => {
    await s.ok("istioctl install --set profile=demo --set 'components.egressGateways[0].enabled=false' -y");
    expect(await s.ok('kubectl get deploy -n istio-system -o name')).not.toContain('istio-egressgateway');
  });

  it('refuses keys the IstioOperator does not have, as istioctl does', async () => {
    expect(await s.run('istioctl install --set foo=bar -y')).toMatchObject({
      exitCode: 1,
      stderr: 'Error: generate config: could not unmarshal: json: unknown field "foo"\n',
    });
    await s.ok(
      "printf 'apiVersion: install.istio.io/v1alpha1\\nkind: IstioOperator\\nspec:\\n  components:\\n    ingressGateway:\\n    - enabled: false\\n' > iop.yaml",
    );
    expect((await s.run('istioctl install -f iop.yaml -y')).stderr).toBe(
      'Error: generate config: could not unmarshal: json: unknown field "ingressGateway"\n',
    );
    expect((await s.run('istioctl install --set profile=tiny -y')).stderr).toBe(
      'Error: generate config: merge inputs: profile "tiny" not found: open profiles/tiny.yaml: file does not exist\n',
    );
    // A profile given as a list is a type error of Go's JSON decoding, not a missing profile.
    await s.ok(
      "printf 'apiVersion: install.istio.io/v1alpha1\\nkind: IstioOperator\\nspec:\\n  profile: [demo]\\n' > iop.yaml",
    );
    expect((await s.run('istioctl install -f iop.yaml -y')).stderr).toBe(
      'Error: generate config: could not unmarshal: json: cannot unmarshal array into Go struct field IstioOperatorSpec.spec.profile of type string\n',
    );
  });

  it('uninstall needs --purge (or -f/--revision); --purge -y removes everything but the istio-system namespace', async () => {
    expect(await s.run('istioctl uninstall')).toMatchObject({
      exitCode: 1,
      stderr:
        'Error: at least one of the --revision (or --set revision=<revision>), --filename or --purge flags must be set\n',
    });
    const out = await s.ok('istioctl uninstall --purge -y');
    expect(out.startsWith('All Istio resources will be pruned from the cluster\n\n')).toBe(true);
    expect(out).toContain('  Removed Deployment:istio-system:istiod.\n');
    expect(out).toContain('  Removed Service:istio-system:istio-ingressgateway.\n');
    expect(out.endsWith('✔ Uninstall complete\n')).toBe(true);
    expect(await s.ok('kubectl get ns istio-system --no-headers')).toMatch(/^istio-system\s+Active/);
    expect(await s.run('kubectl get deploy -n istio-system')).toMatchObject({
      stderr: 'No resources found in istio-system namespace.\n',
    });
    expect(await s.ok('istioctl version')).toContain('Istio is not present in the cluster');
  });
});

describe('istioctl uninstall with sidecars running', () => {
  it('leaves the sidecars serving with their last config and stats, and a reinstall reconnects them', async () => {
    const s = await createMeshSession({ preset: 'bookinfo' });
    const page =
      'kubectl exec deploy/ratings-v1 -c ratings -- curl -s -o /dev/null -w "%{http_code}" productpage:9080/productpage';
    const stats =
      'kubectl exec deploy/productpage-v1 -c istio-proxy -- pilot-agent request GET stats/prometheus | grep -c "^istio_requests_total"';
    expect(await s.ok(page)).toBe('200');
    const before = Number(await s.ok(stats));
    expect(before).toBeGreaterThan(0);
    await s.ok('istioctl uninstall --purge -y');
    expect(await s.ok('kubectl get pods -l app=productpage --no-headers')).toMatch(/2\/2\s+Running/);
    expect(await s.ok(page)).toBe('200');
    expect(Number(await s.ok(stats))).toBeGreaterThanOrEqual(before);
    // New pods are no longer injected: the webhook went with istiod.
    await s.ok('kubectl rollout restart deployment ratings-v1');
    await s.ok('kubectl rollout status deployment ratings-v1');
    expect(await s.ok('kubectl get pods -l app=ratings --no-headers')).toMatch(/1\/1\s+Running/);
    await s.ok('istioctl install --set profile=demo -y');
    expect(await s.ok('istioctl proxy-status')).toMatch(/^productpage-v1-\S+\.default\s+Kubernetes\s+istiod-/m);
    s.dispose();
  });
});
