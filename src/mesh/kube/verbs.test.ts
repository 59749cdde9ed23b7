import { describe, expect, it } from 'vitest';
import { docs, lines, REVIEWS, REVIEWS_VS, testCluster } from './testing/fixtures';
import type { VerbResult } from './apply';

const ns = { namespace: 'default' };
const line = (r: VerbResult): string => (r.ok ? r.message : r.error.message);

describe('kubectl label / annotate', () => {
  it('labels, refuses to overwrite without --overwrite, and says when nothing changed', () => {
    const { kube } = testCluster();
    expect(line(kube.label('ns', 'default', { 'istio-injection': 'enabled' }, ns))).toBe('namespace/default labeled');
    expect(line(kube.label('namespace', 'default', { 'istio-injection': 'enabled' }, ns))).toBe(
      'namespace/default not labeled',
    );
    expect(line(kube.label('namespaces', 'default', { 'istio-injection': 'disabled' }, ns))).toBe(
      "error: 'istio-injection' already has a value (enabled), and --overwrite is false",
    );
    expect(line(kube.label('ns', 'default', { 'istio-injection': 'disabled' }, { ...ns, overwrite: true }))).toBe(
      'namespace/default labeled',
    );
    expect(kube.get('ns', undefined, 'default')!.metadata.labels?.['istio-injection']).toBe('disabled');
    expect(line(kube.label('ns', 'default', { 'istio-injection': null }, ns))).toBe('namespace/default unlabeled');
    const missing = kube.label('ns', 'default', { nope: null }, ns);
    expect(missing.warnings).toEqual(['label "nope" not found.']);
    expect(line(kube.label('ns', 'nowhere', { a: 'b' }, ns))).toBe(
      'Error from server (NotFound): namespaces "nowhere" not found',
    );
  });

  it('annotates with kubectl’s overwrite check', () => {
    const { kube } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    expect(line(kube.annotate('svc', 'reviews', { owner: 'books' }, ns))).toBe('service/reviews annotated');
    expect(line(kube.annotate('svc', 'reviews', { owner: 'films' }, ns))).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (books)",
    );
  });
});

