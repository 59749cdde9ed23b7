import type { ServerInstance } from './server-instance';
import { circuitBreakerGauges } from '../upstream/resource-manager';

/** Every stat of the proxy as `[name, value, isGauge]`, sorted, cluster breaker and outlier gauges included. */
export function collectStats(proxy: ServerInstance): Array<[string, number, boolean]> {
  const out = proxy.stats.all();
  const cfg = proxy.config;
  if (cfg !== undefined) {
    for (const [name, cluster] of cfg.clusters) {
      for (const [stat, value] of Object.entries(circuitBreakerGauges(cluster.resources)))
        out.push([`cluster.${name}.${stat}`, value, true]);
      out.push([`cluster.${name}.membership_total`, cluster.hostSet.hosts().length, true]);
      out.push([`cluster.${name}.membership_healthy`, cluster.hostSet.healthyHosts().length, true]);
      const od = cluster.outlierDetector?.stats();
      if (od !== undefined) {
        for (const [stat, value] of Object.entries(od))
          out.push([`cluster.${name}.outlier_detection.${stat}`, value, stat === 'ejections_active']);
      }
    }
    out.push(['cluster_manager.active_clusters', cfg.clusters.size, true]);
    out.push(['listener_manager.total_listeners_active', cfg.listeners.size, true]);
  }
  out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return out;
}

/** `/stats` in Envoy's text format: `name: value` per line; `filter` keeps names matching a regex. */
export function statsText(proxy: ServerInstance, filter?: string): string {
  const re = filter === undefined || filter === '' ? undefined : new RegExp(filter);
  const lines: string[] = [];
  for (const [name, value] of collectStats(proxy))
    if (re === undefined || re.test(name)) lines.push(`${name}: ${value}`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Envoy's Prometheus naming: `envoy_` + dots and other punctuation as `_`. */
function promName(name: string): string {
  return `envoy_${name.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

/** `/stats/prometheus`: Istio's standard metrics first, then Envoy's own stats as envoy_* series. */
export function prometheusText(proxy: ServerInstance): string {
  const lines: string[] = [proxy.metrics.prometheus().trimEnd()];
  const clusterNames = proxy.stats.clusterNames().sort((a, b) => b.length - a.length);
  for (const [name, value, gauge] of collectStats(proxy)) {
    const cluster = name.startsWith('cluster.')
      ? clusterNames.find((c) => name.startsWith(`cluster.${c}.`))
      : undefined;
    const metric = cluster === undefined ? promName(name) : promName(`cluster.${name.slice(cluster.length + 9)}`);
    const labels = cluster === undefined ? '' : `{envoy_cluster_name="${cluster}"}`;
    lines.push(`# TYPE ${metric} ${gauge ? 'gauge' : 'counter'}`);
    lines.push(`${metric}${labels} ${value}`);
  }
  return `${lines.join('\n')}\n`;
}
