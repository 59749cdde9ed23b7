/** A cumulative bucket: how many observations were at most `le` (Infinity for `+Inf`). */
export interface Bucket {
  le: number;
  count: number;
}

/**
 * Prometheus' `histogram_quantile(q, …)` (promql/quantile.go, bucketQuantile): the bucket that holds the q-th
 * observation, then linear interpolation inside it, as if its observations were spread evenly; the first bucket
 * starts at 0, and a rank in the `+Inf` bucket answers the highest finite bound. NaN without a `+Inf` bucket or
 * without observations. Counts that go down across bounds (increases read between two scrapes of buckets that did
 * not move together) are raised to stay cumulative, as Prometheus does.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = coalesce(buckets);
  if (sorted.length < 2 || sorted[sorted.length - 1]!.le !== Infinity) return NaN;
  let highest = 0;
  for (const bucket of sorted) highest = bucket.count = Math.max(highest, bucket.count);
  const observations = sorted[sorted.length - 1]!.count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  let b = sorted.findIndex((bucket, i) => i < sorted.length - 1 && bucket.count >= rank);
  if (b < 0) b = sorted.length - 1;
  if (b === sorted.length - 1) return sorted[sorted.length - 2]!.le;
  if (b === 0 && sorted[0]!.le <= 0) return sorted[0]!.le;
  const end = sorted[b]!.le;
  let count = sorted[b]!.count;
  let start = 0;
  if (b > 0) {
    start = sorted[b - 1]!.le;
    count -= sorted[b - 1]!.count;
    rank -= sorted[b - 1]!.count;
  }
  return start + (end - start) * (rank / count);
}

/** Sorted by bound, one bucket per bound (counts of a repeated bound added, as sum-by-le leaves them). */
function coalesce(buckets: readonly Bucket[]): Bucket[] {
  const byBound = new Map<number, number>();
  for (const { le, count } of buckets) byBound.set(le, (byBound.get(le) ?? 0) + count);
  return [...byBound].sort(([a], [b]) => a - b).map(([le, count]) => ({ le, count }));
}
