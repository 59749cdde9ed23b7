import { describe, expect, it } from 'vitest';
import type { Endpoints, Pod, Service } from './types';
import { summarizePod } from './pods';
import { docs, REVIEWS, testCluster } from './testing/fixtures';
import { NCLOUD_LAYER_TYPE_ANNOTATION } from './ncloud-lb';
import type { Kube } from './kube';

const ns = { namespace: 'default' };

function pods(kube: Kube, selector = 'app=reviews'): Pod[] {
  return kube.list<Pod>('pods', 'default', selector);
}

describe('Services', () => {
  it('lists Ready pods as endpoints, resolving named target ports', async () => {
    const { kube, clock } = testCluster();
    const named = REVIEWS.replace('    name: http\n', '    name: http\n    targetPort: web\n').replace(
      '- containerPort: 9080',
      '- containerPort: 9080\n          name: web',
    );
    kube.applyAll(docs(named.replace('replicas: 1', 'replicas: 2')), ns);
    await clock.advance(100);
    expect(kube.get<Endpoints>('ep', 'default', 'reviews')?.subsets).toBeUndefined();
    await clock.advance(5000);
    const subsets = kube.get<Endpoints>('ep', 'default', 'reviews')!.subsets!;
    expect(subsets).toHaveLength(1);
    expect(subsets[0]!.ports).toEqual([{ name: 'http', port: 9080, protocol: 'TCP' }]);
    expect(subsets[0]!.addresses?.map((a) => a.ip).sort()).toEqual(
      pods(kube)
        .map((p) => p.status!.podIP!)
        .sort(),
    );

    const victim = pods(kube)[0]!;
    kube.setContainerReady('default', victim.metadata.name, 'reviews', false);
    await clock.advance(10);
    const after = kube.get<Endpoints>('ep', 'default', 'reviews')!.subsets![0]!;
    expect(after.addresses).toHaveLength(1);
    expect(after.notReadyAddresses?.map((a) => a.targetRef?.name)).toEqual([victim.metadata.name]);

    kube.delete('svc', ['reviews'], ns);
    await clock.advance(10);
    expect(kube.get('ep', 'default', 'reviews')).toBeUndefined();
  });

  it('allocates ClusterIPs from 10.96.0.0/12, stable per name', () => {
    const one = testCluster({ seed: 1 }).kube;
    const two = testCluster({ seed: 2 }).kube;
    one.applyAll(docs(REVIEWS), ns);
    two.applyAll(docs(REVIEWS), ns);
    const ip = (k: Kube): string => k.get<Service>('svc', 'default', 'reviews')!.spec!.clusterIP!;
    expect(ip(one)).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(ip(one)).toBe(ip(two));
    expect(one.get<Service>('svc', 'default', 'kubernetes')!.spec!.clusterIP).toBe('10.96.0.1');
  });

  it('gives a LoadBalancer service its NCP hostname after a few seconds', async () => {
    const { kube, clock } = testCluster();
    const lb = REVIEWS.replace(
      '  selector:\n    app: reviews',
      '  type: LoadBalancer\n  selector:\n    app: reviews',
    ).replace(
      '    service: reviews\n',
      `    service: reviews\n  annotations:\n    ${NCLOUD_LAYER_TYPE_ANNOTATION}: nlb\n`,
    );
    kube.applyAll(docs(lb), ns);
    await clock.advance(100);
    const pending = kube.get<Service>('svc', 'default', 'reviews')!;
    expect(pending.status?.loadBalancer?.ingress).toBeUndefined();
    expect(pending.spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    await clock.advance(10_000);
    const ready = kube.get<Service>('svc', 'default', 'reviews')!;
    expect(ready.status?.loadBalancer?.ingress?.[0]?.hostname).toMatch(
      /^default-reviews-[0-9a-f]{5}-\d{8}-[0-9a-f]{12}\.kr\.lb\.naverncp\.com$/,
    );
    expect(kube.eventsFor(ready).map((e) => e.reason)).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
  });

  // Ncloud's guide (k8s-k8suse-loadbalancer): a load balancer's type cannot be changed after it is created. A new
  // annotation value is stored on the Service and the load balancer behind it stays as it was; only a Service
  // created again gets a new load balancer, under a new host name.
  it('keeps a load balancer as created when its layer-type annotation changes', async () => {
    const { kube, clock } = testCluster();
    const lb = REVIEWS.replace('  selector:\n    app: reviews', '  type: LoadBalancer\n  selector:\n    app: reviews');
    kube.applyAll(docs(lb), ns);
    await clock.advance(10_000);
    const hostname = (): string | undefined =>
      kube.get<Service>('svc', 'default', 'reviews')?.status?.loadBalancer?.ingress?.[0]?.hostname;
    const first = hostname();
    expect(first).toBeDefined();
    kube.annotate('svc', 'reviews', { [NCLOUD_LAYER_TYPE_ANNOTATION]: 'nlb' }, ns);
    await clock.advance(10_000);
    const svc = kube.get<Service>('svc', 'default', 'reviews')!;
    expect(svc.metadata.annotations?.[NCLOUD_LAYER_TYPE_ANNOTATION]).toBe('nlb');
    expect(hostname()).toBe(first);
    expect(kube.eventsFor(svc).map((e) => e.reason)).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);

    kube.delete('svc', ['reviews'], ns);
    kube.applyAll(docs(lb), ns);
    await clock.advance(100);
    expect(hostname()).toBeUndefined();
    await clock.advance(10_000);
    expect(hostname()).toMatch(/\.kr\.lb\.naverncp\.com$/);
    expect(hostname()).not.toBe(first);
  });

  it('keeps a LoadBalancer pending with a warning when the layer type is not one NKS knows', async () => {
    const { kube, clock } = testCluster();
    kube.applyAll(
      docs(REVIEWS.replace('  selector:\n    app: reviews', '  type: LoadBalancer\n  selector:\n    app: reviews')),
      ns,
    );
    kube.annotate('svc', 'reviews', { [NCLOUD_LAYER_TYPE_ANNOTATION]: 'alb' }, ns);
    kube.delete('svc', ['reviews'], ns);
    kube.applyAll(
      docs(
        REVIEWS.replace('  selector:\n    app: reviews', '  type: LoadBalancer\n  selector:\n    app: reviews').replace(
          '    service: reviews\n',
          `    service: reviews\n  annotations:\n    ${NCLOUD_LAYER_TYPE_ANNOTATION}: alb\n`,
        ),
      ),
      ns,
    );
    await clock.advance(10_000);
    const svc = kube.get<Service>('svc', 'default', 'reviews')!;
    expect(svc.status?.loadBalancer?.ingress).toBeUndefined();
    expect(kube.eventsFor(svc).map((e) => `${e.type} ${e.reason}`)).toEqual([
      'Normal EnsuringLoadBalancer',
      'Warning SyncLoadBalancerFailed',
    ]);
  });
});

