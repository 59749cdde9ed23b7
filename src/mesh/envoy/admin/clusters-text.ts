import type { ServerInstance } from './server-instance';

/** `/clusters` as Envoy prints it: cluster settings, then one `name::ip:port::stat::value` line per host fact. */
export function clustersText(proxy: ServerInstance): string {
  const cfg = proxy.config;
  if (cfg === undefined) return '';
  const lines: string[] = [];
  for (const [name, cluster] of [...cfg.clusters].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const r = cluster.resources;
    lines.push(`${name}::observability_name::${name}`);
    lines.push(`${name}::default_priority::max_connections::${r.connections.max}`);
    lines.push(`${name}::default_priority::max_pending_requests::${r.pendingRequests.max}`);
    lines.push(`${name}::default_priority::max_requests::${r.requests.max}`);
    lines.push(`${name}::default_priority::max_retries::${r.retries.max}`);
    lines.push(`${name}::added_via_api::true`);
    for (const host of cluster.allHosts()) {
      const p = `${name}::${host.key}`;
      const s = host.stats;
      lines.push(`${p}::cx_active::${s.cxActive}`);
      lines.push(`${p}::cx_connect_fail::${s.cxConnectFail}`);
      lines.push(`${p}::cx_total::${s.cxTotal}`);
      lines.push(`${p}::rq_active::${host.activeRequests}`);
      lines.push(`${p}::rq_error::${s.rqError}`);
      lines.push(`${p}::rq_success::${s.rqSuccess}`);
      lines.push(`${p}::rq_timeout::${s.rqTimeout}`);
      lines.push(`${p}::rq_total::${s.rqTotal}`);
      lines.push(`${p}::hostname::`);
      lines.push(`${p}::health_flags::${host.healthFlagsString()}`);
      lines.push(`${p}::weight::${host.weight}`);
      lines.push(`${p}::region::`);
      lines.push(`${p}::zone::`);
      lines.push(`${p}::sub_zone::`);
      lines.push(`${p}::canary::false`);
      lines.push(`${p}::priority::0`);
      lines.push(`${p}::success_rate::-1`);
      lines.push(`${p}::local_origin_success_rate::-1`);
    }
  }
  return `${lines.join('\n')}\n`;
}
