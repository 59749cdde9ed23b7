/**
 * Control-plane cost: how long a whole cluster takes to boot on the virtual clock (API server, controllers,
 * istiod's first pushes, every proxy's config, the workloads Ready), per preset — what a learner waits for
 * before the terminal's prompt, and what every check run of a config lab pays first.
 */
import { performance } from 'node:perf_hooks';
import { createCluster } from '.';

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

export async function run(): Promise<Figure[]> {
  await medianBootMs('bookinfo', 3); // the first boots pay for JIT compilation; measure warm
  return [
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
