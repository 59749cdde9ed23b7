/**
 * The `cluster.<name>.*` statistics of one upstream cluster. Plain fields so the data path increments
 * them without lookups; they outlive a cluster's config (Envoy keeps stats by name across CDS updates).
 */
export class ClusterStats {
  upstream_cx_total = 0;
  upstream_cx_active = 0;
  upstream_cx_connect_fail = 0;
  upstream_cx_connect_timeout = 0;
  upstream_cx_overflow = 0;
  upstream_cx_destroy = 0;
  upstream_cx_max_requests = 0;
  upstream_cx_none_healthy = 0;
  upstream_rq_total = 0;
  upstream_rq_active = 0;
  upstream_rq_completed = 0;
  upstream_rq_pending_total = 0;
  upstream_rq_pending_active = 0;
  upstream_rq_pending_overflow = 0;
  upstream_rq_pending_failure_eject = 0;
  upstream_rq_cancelled = 0;
  upstream_rq_timeout = 0;
  upstream_rq_per_try_timeout = 0;
  upstream_rq_rx_reset = 0;
  upstream_rq_retry = 0;
  upstream_rq_retry_success = 0;
  upstream_rq_retry_overflow = 0;
  upstream_rq_retry_limit_exceeded = 0;
  upstream_rq_retry_backoff_exponential = 0;
  upstream_rq_1xx = 0;
  upstream_rq_2xx = 0;
  upstream_rq_3xx = 0;
  upstream_rq_4xx = 0;
  upstream_rq_5xx = 0;
  /** upstream_rq_<code>, e.g. 503 → count. */
  readonly byCode = new Map<number, number>();

  constructor(readonly name: string) {}

  /** One upstream response (every attempt counts, as in Envoy's router). */
  chargeResponse(code: number): void {
    this.upstream_rq_completed++;
    const klass = (code / 100) | 0;
    if (klass === 2) this.upstream_rq_2xx++;
    else if (klass === 5) this.upstream_rq_5xx++;
    else if (klass === 4) this.upstream_rq_4xx++;
    else if (klass === 3) this.upstream_rq_3xx++;
    else if (klass === 1) this.upstream_rq_1xx++;
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
  }

  /** Counter and gauge values by stat name (without the `cluster.<name>.` prefix). */
  entries(): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    for (const key of Object.keys(this) as Array<keyof this>) {
      const value = this[key];
      if (typeof value === 'number') out.push([key as string, value]);
    }
    for (const [code, count] of this.byCode) out.push([`upstream_rq_${code}`, count]);
    return out;
  }
}

/** Gauges (not counters) among the cluster stats: Prometheus type and `/stats?type` need to know. */
export const CLUSTER_GAUGES: ReadonlySet<string> = new Set([
  'upstream_cx_active',
  'upstream_rq_active',
  'upstream_rq_pending_active',
]);
