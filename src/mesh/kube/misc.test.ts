import { describe, expect, it } from 'vitest';
import { parseLabelSelector } from './selectors';
import { selectorMatches, summarizePod, type LabelSelector } from './pods';
import { parseRfc3339, rfc3339 } from './time';
import { docs, lines, REVIEWS, REVIEWS_VS, testCluster } from './testing/fixtures';
import type { KubeError } from './errors';
import type { Pod } from './types';

const ns = { namespace: 'default' };

describe('timestamps', () => {
  it('writes RFC 3339 from the 2026-01-01 epoch and reads it back', () => {
    expect(rfc3339(0)).toBe('2026-01-01T00:00:00Z');
    expect(rfc3339(61_999)).toBe('2026-01-01T00:01:01Z');
    expect(rfc3339(59 * 86_400_000)).toBe('2026-03-01T00:00:00Z');
    expect(rfc3339(365 * 86_400_000 + 3_723_000)).toBe('2027-01-01T01:02:03Z');
    expect(parseRfc3339('2027-01-01T01:02:03Z')).toBe(365 * 86_400_000 + 3_723_000);
  });
});

describe('label selectors', () => {
  it('parses kubectl -l syntax', () => {
    const selector = parseLabelSelector('app=reviews,version!=v1,env in (dev, qa),!canary') as LabelSelector;
    expect(selectorMatches(selector, { app: 'reviews', version: 'v2', env: 'qa' })).toBe(true);
    expect(selectorMatches(selector, { app: 'reviews', version: 'v1', env: 'qa' })).toBe(false);
    expect(selectorMatches(selector, { app: 'reviews', env: 'qa', canary: 'true' })).toBe(false);
    expect((parseLabelSelector('app=(') as KubeError).message).toMatch(/^error: unable to parse requirement/);
  });
});

