import { ClusterStats } from './cluster-stats';

/**
 * Every statistic of one proxy, by Envoy's names. Cluster stats are objects with fields (hot path);
 * everything else is a named counter created on first use and kept as a mutable cell so callers can hold
 * it after resolving the name once at config time.
 */
export interface Counter {
  value: number;
}

export class StatsStore {
  private readonly clusters = new Map<string, ClusterStats>();
  private readonly counters = new Map<string, Counter>();
  private readonly gauges = new Map<string, () => number>();

  cluster(name: string): ClusterStats {
    let s = this.clusters.get(name);
    if (s === undefined) {
      s = new ClusterStats(name);
      this.clusters.set(name, s);
    }
    return s;
  }

  /** A counter cell by full name (`http.outbound_0.0.0.0_8000.downstream_rq_total`). */
  counter(name: string): Counter {
    let c = this.counters.get(name);
    if (c === undefined) {
      c = { value: 0 };
      this.counters.set(name, c);
    }
    return c;
  }

  /** A gauge read when stats are printed (circuit breaker remaining_*, outlier ejections_active…). */
  gauge(name: string, read: () => number): void {
    this.gauges.set(name, read);
  }

  removeGaugesWithPrefix(prefix: string): void {
    for (const name of [...this.gauges.keys()]) if (name.startsWith(prefix)) this.gauges.delete(name);
  }

  clusterNames(): string[] {
    return [...this.clusters.keys()];
  }

  /** All stats, sorted by name, as `[name, value, isGauge]`. */
  all(): Array<[string, number, boolean]> {
    const out: Array<[string, number, boolean]> = [];
    for (const [name, stats] of this.clusters) {
      for (const [stat, value] of stats.entries()) {
        out.push([`cluster.${name}.${stat}`, value, stat.endsWith('_active')]);
      }
    }
    for (const [name, cell] of this.counters) out.push([name, cell.value, false]);
    for (const [name, read] of this.gauges) out.push([name, read(), true]);
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return out;
  }
}
