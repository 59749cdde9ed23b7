import { describe, expect, it } from 'vitest';
import { MAX_OBJECTS_PER_KIND, MAX_REPLICAS } from './limits';
import { docs, lines, REVIEWS, testCluster } from './testing/fixtures';
import type { Deployment, KubeEvent } from './types';

const ns = { namespace: 'default' };

describe('the API server’s bounds', () => {
  it('refuses the object past the cap of its kind with the quota admission plugin’s words, and keeps the rest', () => {
    const { kube } = testCluster();
    const existing = kube.list('serviceaccounts', undefined).length;
    const accounts = Array.from({ length: MAX_OBJECTS_PER_KIND - existing + 1 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: `sa-${i}` },
    }));
    const results = kube.createAll(accounts, ns);
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_OBJECTS_PER_KIND - existing);
    expect(lines(results.slice(-1))).toEqual([
      `Error from server (Forbidden): error when creating "STDIN": serviceaccounts "sa-${accounts.length - 1}" ` +
        `is forbidden: exceeded quota: ` +
        `meshdojo-object-count, requested: count/serviceaccounts=1, used: count/serviceaccounts=${MAX_OBJECTS_PER_KIND}, ` +
        `limited: count/serviceaccounts=${MAX_OBJECTS_PER_KIND}`,
    ]);
    expect(kube.list('serviceaccounts', undefined)).toHaveLength(MAX_OBJECTS_PER_KIND);
    // Other kinds are counted on their own.
    expect(lines(kube.createAll(docs(REVIEWS), ns))).toEqual([
      'service/reviews created',
      'deployment.apps/reviews-v1 created',
    ]);
  });

  it('refuses more replicas than the cap through apply, scale and patch, changing nothing', () => {
    const { kube } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    const tooMany = MAX_REPLICAS + 1;
    const invalid = `The Deployment "reviews-v1" is invalid: spec.replicas: Invalid value: ${tooMany}: must be less than or equal to ${MAX_REPLICAS}`;
    expect(lines([kube.scale('deploy', 'reviews-v1', tooMany, ns)])).toEqual([invalid]);
    expect(
      lines([kube.patch('deploy', 'reviews-v1', { spec: { replicas: tooMany } }, { ...ns, type: 'merge' })]),
    ).toEqual([invalid]);
    expect(lines(kube.applyAll(docs(REVIEWS.replace('replicas: 1', `replicas: ${tooMany}`)), ns))).toEqual([
      'service/reviews unchanged',
      invalid,
    ]);
    expect(lines([kube.scale('deploy', 'nothing', tooMany, ns)])).toEqual([
      'Error from server (NotFound): deployments.apps "nothing" not found',
    ]);
    expect(kube.get<Deployment>('deploy', 'default', 'reviews-v1')?.spec?.replicas).toBe(1);
    expect(lines([kube.scale('deploy', 'reviews-v1', MAX_REPLICAS, ns)])).toEqual([
      'deployment.apps/reviews-v1 scaled',
    ]);
  });

  it('makes room for new events at the cap by dropping the oldest tenth, as their hour would', async () => {
    const { kube, clock } = testCluster();
    const [namespace] = kube.list('namespaces', undefined);
    for (let i = 0; i < MAX_OBJECTS_PER_KIND + 1; i++) {
      kube.events.normal(namespace!, 'Noted', `note ${i}`, { component: 'test' });
      if (i % 1000 === 0) await clock.advance(1000);
    }
    const events = kube.list<KubeEvent>('events', undefined);
    expect(events.length).toBeLessThan(MAX_OBJECTS_PER_KIND);
    expect(events.length).toBeGreaterThanOrEqual(MAX_OBJECTS_PER_KIND * 0.9);
    const messages = new Set(events.map((e) => e.message));
    expect(messages.has(`note ${MAX_OBJECTS_PER_KIND}`)).toBe(true);
    expect(messages.has('note 0')).toBe(false);
  });
});
