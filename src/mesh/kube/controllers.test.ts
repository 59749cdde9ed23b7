import { describe, expect, it } from 'vitest';
import type { Pod } from './types';
import { summarizePod, hasIstioSidecar } from './pods';
import { docs, REVIEWS, testCluster } from './testing/fixtures';
import type { Kube } from './kube';

const ns = { namespace: 'default' };

function pods(kube: Kube, selector = 'app=reviews'): Pod[] {
  return kube.list<Pod>('pods', 'default', selector);
}

function table(kube: Kube, selector?: string): string[] {
  return pods(kube, selector).map((p) => {
    const s = summarizePod(p);
    return `${p.metadata.name} ${s.ready} ${s.status}`;
  });
}

describe('Deployment → ReplicaSet → Pods', () => {
  it('names pods <deployment>-<pod-template-hash>-<suffix>, the same for the same seed', async () => {
    const names = async (seed: number): Promise<string[]> => {
      const { kube, clock } = testCluster({ seed });
      kube.applyAll(docs(REVIEWS.replace('replicas: 1', 'replicas: 3')), ns);
      await clock.advance(100);
      return pods(kube).map((p) => p.metadata.name);
    };
    const first = await names(42);
    expect(first).toHaveLength(3);
    for (const name of first)
      expect(name).toMatch(/^reviews-v1-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(new Set(first.map((n) => n.split('-').slice(0, 3).join('-'))).size).toBe(1); // one ReplicaSet
    expect(await names(42)).toEqual(first);
    expect(await names(43)).not.toEqual(first);
  });

  it('starts pods Pending/ContainerCreating and Running 1/1 a few seconds later, spread over nodes', async () => {
    const { kube, clock } = testCluster();
    kube.applyAll(docs(REVIEWS.replace('replicas: 1', 'replicas: 3')), ns);
    await clock.advance(100);
    expect(pods(kube).map((p) => summarizePod(p).status)).toEqual([
      'ContainerCreating',
      'ContainerCreating',
      'ContainerCreating',
    ]);
    expect(pods(kube).every((p) => p.status?.phase === 'Pending')).toBe(true);
    await clock.advance(5000);
    expect(table(kube).map((row) => row.split(' ').slice(1).join(' '))).toEqual([
      '1/1 Running',
      '1/1 Running',
      '1/1 Running',
    ]);
    const running = pods(kube);
    expect(new Set(running.map((p) => p.spec?.nodeName)).size).toBe(3);
    for (const pod of running) expect(pod.status?.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    const deployment = kube.get('deploy', 'default', 'reviews-v1')!;
    expect(deployment.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      updatedReplicas: 3,
    });
    expect(kube.rolloutStatus('reviews-v1')?.message).toBe('deployment "reviews-v1" successfully rolled out');
    const reasons = kube.eventsFor(running[0]!).map((e) => e.reason);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
  });

  it('scales up and down', async () => {
    const { kube, clock } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    await clock.advance(5000);
    kube.scale('deploy', 'reviews-v1', 3, ns);
    await clock.advance(5000);
    expect(table(kube).filter((r) => r.endsWith('1/1 Running'))).toHaveLength(3);
    kube.scale('deploy', 'reviews-v1', 1, ns);
    await clock.advance(100);
    expect(table(kube).filter((r) => r.endsWith('Terminating'))).toHaveLength(2);
    await clock.advance(5000);
    expect(pods(kube)).toHaveLength(1);
  });

  it('rollout restart creates new pods and terminates the old ones once the new are ready', async () => {
    const { kube, clock } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    await clock.advance(5000);
    const [old] = pods(kube);
    expect(kube.rolloutRestart('deploy', 'reviews-v1', ns).ok).toBe(true);
    await clock.advance(100);
    const during = pods(kube);
    expect(during).toHaveLength(2);
    expect(summarizePod(during.find((p) => p.metadata.name === old!.metadata.name)!).status).toBe('Running');
    await clock.advance(10_000);
    const after = pods(kube);
    expect(after).toHaveLength(1);
    expect(after[0]!.metadata.name).not.toBe(old!.metadata.name);
    expect(after[0]!.metadata.labels?.['pod-template-hash']).not.toBe(old!.metadata.labels?.['pod-template-hash']);
    expect(kube.list('rs', 'default')).toHaveLength(2);
  });

  it('deleting a Deployment removes its ReplicaSets and pods', async () => {
    const { kube, clock } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    await clock.advance(5000);
    kube.delete('deploy', ['reviews-v1'], ns);
    await clock.advance(10_000);
    expect(kube.list('rs', 'default')).toHaveLength(0);
    expect(pods(kube)).toHaveLength(0);
  });
});

describe('image pulls', () => {
  it('an image the catalog does not know goes ErrImagePull → ImagePullBackOff and never becomes Ready', async () => {
    const { kube, clock } = testCluster({ isKnownImage: (image) => !image.includes('typo') });
    kube.applyAll(docs(REVIEWS.replace('reviews-v1:1.20.3', 'reviews-v1-typo:1.20.3')), ns);
    await clock.advance(200);
    expect(summarizePod(pods(kube)[0]!).status).toBe('ContainerCreating');
    const statuses = new Set<string>();
    for (let t = 0; t < 60; t++) {
      await clock.advance(500);
      statuses.add(summarizePod(pods(kube)[0]!).status);
    }
    expect([...statuses]).toEqual(expect.arrayContaining(['ErrImagePull', 'ImagePullBackOff']));
    const pod = pods(kube)[0]!;
    expect(summarizePod(pod).ready).toBe('0/1');
    expect(pod.status?.phase).toBe('Pending');
    const messages = kube.eventsFor(pod).map((e) => `${e.type} ${e.reason} ${e.message}`);
    expect(messages).toContain('Warning Failed Error: ImagePullBackOff');
    expect(
      messages.some((m) =>
        m.startsWith('Warning Failed Failed to pull image "docker.io/istio/examples-bookinfo-reviews-v1-typo:1.20.3"'),
      ),
    ).toBe(true);
    expect(kube.readLogs('default', pod.metadata.name).ok).toBe(false);
    // Retries are bounded, so the clock can go idle.
    await clock.runUntilIdle({ maxEvents: 10_000 });
  });
});

describe('sidecar injection', () => {
  it('injects only into pods created after the namespace is labelled, and only with Istio installed', async () => {
    const { kube, clock } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    await clock.advance(5000);
    kube.label('ns', 'default', { 'istio-injection': 'enabled' }, ns);
    kube.scale('deploy', 'reviews-v1', 2, ns);
    await clock.advance(5000);
    expect(table(kube).map((r) => r.split(' ')[1])).toEqual(['1/1', '1/1']); // no istiod webhook yet

    kube.enableSidecarInjection();
    kube.scale('deploy', 'reviews-v1', 3, ns);
    await clock.advance(6000);
    const readies = pods(kube)
      .map((p) => summarizePod(p).ready)
      .sort();
    expect(readies).toEqual(['1/1', '1/1', '2/2']);

    kube.rolloutRestart('deploy', 'reviews-v1', ns);
    await clock.advance(20_000);
    const restarted = pods(kube);
    expect(restarted.map((p) => summarizePod(p))).toEqual([
      { ready: '2/2', status: 'Running', restarts: 0 },
      { ready: '2/2', status: 'Running', restarts: 0 },
      { ready: '2/2', status: 'Running', restarts: 0 },
    ]);
    const pod = restarted[0]!;
    expect(hasIstioSidecar(pod)).toBe(true);
    expect(pod.spec?.initContainers?.map((c) => c.name)).toEqual(['istio-init']);
    expect(pod.spec?.containers.map((c) => c.name)).toEqual(['reviews', 'istio-proxy']);
    expect(pod.metadata.annotations?.['sidecar.istio.io/status']).toContain('"containers":["istio-proxy"]');
    expect(pod.metadata.labels?.['service.istio.io/canonical-name']).toBe('reviews');
    const logs = kube.readLogs('default', pod.metadata.name);
    expect(logs.ok && logs.warnings).toEqual([
      'Defaulted container "reviews" out of: reviews, istio-proxy, istio-init (init)',
    ]);
  });

  it('shows Init:0/1 while istio-init runs, and respects sidecar.istio.io/inject=false', async () => {
    const { kube, clock } = testCluster();
    kube.enableSidecarInjection();
    kube.label('ns', 'default', { 'istio-injection': 'enabled' }, ns);
    kube.applyAll(docs(REVIEWS), ns);
    await clock.advance(50);
    expect(summarizePod(pods(kube)[0]!)).toMatchObject({ ready: '0/2', status: 'Init:0/1' });
    kube.applyAll(
      docs(
        REVIEWS.replace(
          '        version: v1\n    spec:',
          '        version: v1\n        sidecar.istio.io/inject: "false"\n    spec:',
        ),
      ),
      ns,
    );
    await clock.advance(20_000);
    expect(pods(kube).map((p) => summarizePod(p).ready)).toEqual(['1/1']);
  });
});
