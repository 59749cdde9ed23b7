/**
 * The lab's fleet: the curl clients in `shop`, what each one's sidecar does with a call to a slow httpbin (timed
 * on the virtual clock), and what istiod and the proxies say about their routes.
 */
import { HttpClient, type Pod, type SimCluster } from '../mesh';
import { both } from '../grader/text';
import type { Bilingual, CheckContext } from '../schema';

export const NAMESPACE = 'shop';
/** The clients the lab scales to: enough that editing each by hand is no plan, few enough to grade quickly. */
export const FLEET_SIZE = 50;
/** httpbin answers after 3 s, longer than any timeout the lab sets. */
const SLOW_CALL = 'http://httpbin:8000/delay/3';
/** The outbound route configuration a sidecar uses for port 8000, where httpbin's routes live. */
const ROUTE_CONFIG = '8000';

export interface CallOutcome {
  readonly pod: string;
  /** The HTTP status, or 0 when no response came. */
  readonly status: number;
  readonly ms: number;
}

/** The running curl pods' names. */
export function clientPods(cluster: SimCluster): string[] {
  return cluster.kube
    .list<Pod>('pods', NAMESPACE)
    .filter((p) => p.metadata.labels?.['app'] === 'curl' && p.status?.phase === 'Running')
    .map((p) => p.metadata.name)
    .sort();
}

/** Every client calls the slow endpoint once, all at the same moment; each call is timed on the cluster's clock. */
export function callFromEveryClient(ctx: CheckContext): Promise<CallOutcome[]> {
  return ctx.sim(async (cluster) =>
    Promise.all(
      clientPods(cluster).map(async (pod): Promise<CallOutcome> => {
        const host = cluster.podHost(NAMESPACE, pod);
        if (host === undefined) return { pod, status: 0, ms: 0 };
        const client = new HttpClient({ host, clock: cluster.clock });
        const start = cluster.clock.now();
        try {
          const response = await client.get(SLOW_CALL, { timeoutMs: 10_000 });
          return { pod, status: response.status, ms: cluster.clock.now() - start };
        } catch {
          return { pod, status: 0, ms: cluster.clock.now() - start };
        } finally {
          client.close();
        }
      }),
    ),
  );
}

/** Whether a call ended with the sidecar's 504 close to `seconds` after it started. */
export function timedOutAfter(call: CallOutcome, seconds: number): boolean {
  return call.status === 504 && call.ms >= seconds * 1000 && call.ms < seconds * 1000 + 150;
}

/** `48 × 200 after 3.0 s, 1 × 504 after 1.0 s`: the outcomes grouped, most common first. */
export function describeCalls(calls: readonly CallOutcome[]): Bilingual {
  const groups = new Map<string, number>();
  for (const c of calls) {
    const key = `${c.status === 0 ? '-' : c.status}|${(c.ms / 1000).toFixed(1)}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const parts = [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([key, n]) => [n, ...key.split('|')] as const);
  return both(
    `클라이언트 ${calls.length}개의 호출: ${parts.map(([n, s, t]) => `${n}개는 ${t}초 뒤 ${s === '-' ? '응답 없음' : s}`).join(', ')}`,
    `calls from ${calls.length} clients: ${parts.map(([n, s, t]) => `${n} × ${s === '-' ? 'no response' : s} after ${t} s`).join(', ')}`,
  );
}

/** Per client proxy: istiod's status for its routes (RDS), and the version its own config dump gives them. */
export function routeStates(cluster: SimCluster): Array<{ pod: string; rds: string; version: string }> {
  const rows = new Map(cluster.istio.proxyStatus().map((r) => [r.name, r]));
  return clientPods(cluster).map((pod) => {
    const dump = cluster.proxy(NAMESPACE, pod)?.configDump() as
      { configs?: Array<{ '@type'?: string; dynamic_route_configs?: Array<Record<string, unknown>> }> } | undefined;
    const routes = dump?.configs?.find((c) => c['@type']?.endsWith('RoutesConfigDump'))?.dynamic_route_configs ?? [];
    const entry = routes.find((r) => (r['route_config'] as { name?: string } | undefined)?.name === ROUTE_CONFIG);
    return {
      pod,
      rds: rows.get(`${pod}.${NAMESPACE}`)?.xds.RDS?.status ?? 'NOT CONNECTED',
      version: String(entry?.['version_info'] ?? '-'),
    };
  });
}

/** `RDS: 50 SYNCED; route versions: 2026-01-01T00:05:10Z/31 ×50`. */
export function describeRouteStates(states: ReadonlyArray<{ rds: string; version: string }>): Bilingual {
  const count = (values: readonly string[]): string => {
    const tally = new Map<string, number>();
    for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
    return [...tally.entries()].map(([v, n]) => `${v} ×${n}`).join(', ');
  };
  const rds = count(states.map((s) => s.rds));
  const versions = count(states.map((s) => s.version));
  return both(
    `클라이언트 프록시 ${states.length}개 — istiod가 보는 RDS: ${rds}; 프록시가 보고하는 라우트 버전: ${versions}`,
    `${states.length} client proxies — RDS as istiod sees it: ${rds}; route versions the proxies report: ${versions}`,
  );
}
