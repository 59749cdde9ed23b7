import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Pod } from './types';
import { docs, REVIEWS, testCluster } from './testing/fixtures';

const ns = { namespace: 'default' };
const slicesOf = (list: EndpointSlice[], service: string) =>
  list.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === service);

describe('EndpointSlices', () => {
  it('keep one slice per service, named after it, listing its pods with their conditions', async () => {
    const { kube, clock } = testCluster();
    kube.applyAll(docs(REVIEWS.replace('replicas: 1', 'replicas: 2')), ns);
    await clock.advance(100);
    const [empty] = slicesOf(kube.list<EndpointSlice>('endpointslices', 'default'), 'reviews');
    expect(empty?.metadata.name).toMatch(/^reviews-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(empty).toMatchObject({ addressType: 'IPv4', endpoints: [] });
    expect(empty?.ports).toBeUndefined();
    expect(empty?.metadata.labels).toMatchObject({
      app: 'reviews',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });

    await clock.advance(5000);
    const [slice] = slicesOf(kube.list<EndpointSlice>('endpointslices', 'default'), 'reviews');
    expect(slice?.metadata.name).toBe(empty?.metadata.name);
    expect(slice?.ports).toEqual([{ name: 'http', port: 9080, protocol: 'TCP' }]);
    const pods = kube.list<Pod>('pods', 'default', 'app=reviews');
    expect(slice?.endpoints.map((e) => e.addresses[0]).sort()).toEqual(pods.map((p) => p.status!.podIP!).sort());
    expect(slice?.endpoints.every((e) => e.conditions?.ready === true && e.targetRef?.kind === 'Pod')).toBe(true);
  });

  it('keep a terminating pod, as ready: false, terminating: true, and go with their service', async () => {
    const { kube, clock } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    await clock.advance(5000);
    const [pod] = kube.list<Pod>('pods', 'default', 'app=reviews');
    kube.delete('pods', [pod!.metadata.name], ns);
    await clock.advance(10);
    const [slice] = slicesOf(kube.list<EndpointSlice>('endpointslices', 'default'), 'reviews');
    expect(slice?.endpoints.find((e) => e.targetRef?.name === pod!.metadata.name)?.conditions).toMatchObject({
      ready: false,
      terminating: true,
    });

    kube.delete('services', ['reviews'], ns);
    await clock.advance(10);
    expect(slicesOf(kube.list<EndpointSlice>('endpointslices', 'default'), 'reviews')).toEqual([]);
  });
});
