/**
 * What a check may say about the requests its traffic made: the cluster records every request (the request
 * inspector, `meshdojo trace`), so feedback can quote why a request got its answer in the same words the learner
 * reads in the terminal and in the workbench's Requests tab.
 */
import {
  describeDecision,
  outcomeOf,
  requestCause,
  requestVerdict,
  type RequestRecord,
  type SimCluster,
} from '../mesh';
import type { Bilingual, Facts } from '../schema';

/**
 * The newest recorded request that `matches`, at any depth: a call an app made while serving another request
 * (productpage calling reviews) counts as much as the request a client made. Undefined when none is kept, or
 * recording is off (`meshdojo trace off`).
 */
export function lastRequest(
  cluster: SimCluster,
  matches: (record: RequestRecord) => boolean,
): RequestRecord | undefined {
  let found: RequestRecord | undefined;
  const visit = (record: RequestRecord) => {
    if (matches(record) && (found === undefined || record.startMs >= found.startMs)) found = record;
    record.children.forEach(visit);
  };
  cluster.requests.list().forEach(visit);
  return found;
}

/**
 * A request, its answer, and why it got it: `GET reviews:9080/reviews/0 → 503 NC: <verdict>`. When the answer
 * is the app's own, the route and cluster the client's proxy chose are quoted too: for routing, they are the why.
 */
export function quoteRequest(record: RequestRecord): Bilingual {
  const { status, flags, done } = outcomeOf(record);
  const answer = `${done ? status : '…'}${flags === '-' ? '' : ` ${flags}`}`;
  const line = `${record.method} ${record.authority}${record.path} → ${answer}`;
  const choices =
    requestCause(record) === undefined
      ? (record.hops[0]?.decisions ?? []).filter((decision) => decision.kind === 'route' || decision.kind === 'cluster')
      : [];
  const quote = (lang: 'ko' | 'en') =>
    [`${line}: ${requestVerdict(record, lang)}`, ...choices.map((choice) => describeDecision(choice, lang))].join('; ');
  return { ko: quote('ko'), en: quote('en') };
}

/**
 * A recorded request as facts for a step's "your run" text: the status and response flags the caller's proxy
 * logged, how long it took, and the subset and rule (`http[1]`) its route chose, when it chose any.
 */
export function requestFacts(record: RequestRecord): Facts & { status: number; flags: string; ms: number } {
  const { status, flags, durationMs } = outcomeOf(record);
  const decisions = record.hops[0]?.decisions ?? [];
  const facts: Facts & { status: number; flags: string; ms: number } = { status, flags, ms: Math.round(durationMs) };
  for (const decision of decisions) {
    if (decision.kind === 'cluster' && decision.subset !== undefined) facts['subset'] = decision.subset;
    if (decision.kind === 'route' && decision.httpIndex !== undefined) facts['rule'] = `http[${decision.httpIndex}]`;
  }
  return facts;
}

/**
 * The requests clients made while `work` ran (not the calls nested in them), oldest first: how a check finds the
 * record of a call it made itself. A call that never became an HTTP request (a reset connection) leaves none.
 */
export async function recordedBy<T>(
  cluster: SimCluster,
  work: () => Promise<T>,
): Promise<{ result: T; records: RequestRecord[] }> {
  const before = new Set(cluster.requests.list());
  const result = await work();
  return { result, records: cluster.requests.list().filter((record) => !before.has(record)) };
}