describe('kubectl patch', () => {
  it('applies strategic, merge and JSON patches and reports no-op patches', () => {
    const { kube } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    expect(line(kube.patch('deploy', 'reviews-v1', '{"spec":{"replicas":2}}', ns))).toBe(
      'deployment.apps/reviews-v1 patched',
    );
    expect(line(kube.patch('deploy', 'reviews-v1', { spec: { replicas: 2 } }, ns))).toBe(
      'deployment.apps/reviews-v1 patched (no change)',
    );
    kube.patch(
      'deploy',
      'reviews-v1',
      { spec: { template: { spec: { containers: [{ name: 'reviews', env: [{ name: 'A', value: '1' }] }] } } } },
      ns,
    );
    const containers = (
      kube.get('deploy', 'default', 'reviews-v1')!.spec as {
        template: { spec: { containers: { image: string; env?: unknown[] }[] } };
      }
    ).template.spec.containers;
    expect(containers).toHaveLength(1); // merged by name, image kept
    expect(containers[0]!.image).toContain('reviews-v1');
    expect(
      line(
        kube.patch('svc', 'reviews', [{ op: 'replace', path: '/spec/type', value: 'NodePort' }], {
          ...ns,
          type: 'json',
        }),
      ),
    ).toBe('service/reviews patched');
  });

  it('refuses a strategic merge patch on a custom resource, as the API server does', () => {
    const { kube } = testCluster();
    kube.installIstioCrds();
    kube.applyAll(docs(REVIEWS_VS), ns);
    expect(line(kube.patch('vs', 'reviews', { spec: { hosts: ['x'] } }, ns))).toBe(
      'Error from server (UnsupportedMediaType): the body of the request was in an unknown format - accepted media types include: ' +
        'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
    expect(line(kube.patch('vs', 'reviews', { spec: { hosts: ['x'] } }, { ...ns, type: 'merge' }))).toBe(
      'virtualservice.networking.istio.io/reviews patched',
    );
  });
});

describe('kubectl delete / create / replace / scale', () => {
  it('deletes with kubectl’s wording and reports missing objects', () => {
    const { kube } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    expect(lines(kube.delete('deploy', ['reviews-v1'], ns))).toEqual(['deployment.apps "reviews-v1" deleted']);
    expect(lines(kube.delete('deployment', ['reviews-v1'], ns))).toEqual([
      'Error from server (NotFound): deployments.apps "reviews-v1" not found',
    ]);
    expect(kube.delete('deployment', ['reviews-v1'], { ...ns, ignoreNotFound: true })).toEqual([]);
    expect(lines(kube.deleteAll(docs(REVIEWS), ns))).toEqual([
      'service "reviews" deleted',
      'Error from server (NotFound): error when deleting "STDIN": deployments.apps "reviews-v1" not found',
    ]);
    expect(lines(kube.delete('foos', ['x'], ns))).toEqual(['error: the server doesn\'t have a resource type "foos"']);
  });

  it('creates only what does not exist yet, replaces only what does', () => {
    const { kube } = testCluster();
    expect(lines(kube.replaceAll(docs(REVIEWS), ns))[0]).toBe(
      'Error from server (NotFound): error when replacing "STDIN": services "reviews" not found',
    );
    expect(lines(kube.createAll(docs(REVIEWS), ns))).toEqual([
      'service/reviews created',
      'deployment.apps/reviews-v1 created',
    ]);
    expect(lines(kube.createAll(docs(REVIEWS), ns))[0]).toBe(
      'Error from server (AlreadyExists): error when creating "STDIN": services "reviews" already exists',
    );
    const clusterIP = (kube.get('svc', 'default', 'reviews')!.spec as { clusterIP: string }).clusterIP;
    expect(lines(kube.replaceAll(docs(REVIEWS), ns))[0]).toBe('service/reviews replaced');
    expect((kube.get('svc', 'default', 'reviews')!.spec as { clusterIP: string }).clusterIP).toBe(clusterIP);
  });

  it('refuses to delete system namespaces', () => {
    const { kube } = testCluster();
    expect(lines(kube.delete('ns', ['default'], ns))).toEqual([
      'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted',
    ]);
  });

  it('scales deployments and refuses negative counts', () => {
    const { kube } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    expect(line(kube.scale('deploy', 'reviews-v1', 3, ns))).toBe('deployment.apps/reviews-v1 scaled');
    expect(line(kube.scale('deploy', 'reviews-v1', -1, ns))).toBe(
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
    );
  });
});

describe('resource names', () => {
  it('resolves kubectl’s short names, plurals and group-qualified names', () => {
    const { kube } = testCluster();
    expect(['po', 'pods', 'pod', 'Pod'].map((n) => kube.resolveResource(n)?.kind)).toEqual([
      'Pod',
      'Pod',
      'Pod',
      'Pod',
    ]);
    expect(
      ['svc', 'deploy', 'rs', 'ns', 'no', 'sa', 'cm', 'ep', 'ev'].map((n) => kube.resolveResource(n)?.kind),
    ).toEqual([
      'Service',
      'Deployment',
      'ReplicaSet',
      'Namespace',
      'Node',
      'ServiceAccount',
      'ConfigMap',
      'Endpoints',
      'Event',
    ]);
    expect(kube.resolveResource('gw')).toBeUndefined();
    kube.installIstioCrds();
    expect(
      ['vs', 'dr', 'gw', 'se', 'pa', 'ap', 'ra', 'sidecars', 'envoyfilter', 'telemetry'].map(
        (n) => kube.resolveResource(n)?.kind,
      ),
    ).toEqual([
      'VirtualService',
      'DestinationRule',
      'Gateway',
      'ServiceEntry',
      'PeerAuthentication',
      'AuthorizationPolicy',
      'RequestAuthentication',
      'Sidecar',
      'EnvoyFilter',
      'Telemetry',
    ]);
    expect(kube.resolveResource('virtualservices.networking.istio.io')?.kind).toBe('VirtualService');
    expect(kube.resolveResource('deployments.v1.apps')?.kind).toBe('Deployment');
    kube.installGatewayApiCrds();
    expect(kube.resolveResource('gateway')?.group).toBe('networking.istio.io');
    expect(kube.resolveResource('gtw')?.group).toBe('gateway.networking.k8s.io');
    expect(kube.resolveResource('gateways.gateway.networking.k8s.io')?.group).toBe('gateway.networking.k8s.io');
    expect(kube.resolveResource('httproute')?.kind).toBe('HTTPRoute');
    expect(kube.list('crd').map((c) => c.metadata.name)).toContain('virtualservices.networking.istio.io');
  });
});
