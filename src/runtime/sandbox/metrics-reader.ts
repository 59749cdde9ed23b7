import { TYPES, type Pod, type SimCluster } from '../../mesh';
import type { MetricCatalog, MetricQuery, MetricQueryResult } from '../types';
import { queryMetrics } from './metrics-query';
import { MetricsStore, type Scrape } from './metrics-store';

/**
 * The Metrics tab's Prometheus: on each tick it scrapes every proxy of the cluster (sidecars and gateways) the way
 * the Prometheus add-on's `kubernetes-pods` job does, through the admin endpoint's `/stats/prometheus`, and keeps
 * the samples (metrics-store.ts). One reader per cluster, ticked by the Worker beside the mesh graph's reader.
 */
export class MetricsReader {
  private readonly store = new MetricsStore();

  constructor(private readonly cluster: SimCluster) {}

  /** Scrapes every proxy now and keeps the samples; answers what it read, for the mesh graph's reader. */
  scrape(now: number): Scrape[] {
    const scrapes: Scrape[] = [];
    for (const pod of this.cluster.kube.list<Pod>(TYPES.Pod)) {
      const namespace = pod.metadata.namespace ?? 'default';
      const proxy = this.cluster.proxy(namespace, pod.metadata.name);
      if (proxy) scrapes.push({ namespace, pod: pod.metadata.name, text: proxy.prometheus() });
    }
    this.store.ingest(scrapes, now);
    return scrapes;
  }

  query(query: MetricQuery): MetricQueryResult {
    return queryMetrics(this.store, query);
  }

  catalog(): MetricCatalog {
    return this.store.catalog();
  }
}
