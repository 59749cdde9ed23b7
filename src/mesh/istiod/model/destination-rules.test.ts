import { describe, expect, it } from 'vitest';
import { istio, service } from '../testing/objects';
import type { KubeObject } from './kube-api';
import { destinationRuleFor, type DestinationRuleClient } from './destination-rules';
import { buildMeshSnapshot } from './snapshot';

const HOST = 'httpbin.web.svc.cluster.local';
const httpbin = service('httpbin', {
  namespace: 'web',
  clusterIP: '10.96.0.20',
  ports: [{ name: 'http', port: 8000 }],
});

const dr = (name: string, namespace: string, spec: Record<string, unknown>, age = '2026-01-01T00:00:00Z') =>
  istio('DestinationRule', name, { host: HOST, ...spec }, { namespace, creationTimestamp: age });

/** The name of the DestinationRule `client` applies to httpbin, if any. */
function chosen(objects: KubeObject[], client: DestinationRuleClient): string | undefined {
  return destinationRuleFor(buildMeshSnapshot([httpbin, ...objects]), client, HOST, 'web')?.config.meta.name;
}

const sleep = { namespace: 'default', labels: { app: 'sleep' } };
const other = { namespace: 'default', labels: { app: 'other' } };

describe('destinationRuleFor: workloadSelector', () => {
  const selected = dr('for-sleep', 'default', { workloadSelector: { matchLabels: { app: 'sleep' } } });
  const catchAll = dr('everyone', 'default', {});

  it('applies a rule with a selector only to the workloads it selects, the catch-all to the rest', () => {
    expect(chosen([selected, catchAll], sleep)).toBe('for-sleep');
    expect(chosen([selected, catchAll], other)).toBe('everyone');
  });

  it('leaves unselected workloads of that namespace without a rule, even when another namespace has one', () => {
    // Istio looks no further than the first namespace with a rule for the host, then filters by selector.
    const exported = dr('web-default', 'web', {});
    expect(chosen([selected, exported], other)).toBeUndefined();
    expect(chosen([selected, exported], sleep)).toBe('for-sleep');
  });

  it('never reaches across namespaces: a selector rule in the service or root namespace selects nobody outside', () => {
    const inWeb = dr('web-sleep', 'web', { workloadSelector: { matchLabels: { app: 'sleep' } } });
    const inRoot = dr('root-sleep', 'istio-system', { workloadSelector: { matchLabels: { app: 'sleep' } } });
    expect(chosen([inWeb, inRoot], sleep)).toBeUndefined();
    expect(chosen([inWeb], { namespace: 'web', labels: { app: 'sleep' } })).toBe('web-sleep');
  });

  it('prefers a selected rule over an older catch-all, and merges rules with the same selector', () => {
    const older = dr('everyone', 'default', {}, '2025-01-01T00:00:00Z');
    const subsetA = dr('a', 'default', {
      workloadSelector: { matchLabels: { app: 'sleep' } },
      subsets: [{ name: 'v1', labels: { version: 'v1' } }],
    });
    const subsetB = dr('b', 'default', {
      workloadSelector: { matchLabels: { app: 'sleep' } },
      subsets: [{ name: 'v2', labels: { version: 'v2' } }],
    });
    const snap = buildMeshSnapshot([httpbin, older, subsetA, subsetB]);
    const rule = destinationRuleFor(snap, sleep, HOST, 'web');
    expect(rule?.config.meta.name).toBe('a');
    expect(rule?.spec.subsets?.map((s) => s.name)).toEqual(['v1', 'v2']);
    expect(destinationRuleFor(snap, other, HOST, 'web')?.config.meta.name).toBe('everyone');
  });
});

describe('destinationRuleFor: namespaces and exportTo', () => {
  it("looks in the proxy's namespace, then the service's, then the root namespace", () => {
    const own = dr('own', 'default', {});
    const svc = dr('svc', 'web', {});
    const root = dr('root', 'istio-system', {});
    expect(chosen([own, svc, root], sleep)).toBe('own');
    expect(chosen([svc, root], sleep)).toBe('svc');
    expect(chosen([root], sleep)).toBe('root');
  });

  it("honours exportTo: '.' keeps a rule at home, a namespace list names who else sees it", () => {
    const privateRule = dr('private', 'web', { exportTo: ['.'] });
    expect(chosen([privateRule], sleep)).toBeUndefined();
    expect(chosen([privateRule], { namespace: 'web', labels: {} })).toBe('private');
    expect(chosen([dr('listed', 'web', { exportTo: ['default'] })], sleep)).toBe('listed');
    expect(chosen([dr('listed', 'web', { exportTo: ['prod'] })], sleep)).toBeUndefined();
    expect(chosen([dr('hidden', 'web', { exportTo: ['~'] })], { namespace: 'web', labels: {} })).toBeUndefined();
  });

  it("a root-namespace rule exported only to '.' still applies to proxies in the root namespace", () => {
    const rootPrivate = dr('root-private', 'istio-system', { exportTo: ['.'] });
    expect(chosen([rootPrivate], { namespace: 'istio-system', labels: {} })).toBe('root-private');
    expect(chosen([rootPrivate], sleep)).toBeUndefined();
  });

  it('an exact host beats a wildcard in the same namespace', () => {
    const wildcard = istio('DestinationRule', 'wild', { host: '*.web.svc.cluster.local' }, { namespace: 'default' });
    expect(chosen([wildcard, dr('exact', 'default', {}, '2027-01-01T00:00:00Z')], sleep)).toBe('exact');
    expect(chosen([wildcard], sleep)).toBe('wild');
  });
});
