/**
 * The authorization lab's traffic: one HTTP call per cell of a matrix of callers × methods × paths, each sent
 * from the caller's own pod through its sidecar (so it carries that pod's SPIFFE identity over mTLS), or from
 * the learner's laptop through the ingress gateway's load balancer. Bookinfo's images have no curl, so this is
 * what `kubectl exec … -- curl` would do if they had.
 */
import { HttpClient, type SimCluster } from '../mesh';
import { ingressHost } from '../grader/ingress';
import { both } from '../grader/text';
import type { Bilingual, CheckContext } from '../schema';

/** A Bookinfo app whose pod makes the call, or `gateway`: a browser outside, through the ingress gateway. */
export type Caller = 'productpage' | 'details' | 'reviews' | 'ratings' | 'gateway';

export interface Call {
  from: Caller;
  method: 'GET' | 'POST';
  /** `http://<service>:9080/<path>` inside the mesh; through the gateway only the path counts. */
  url: string;
  /** What the check wants: refused by an RBAC filter (403 `RBAC: access denied`), or let through. */
  want: 'denied' | 'admitted';
}

export interface CallResult extends Call {
  status: number;
  /** The reply was an RBAC filter's 403 rather than the app's own answer. */
  denied: boolean;
}

interface PodLike {
  metadata: { name: string; labels?: Record<string, string> };
  status?: { phase?: string };
}

function podHost(cluster: SimCluster, app: string) {
  const pods = cluster.kube.resolveResource('pods');
  const list = (pods === undefined ? [] : cluster.kube.list(pods, 'default')) as unknown as PodLike[];
  const pod = list.find((p) => p.metadata.labels?.['app'] === app && p.status?.phase === 'Running');
  const host = pod === undefined ? undefined : cluster.podHost('default', pod.metadata.name);
  if (host === undefined) throw new Error(`no running ${app} pod`);
  return host;
}

const RBAC_DENIED = 'RBAC: access denied';

/** Sends every call in order and returns what each got. */
export async function sendCalls(ctx: CheckContext, calls: readonly Call[]): Promise<CallResult[]> {
  return ctx.sim(async (cluster) => {
    const results: CallResult[] = [];
    for (const call of calls) {
      const outside = call.from === 'gateway';
      const host = outside ? cluster.laptop : podHost(cluster, call.from);
      const url = outside ? call.url.replace(/^http:\/\/[^/]+/, `http://${ingressHost(cluster)}`) : call.url;
      const client = new HttpClient({ host, clock: cluster.clock });
      // A POST carries a login form, so the one POST productpage itself serves (/login) answers as it would.
      const form =
        call.method === 'POST'
          ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=kate&passwd=kate' }
          : {};
      const reply = await client.request(url, { method: call.method, ...form, timeoutMs: 30_000 });
      client.close();
      results.push({
        ...call,
        status: reply.status,
        denied: reply.status === 403 && reply.body.trim() === RBAC_DENIED,
      });
    }
    return results;
  });
}

/** Every call got what it wanted. */
export function allAsWanted(results: readonly CallResult[]): boolean {
  return results.every((r) => r.denied === (r.want === 'denied'));
}

function cell(r: CallResult): string {
  const target = r.from === 'gateway' ? `gateway ${new URL(r.url).pathname}` : r.url.replace(/^http:\/\//, '');
  return `${r.from} ${r.method} ${target} → ${r.status}${r.denied ? ' RBAC' : ''}`;
}

/** The matrix as the learner reads it, one cell per call, the unexpected ones marked. */
export function describeCalls(results: readonly CallResult[]): Bilingual {
  const line = (miss: string): string =>
    results.map((r) => (r.denied === (r.want === 'denied') ? cell(r) : `${cell(r)} ${miss}`)).join('; ');
  return both(line('(예상과 다름)'), line('(not as expected)'));
}

/** The wanted matrix in words. */
export function describeWanted(calls: readonly Call[]): Bilingual {
  const target = (c: Call): string =>
    c.from === 'gateway' ? `gateway ${new URL(c.url).pathname}` : c.url.replace(/^http:\/\//, '');
  const ko = calls.map((c) => `${c.from} ${c.method} ${target(c)} → ${c.want === 'denied' ? '403 RBAC' : '허용'}`);
  const en = calls.map(
    (c) => `${c.from} ${c.method} ${target(c)} → ${c.want === 'denied' ? '403 RBAC' : 'let through'}`,
  );
  return both(ko.join('; '), en.join('; '));
}