describe('invalid objects with several problems', () => {
  it('lists every cause, as kubectl prints a multi-cause Invalid error', () => {
    const { kube } = testCluster();
    kube.installIstioCrds();
    const bad = REVIEWS_VS.replace('weight: 50\n    - destination', 'weight: "string"\n    - destination').replace(
      '  - route:',
      '  - timeout: 5\n    route:',
    );
    const [result] = kube.applyAll(docs(bad), ns);
    expect((result as { error: KubeError }).error.message).toBe(
      'The VirtualService "reviews" is invalid: \n' +
        '* spec.http[0].route[0].weight: Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "string"\n' +
        '* spec.http[0].timeout: Invalid value: "integer": spec.http[0].timeout in body must be of type string: "integer"',
    );
  });

  it('reports a mistyped label value as a decode error, for custom resources too', () => {
    const { kube } = testCluster();
    kube.installIstioCrds();
    const [result] = kube.applyAll(
      docs(REVIEWS_VS.replace('  name: reviews\n', '  name: reviews\n  labels:\n    version: 1\n')),
      ns,
    );
    expect((result as { error: KubeError }).error.message).toBe(
      'Error from server (BadRequest): error when creating "STDIN": VirtualService in version "v1" cannot be handled as a VirtualService: ' +
        'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
  });

  it('refuses documents without apiVersion or kind, and names without a name', () => {
    const { kube } = testCluster();
    expect(lines(kube.applyAll([{ metadata: { name: 'x' } }], ns))).toEqual([
      'error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    ]);
    expect(lines(kube.applyAll([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }], ns))[0]).toBe(
      'error: error when retrieving current configuration of:\nResource: "/v1, Resource=configmaps", GroupVersionKind: "/v1, Kind=ConfigMap"\n' +
        'Name: "", Namespace: "default"\nfrom server for: "STDIN": resource name may not be empty',
    );
  });
});

describe('streams', () => {
  it('accepts generated YAML with null fields', () => {
    const { kube } = testCluster();
    const generated =
      REVIEWS.replace('  name: reviews-v1\n', '  name: reviews-v1\n  creationTimestamp: null\n').replace(
        '    spec:\n      containers:',
        '    spec:\n      containers:',
      ) + 'status: {}\n';
    expect(lines(kube.applyAll(docs(generated), ns))).toEqual([
      'service/reviews created',
      'deployment.apps/reviews-v1 created',
    ]);
  });

  it('skips empty documents, expands Lists, and supports dry runs', () => {
    const { kube } = testCluster();
    const list = { apiVersion: 'v1', kind: 'List', items: docs(REVIEWS) };
    expect(lines(kube.applyAll([null, list], { ...ns, dryRun: 'server' }))).toEqual([
      'service/reviews created (server dry run)',
      'deployment.apps/reviews-v1 created (server dry run)',
    ]);
    expect(kube.get('svc', 'default', 'reviews')).toBeUndefined();
    expect(lines(kube.applyAll([list], ns))).toEqual(['service/reviews created', 'deployment.apps/reviews-v1 created']);
  });
});

describe('watch through the facade', () => {
  it('delivers ADDED, MODIFIED, DELETED for a kind in order, with replay of existing objects', () => {
    const { kube } = testCluster();
    kube.installIstioCrds();
    kube.applyAll(docs(REVIEWS_VS), ns);
    const seen: string[] = [];
    const stop = kube.watch(
      'vs',
      (e) => seen.push(`${e.type} ${e.object.metadata.name} gen=${e.object.metadata.generation}`),
      { replay: true },
    );
    kube.applyAll(
      docs(
        REVIEWS_VS.replace('weight: 50\n    - destination', 'weight: 80\n    - destination').replace(
          'weight: 50',
          'weight: 20',
        ),
      ),
      ns,
    );
    kube.delete('vs', ['reviews'], ns);
    stop();
    expect(seen).toEqual(['ADDED reviews gen=1', 'MODIFIED reviews gen=2', 'DELETED reviews gen=2']);
  });
});

describe('containers that exit, logs and events', () => {
  it('restarts a crashed container after back-off and keeps the previous logs', async () => {
    const { kube, clock } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    await clock.advance(5000);
    const name = kube.list<Pod>('pods', 'default')[0]!.metadata.name;
    kube.logs.append('default', name, 'reviews', 'starting\nlistening on 9080\n');
    expect(kube.readLogs('default', name)).toEqual({
      ok: true,
      container: 'reviews',
      lines: ['starting', 'listening on 9080'],
      warnings: [],
    });
    expect(kube.containerExited('default', name, 'reviews', 1)).toBe(true);
    await clock.advance(10);
    expect(summarizePod(kube.get<Pod>('pod', 'default', name)!)).toMatchObject({
      ready: '0/1',
      status: 'CrashLoopBackOff',
      restarts: 0,
    });
    await clock.advance(10_000);
    const pod = kube.get<Pod>('pod', 'default', name)!;
    expect(summarizePod(pod)).toMatchObject({ ready: '1/1', status: 'Running', restarts: 1 });
    expect(pod.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(1);
    const previous = kube.readLogs('default', name, { previous: true });
    expect(previous.ok && previous.lines).toEqual(['starting', 'listening on 9080']);
    const events = kube.eventsFor(pod).map((e) => `${e.reason} x${e.count}`);
    expect(events).toContain('Started x2');
    expect(events).toContain('BackOff x1');
  });

  it('answers kubectl logs for missing pods and containers that have not started', async () => {
    const { kube, clock } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    await clock.advance(100);
    const name = kube.list<Pod>('pods', 'default')[0]!.metadata.name;
    const waiting = kube.readLogs('default', name);
    expect(!waiting.ok && waiting.error.message).toBe(
      `Error from server (BadRequest): container "reviews" in pod "${name}" is waiting to start: ContainerCreating`,
    );
    const missing = kube.readLogs('default', 'nope');
    expect(!missing.ok && missing.error.message).toBe('Error from server (NotFound): pods "nope" not found');
    const wrong = kube.readLogs('default', name, { container: 'web' });
    expect(!wrong.ok && wrong.error.message).toBe(`error: container web is not valid for pod ${name}`);
  });

  it('shows Terminating while a deleted pod shuts down', async () => {
    const { kube, clock } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    await clock.advance(5000);
    const name = kube.list<Pod>('pods', 'default')[0]!.metadata.name;
    expect(lines(kube.delete('po', [name], ns))).toEqual([`pod "${name}" deleted`]);
    await clock.advance(10);
    expect(summarizePod(kube.get<Pod>('pod', 'default', name)!)).toMatchObject({ ready: '0/1', status: 'Terminating' });
    await clock.advance(5000);
    expect(kube.get('pod', 'default', name)).toBeUndefined();
    expect(kube.list<Pod>('pods', 'default')).toHaveLength(1); // replaced by the ReplicaSet
  });
});
