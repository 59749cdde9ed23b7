/**
 * The calls behind a Bookinfo page, as the request inspector recorded them: how many times productpage called
 * reviews for the newest page and what the caller's sidecar logged for the last call to reviews and to ratings.
 * Facts for a step's "your run" text, in the words `meshdojo trace` uses (status, response flags, milliseconds).
 */
import { lastRequest, requestFacts } from './requests';
import type { RequestRecord, SimCluster } from '../mesh';
import type { Facts } from '../schema';

const isService = (service: string) => (record: RequestRecord) =>
  new RegExp(`^${service}([.:]|$)`).test(record.authority);

function descendants(record: RequestRecord): RequestRecord[] {
  return record.children.flatMap((child) => [child, ...descendants(child)]);
}

/**
 * The calls behind the newest page: `reviewsCalls` (productpage's tries), and the last call to reviews and to
 * ratings as `reviewsStatus`/`reviewsFlags`/`reviewsMs` and `ratingsStatus`/…, as the caller's sidecar logged it.
 */
export function lastPageFacts(cluster: SimCluster): Facts {
  const page = lastRequest(cluster, (record) => record.path.startsWith('/productpage'));
  if (page === undefined) return {};
  const calls = descendants(page);
  const facts: Facts = { reviewsCalls: calls.filter(isService('reviews')).length };
  for (const service of ['reviews', 'ratings']) {
    const call = calls.filter(isService(service)).at(-1);
    if (call === undefined) continue;
    const { status, flags, ms } = requestFacts(call);
    Object.assign(facts, { [`${service}Status`]: status, [`${service}Flags`]: flags, [`${service}Ms`]: ms });
  }
  return facts;
}

/** The newest call to `service` that failed (5xx), as `failedStatus` and `failedFlags`. */
export function lastFailedCallFacts(cluster: SimCluster, service: string): Facts {
  const failed = lastRequest(cluster, (record) => isService(service)(record) && (record.hops[0]?.status ?? 0) >= 500);
  if (failed === undefined) return {};
  const { status, flags } = requestFacts(failed);
  return { failedStatus: status, failedFlags: flags };
}