describe('cluster', () => {
  it('boots an NKS-like node pool and kube-system', async () => {
    const { kube, clock } = testCluster({ systemWorkloads: true });
    const nodes = kube.list('nodes');
    expect(nodes.map((n) => n.metadata.name)).toHaveLength(3);
    for (const node of nodes) expect(node.metadata.name).toMatch(/^nks-pool-\d{4}-w-[a-z]{3}$/);
    await clock.advance(8000);
    const system = kube.list<Pod>('pods', 'kube-system').map((p) => summarizePod(p));
    expect(system.map((s) => `${s.ready} ${s.status}`)).toEqual(['1/1 Running', '1/1 Running', '1/1 Running']);
    expect(kube.list('sa', 'default').map((s) => s.metadata.name)).toEqual(['default']);
  });

  it('deletes a namespace with everything in it', async () => {
    const { kube, clock } = testCluster();
    kube.applyAll([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }], ns);
    kube.applyAll(docs(REVIEWS), { namespace: 'shop' });
    await clock.advance(5000);
    expect(kube.delete('ns', ['shop'], ns)[0]?.ok).toBe(true);
    expect(kube.get('ns', undefined, 'shop')?.status).toMatchObject({ phase: 'Terminating' });
    const refused = kube.applyAll([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } }], {
      namespace: 'shop',
    })[0];
    expect(refused?.ok === false && refused.error.message).toBe(
      'Error from server (Forbidden): error when creating "STDIN": configmaps "late" is forbidden: ' +
        'unable to create new content in namespace shop because it is being terminated',
    );
    await clock.advance(10_000);
    expect(kube.get('ns', undefined, 'shop')).toBeUndefined();
    expect(kube.list('pods', 'shop')).toHaveLength(0);
  });
});
