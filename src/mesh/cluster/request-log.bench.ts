/**
 * What the request inspector costs: Bookinfo's product page through the ingress gateway (four proxies and
 * three calls the app makes per page), with recording on and off, in wall time per page. The goal: on
 * stays within 10 % of off, so it can be on by default.
 */
import { performance } from 'node:perf_hooks';
import { createCluster, type SimCluster } from '.';
import { HttpClient } from '../apps';

interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

const PAGES = 200;

function gatewayHost(cluster: SimCluster): string {
  const svc = cluster.kube.get(cluster.kube.resolveResource('services')!, 'istio-system', 'istio-ingressgateway') as
    { status?: { loadBalancer?: { ingress?: Array<{ hostname?: string; ip?: string }> } } } | undefined;
  const ingress = svc?.status?.loadBalancer?.ingress?.[0];
  return ingress?.hostname ?? ingress?.ip ?? '';
}

/** Wall ms per product page, the median of `rounds` rounds of PAGES pages, recording as `on` says. */
async function msPerPage(cluster: SimCluster, on: boolean, rounds: number): Promise<number> {
  cluster.requests.enabled = on;
  const client = new HttpClient({ host: cluster.laptop, clock: cluster.clock });
  const url = `http://${gatewayHost(cluster)}/productpage`;
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    await cluster.run(async () => {
      for (let i = 0; i < PAGES; i++) await client.get(url);
    });
    times.push((performance.now() - started) / PAGES);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function run(): Promise<Figure[]> {
  const cluster = await createCluster({ seed: 1, clock: 'virtual', preset: 'bookinfo' });
  try {
    await msPerPage(cluster, true, 2); // warm up: JIT and connection pools
    await msPerPage(cluster, false, 2);
    const off = await msPerPage(cluster, false, 5);
    const on = await msPerPage(cluster, true, 5);
    return [
      { name: 'inspector: bookinfo product page via the gateway, recording off', value: off, unit: 'ms/page' },
      { name: 'inspector: the same, recording on', value: on, unit: 'ms/page' },
      { name: 'inspector: recording on vs off', value: ((on - off) / off) * 100, unit: '%', goal: '≤ 10 %' },
    ];
  } finally {
    cluster.dispose();
  }
}
