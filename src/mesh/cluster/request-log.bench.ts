/**
 * What the request inspector costs: Bookinfo's product page through the ingress gateway (four proxies and
 * three calls the app makes per page), with recording on and off, in CPU time per page. The goal: on
 * stays within 10 % of off, so it can be on by default.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createCluster, type SimCluster } from '.';
import { HttpClient } from '../apps';

interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

const PAGES = 500;
// Twenty pairs: the median of a dozen still moved by ±3 points from run to run on a quiet 2-core machine.
const PAIRS = 20;

function gatewayHost(cluster: SimCluster): string {
  const svc = cluster.kube.get(cluster.kube.resolveResource('services')!, 'istio-system', 'istio-ingressgateway') as
    { status?: { loadBalancer?: { ingress?: Array<{ hostname?: string; ip?: string }> } } } | undefined;
  const ingress = svc?.status?.loadBalancer?.ingress?.[0];
  return ingress?.hostname ?? ingress?.ip ?? '';
}

/**
 * CPU ms per product page over one round of PAGES pages, recording as `on` says. The simulation's own thread's
 * CPU time: not wall time, which on a machine shared with other work measures the others as much as us; and not
 * the process's, which adds V8's garbage-collection helper threads (they run beside the simulation, not in it).
 */
async function msPerPage(cluster: SimCluster, on: boolean): Promise<number> {
  cluster.requests.enabled = on;
  // Each round starts from a collected heap: otherwise whichever round a full collection of the whole cluster's
  // heap happens to land in pays for it (tens of ms against a round of ~150), whatever it recorded.
  collectGarbage();
  const client = new HttpClient({ host: cluster.laptop, clock: cluster.clock });
  const url = `http://${gatewayHost(cluster)}/productpage`;
  const started = process.threadCpuUsage();
  await cluster.run(async () => {
    for (let i = 0; i < PAGES; i++) await client.get(url);
  });
  client.close();
  const used = process.threadCpuUsage(started);
  return (used.user + used.system) / 1000 / PAGES;
}

/** V8's full collection, which Node hands out only behind a flag: set it for this process, then fetch gc(). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<Figure[]> {
  const cluster = await createCluster({ seed: 1, clock: 'virtual', preset: 'bookinfo' });
  try {
    // Warm up (JIT, connection pools), then rounds in turn, off-on then on-off (ABBA): a machine that speeds up
    // or slows down over the run weighs on both alike, and so does the garbage one round leaves to the next.
    for (let i = 0; i < 2; i++) await msPerPage(cluster, i % 2 === 0);
    // The cost is the median of the pairs' ratios: a pair's two rounds run back to back, so they share the
    // machine's state of the moment, which the medians of all on and all off rounds would not.
    const times: Record<'on' | 'off', number[]> = { on: [], off: [] };
    const ratios: number[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      const round: Record<'on' | 'off', number> = { on: 0, off: 0 };
      for (const on of pair % 2 === 0 ? [false, true] : [true, false])
        round[on ? 'on' : 'off'] = await msPerPage(cluster, on);
      times.on.push(round.on);
      times.off.push(round.off);
      ratios.push(round.on / round.off);
    }
    return [
      {
        name: 'inspector: bookinfo product page via the gateway, recording off',
        value: median(times.off),
        unit: 'CPU ms/page',
      },
      { name: 'inspector: the same, recording on', value: median(times.on), unit: 'CPU ms/page' },
      { name: 'inspector: recording on vs off', value: (median(ratios) - 1) * 100, unit: '%', goal: '≤ 10 %' },
    ];
  } finally {
    cluster.dispose();
  }
}
