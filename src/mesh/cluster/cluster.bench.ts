/**
 * Control-plane cost: how long a whole cluster takes to boot on the virtual clock (API server, controllers,
 * istiod's first pushes, every proxy's config, the workloads Ready), per preset — what a learner waits for
 * before the terminal's prompt, and what every check run of a config lab pays first. And what the cluster's
 * bounds cost: a thousand replicas on three nodes of 110 pods, most of them Pending.
 */
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { createCluster, type SimCluster } from '.';
import { SAMPLE_FILES } from '../apps';

interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

async function medianBootMs(preset: 'istio' | 'bookinfo', runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cluster = await createCluster({ seed: i + 1, clock: 'virtual', preset });
    times.push(performance.now() - started);
    cluster.dispose();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const SLEEP = parseAllDocuments(SAMPLE_FILES['samples/sleep/sleep.yaml']!).map((d) => d.toJS() as unknown);
const ns = { namespace: 'default' };

/** `kubectl scale` and the wait after it, in wall milliseconds. */
async function scaleMs(cluster: SimCluster, name: string, replicas: number): Promise<number> {
  const started = performance.now();
  const result = cluster.kube.scale('deploy', name, replicas, ns);
  if (!result.ok) throw new Error(result.error.message);
  await cluster.settle();
  return performance.now() - started;
}

function pending(cluster: SimCluster): number {
  return cluster.kube
    .list(cluster.kube.resolveResource('pods')!, 'default')
    .filter((p) => (p.status as { phase?: string } | undefined)?.phase === 'Pending').length;
}

/**
 * The bounds' cost on the bare preset (no sidecars): one Deployment scaled to 1,000 fills the nodes (327 Running
 * next to kube-system's pods) and leaves the rest Pending; a second one's 1,000 are then all Pending.
 */
async function pendingFigures(): Promise<Figure[]> {
  const cluster = await createCluster({ seed: 1, clock: 'virtual', preset: 'bare' });
  try {
    cluster.kube.applyAll(SLEEP, ns);
    cluster.kube.applyAll(
      SLEEP.map((d) => JSON.parse(JSON.stringify(d).replaceAll('"sleep"', '"idle"')) as unknown),
      ns,
    );
    await cluster.settle();
    await scaleMs(cluster, 'idle', 0);
    const fill = await scaleMs(cluster, 'sleep', 1000);
    const leftPending = pending(cluster);
    const allPending = await scaleMs(cluster, 'idle', 1000);
    const bothPending = pending(cluster);
    const down = await scaleMs(cluster, 'idle', 0);
    return [
      {
        name: `kube: scale 1 → 1,000 on 3 nodes of 110 pods, ${leftPending} left Pending (bare preset)`,
        value: fill,
        unit: 'ms',
      },
      {
        name: `kube: 1,000 more replicas once the nodes are full, all Pending (${bothPending} Pending then)`,
        value: allPending,
        unit: 'ms',
      },
      { name: 'kube: scale those 1,000 Pending pods back to 0', value: down, unit: 'ms' },
    ];
  } finally {
    cluster.dispose();
  }
}

/** The same thousand with Istio's sidecars: 327 Envoys start and istiod pushes each every endpoint. */
async function sidecarFigure(): Promise<Figure> {
  const cluster = await createCluster({ seed: 1, clock: 'virtual', preset: 'istio' });
  try {
    cluster.kube.label('ns', 'default', { 'istio-injection': 'enabled' }, ns);
    cluster.kube.applyAll(SLEEP, ns);
    await cluster.settle();
    return {
      name: 'kube: scale 1 → 1,000 with sidecars (istio preset, once)',
      value: await scaleMs(cluster, 'sleep', 1000),
      unit: 'ms',
    };
  } finally {
    cluster.dispose();
  }
}

export async function run(): Promise<Figure[]> {
  await medianBootMs('bookinfo', 3); // the first boots pay for JIT compilation; measure warm
  return [
    ...(await pendingFigures()),
    await sidecarFigure(),
    {
      name: 'cluster: istio preset boot, virtual clock (median of 10)',
      value: await medianBootMs('istio', 10),
      unit: 'ms',
    },
    {
      name: 'cluster: bookinfo preset boot, virtual clock (median of 10)',
      value: await medianBootMs('bookinfo', 10),
      unit: 'ms',
    },
  ];
}
