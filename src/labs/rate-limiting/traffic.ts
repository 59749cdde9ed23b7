/**
 * The traffic the rate-limiting checks send, with the commands the learner types: curl from the ratings pod to
 * productpage (as istio.io's task does) and curl from outside to the ingress gateway's address. Each answer is
 * counted by status code, so a check says what it saw in the learner's own numbers.
 */
import { both } from '../grader/text';
import { ingressHost } from '../grader/ingress';
import { commandOutput } from '../grader/terminal-commands';
import type { Bilingual, CheckContext } from '../schema';

const FROM_RATINGS = 'kubectl exec deploy/ratings-v1 -c ratings --';

export interface Tally {
  readonly calls: number;
  readonly ok: number;
  readonly limited: number;
  /** Any other status (a 503 from a broken push, a 404 from a route that went missing). */
  readonly other: number;
}

function tally(out: string): Tally {
  const codes = out.split('\n').filter((line) => line !== '');
  const ok = codes.filter((c) => c === '200').length;
  const limited = codes.filter((c) => c === '429').length;
  return { calls: codes.length, ok, limited, other: codes.length - ok - limited };
}

const codeLoop = (calls: number, url: string): string =>
  `for i in $(seq 1 ${calls}); do curl -s -o /dev/null -w "%{http_code}\\n" ${url}; done`;

/** `calls` requests from the ratings pod to productpage, one after the other, without a pause. */
export async function callProductpage(ctx: CheckContext, calls: number): Promise<Tally> {
  return tally(
    await commandOutput(ctx, `${FROM_RATINGS} bash -c '${codeLoop(calls, 'productpage:9080/productpage')}'`),
  );
}

/** The response headers of one more call from the ratings pod to productpage. */
export async function productpageHeaders(ctx: CheckContext): Promise<string> {
  return commandOutput(ctx, `${FROM_RATINGS} curl -s -D - -o /dev/null productpage:9080/productpage`);
}

/** `calls` requests from outside the cluster to `path` on the ingress gateway's address. */
export async function callGateway(ctx: CheckContext, path: string, calls: number): Promise<Tally> {
  const host = ingressHost(await ctx.cluster());
  return tally(await commandOutput(ctx, codeLoop(calls, `http://${host}${path}`)));
}

/** Waits on the cluster's virtual clock, as `sleep` in the terminal does. */
export async function sleep(ctx: CheckContext, seconds: number): Promise<void> {
  await commandOutput(ctx, `sleep ${seconds}`);
}

export function describeTally(what: Bilingual, t: Tally): Bilingual {
  const other = (word: string): string => (t.other === 0 ? '' : `, ${word} ${t.other}`);
  return both(
    `${what.ko} ${t.calls}번: 200 ${t.ok}번, 429 ${t.limited}번${other('그 밖의 코드')}`,
    `${what.en}, ${t.calls} calls: 200 × ${t.ok}, 429 × ${t.limited}${other('other codes ×')}`,
  );
}
