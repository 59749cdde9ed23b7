/**
 * The authorization lab's traffic: one HTTP call per cell of a matrix of callers × methods × paths, each sent
 * from the caller's own pod through its sidecar (so it carries that pod's SPIFFE identity over mTLS), or from
 * the learner's laptop through the ingress gateway's load balancer. Bookinfo's images have no curl, so this is
 * what `kubectl exec … -- curl` would do if they had.
 */
import { HttpClient, type RequestRecord, type SimCluster } from '../mesh';
import { ingressHost } from '../grader/ingress';
import { recordedBy } from '../grader/requests';
import { both } from '../grader/text';
import type { Bilingual, CheckContext, Facts } from '../schema';

/** A Bookinfo app whose pod makes the call, or `gateway`: a browser outside, through the ingress gateway. */
export type Caller = 'productpage' | 'details' | 'reviews' | 'ratings' | 'gateway';

export interface Call {
  from: Caller;
  method: 'GET' | 'POST';
  /** `http://<service>:9080/<path>` inside the mesh; through the gateway only the path counts. */
  url: string;
  /** What the check wants: refused by an RBAC filter (403 `RBAC: access denied`), or let through. */
  want: 'denied' | 'admitted';
  /** Names the call in the matrix's facts (`login` gives `loginStatus`, `loginPolicy`, `loginPeer`). */
  fact?: string;
}

/** What the RBAC filter that decided a call saw and said, from the request inspector's record of it. */
interface RbacVerdict {
  /** Istio's id of the matching rule, `ns[default]-policy[<name>]-rule[<i>]`, or `none`. */
  policy: string;
  /** The caller's identity the filter read from the mTLS certificate, or `none` for plaintext. */
  peer: string;
  /** Envoy's response code details: `rbac_access_denied_matched_policy[…]` for a denial. */
  details: string;
}

export interface CallResult extends Call {
  status: number;
  /** The reply was an RBAC filter's 403 rather than the app's own answer. */
  denied: boolean;
  /** Undefined when no RBAC filter decided it, or the request inspector kept no record. */
  rbac?: RbacVerdict;
}

/**
 * The verdict of the last RBAC filter on the call's path, a DENY before an ALLOW on the same hop: the one that
 * refused it, or the ALLOW rule that let it in at the receiving sidecar.
 */
function rbacVerdict(record: RequestRecord | undefined): RbacVerdict | undefined {
  for (const hop of [...(record?.hops ?? [])].reverse()) {
    const decision = hop.decisions.filter((d) => d.kind === 'rbac').at(-1);
    if (decision === undefined) continue;
    return { policy: decision.policy ?? 'none', peer: hop.downstreamPeer ?? 'none', details: hop.details };
  }
  return undefined;
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
      const { result: reply, records } = await recordedBy(cluster, () =>
        client.request(url, { method: call.method, ...form, timeoutMs: 30_000 }),
      );
      client.close();
      const rbac = rbacVerdict(records.at(-1));
      results.push({
        ...call,
        status: reply.status,
        denied: reply.status === 403 && reply.body.trim() === RBAC_DENIED,
        ...(rbac !== undefined && { rbac }),
      });
    }
    return results;
  });
}

/** Every call got what it wanted. */
export function allAsWanted(results: readonly CallResult[]): boolean {
  return results.every((r) => r.denied === (r.want === 'denied'));
}

/**
 * What the matrix measured, for the step's "your run" text: how many calls were refused and let through, the
 * response code details of the last refusal, and for each named call its status, the rule that decided it and
 * the caller identity the RBAC filter saw.
 */
export function matrixFacts(results: readonly CallResult[]): Facts {
  const facts: Facts = {
    calls: results.length,
    denied: results.filter((r) => r.denied).length,
    admitted: results.filter((r) => !r.denied).length,
  };
  const refusal = results.filter((r) => r.denied && r.rbac !== undefined).at(-1);
  if (refusal?.rbac !== undefined) facts['deniedDetails'] = refusal.rbac.details;
  for (const { fact, status, rbac } of results) {
    if (fact === undefined) continue;
    facts[`${fact}Status`] = status;
    if (rbac !== undefined) Object.assign(facts, { [`${fact}Policy`]: rbac.policy, [`${fact}Peer`]: rbac.peer });
  }
  return facts;
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
