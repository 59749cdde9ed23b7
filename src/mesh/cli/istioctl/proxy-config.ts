import { istioctlJson } from './proto-json';
import type { ProxyAdminView } from '../../index';
import { formatTable } from '../format/table';
import { readCertificate } from '../openssl/certificates';

/** istioctl's tables: Go tabwriter with minwidth 0, padding 5. */
const STYLE = { minWidth: 0, padding: 5 };

type Json = Record<string, unknown>;

function section(dump: Json, type: string): Json | undefined {
  return ((dump.configs as Json[] | undefined) ?? []).find((c) => String(c['@type']).endsWith(type));
}

export function entries<T>(dump: Json, type: string, field: string): T[] {
  return (section(dump, type)?.[field] as T[] | undefined) ?? [];
}

/** `outbound|9080|v1|reviews.default.svc.cluster.local` → its parts. */
function parseClusterName(name: string): { direction: string; port: string; subset: string; fqdn: string } | undefined {
  const parts = name.split('|');
  if (parts.length !== 4) return undefined;
  return { direction: parts[0]!, port: parts[1]!, subset: parts[2]!, fqdn: parts[3]! };
}

export function clustersTable(admin: ProxyAdminView, fqdnFilter?: string): string {
  const clusters = entries<{ cluster: Json }>(admin.configDump(), 'ClustersConfigDump', 'dynamic_active_clusters').map(
    (e) => e.cluster,
  );
  const rows = clusters
    .map((c) => {
      const name = String(c.name);
      const parsed = parseClusterName(name);
      const type = String(c.type ?? (c.eds_cluster_config !== undefined ? 'EDS' : 'STATIC'));
      const dr = ((c.metadata as Json | undefined)?.filter_metadata as Json | undefined)?.istio as Json | undefined;
      const drName = String(dr?.config ?? '').replace(
        /^\/apis\/networking\.istio\.io\/v1(alpha3|beta1)?\/namespaces\/([^/]+)\/destination-rule\/(.+)$/,
        '$3.$2',
      );
      if (parsed === undefined) return [name, '-', '-', '-', type, ''];
      return [parsed.fqdn, parsed.port, parsed.subset === '' ? '-' : parsed.subset, parsed.direction, type, drName];
    })
    .filter((row) => fqdnFilter === undefined || row[0] === fqdnFilter)
    .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : Number(a[1]) - Number(b[1])));
  return formatTable([['SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE'], ...rows], STYLE);
}

export function routesTable(admin: ProxyAdminView, nameFilter?: string): string {
  const configs = entries<{ route_config: Json }>(admin.configDump(), 'RoutesConfigDump', 'dynamic_route_configs').map(
    (e) => e.route_config,
  );
  const rows: string[][] = [];
  for (const config of configs) {
    const name = String(config.name ?? '');
    if (nameFilter !== undefined && name !== nameFilter) continue;
    for (const vhost of (config.virtual_hosts as Json[] | undefined) ?? []) {
      for (const route of (vhost.routes as Json[] | undefined) ?? []) {
        const match = (route.match ?? {}) as Json;
        const matchText =
          match.prefix !== undefined
            ? `${String(match.prefix)}*`
            : match.path !== undefined
              ? String(match.path)
              : match.safe_regex !== undefined
                ? String((match.safe_regex as Json).regex)
                : '/*';
        const meta = ((route.metadata as Json | undefined)?.filter_metadata as Json | undefined)?.istio as
          Json | undefined;
        const vs = String(meta?.config ?? '').replace(
          /^\/apis\/networking\.istio\.io\/v1(alpha3|beta1)?\/namespaces\/([^/]+)\/virtual-service\/(.+)$/,
          '$3.$2',
        );
        rows.push([
          name,
          String(vhost.name ?? ''),
          describeDomains((vhost.domains as string[] | undefined) ?? []),
          matchText,
          vs,
        ]);
      }
    }
  }
  return formatTable([['NAME', 'VHOST NAME', 'DOMAINS', 'MATCH', 'VIRTUAL SERVICE'], ...rows], STYLE);
}

/** istioctl shows the shortest host names of a virtual host, dropping `:port` and IP forms. */
function describeDomains(domains: string[]): string {
  const names = domains.filter((d) => !d.includes(':') && !/^\d+\.\d+\.\d+\.\d+$/.test(d));
  if (names.length === 0) return domains[0] ?? '';
  const sorted = [...names].sort((a, b) => a.length - b.length);
  const shown = sorted.slice(0, 2);
  return sorted.length > 2 ? `${shown.join(', ')} + ${sorted.length - 2} more...` : shown.join(', ');
}

/**
 * `proxy-config listeners`. A gateway's HTTP listeners match every connection (`ALL`, as istio.io shows for
 * istio-ingressgateway); a sidecar's outbound HTTP chains match plaintext HTTP/1.1 and h2c.
 */
export function listenersTable(admin: ProxyAdminView, portFilter?: number, gateway = false): string {
  const listeners = entries<{ active_state?: { listener: Json } }>(
    admin.configDump(),
    'ListenersConfigDump',
    'dynamic_listeners',
  )
    .map((e) => e.active_state?.listener)
    .filter((l): l is Json => l !== undefined);
  const rows: string[][] = [];
  for (const listener of listeners) {
    const socket = ((listener.address as Json | undefined)?.socket_address ?? {}) as Json;
    const port = Number(socket.port_value ?? 0);
    if (portFilter !== undefined && port !== portFilter) continue;
    for (const chain of (listener.filter_chains as Json[] | undefined) ?? [{}]) {
      const filters = (chain.filters as Json[] | undefined) ?? [];
      const hcm = filters.find((f) => String(f.name).includes('http_connection_manager'));
      const tcp = filters.find((f) => String(f.name).includes('tcp_proxy'));
      const config = (hcm?.typed_config ?? {}) as Json;
      const destination =
        hcm !== undefined
          ? config.rds !== undefined
            ? `Route: ${String((config.rds as Json).route_config_name)}`
            : 'Inline Route'
          : tcpDestination(tcp);
      // istioctl names a chain by its match: an HTTP chain with SNI shows it (a gateway's HTTPS servers).
      const serverNames = ((chain.filter_chain_match as Json | undefined)?.server_names as string[] | undefined) ?? [];
      const tls =
        hcm === undefined
          ? describeChainMatch((chain.filter_chain_match ?? {}) as Json)
          : serverNames.length > 0
            ? `SNI: ${serverNames.join(',')}`
            : chain.transport_socket !== undefined
              ? 'Trans: tls'
              : !gateway
                ? 'Trans: raw_buffer; App: http/1.1,h2c'
                : 'ALL';
      rows.push([String(socket.address ?? '0.0.0.0'), String(port), tls, destination]);
    }
  }
  return formatTable([['ADDRESSES', 'PORT', 'MATCH', 'DESTINATION'], ...rows], { minWidth: 0, padding: 1 });
}

/**
 * istioctl's destination for a chain without an HTTP connection manager: a tcp_proxy's cluster (names with
 * `Cluster` in them as they are; weighted clusters leave the name empty), else `Non-HTTP/Non-TCP`, which is also
 * what a relay to BlackHoleCluster shows.
 */
function tcpDestination(tcp: Json | undefined): string {
  const config = (tcp?.typed_config ?? {}) as Json;
  if (tcp === undefined || JSON.stringify(config).includes('BlackHoleCluster')) return 'Non-HTTP/Non-TCP';
  const cluster = typeof config.cluster === 'string' ? config.cluster : '';
  return cluster.includes('Cluster') ? cluster : `Cluster: ${cluster}`;
}

/** istioctl's MATCH column from a filter_chain_match: SNI, transport, application protocols, address; else ALL. */
function describeChainMatch(match: Json): string {
  const parts: string[] = [];
  const names = (match.server_names as string[] | undefined) ?? [];
  if (names.length > 0) parts.push(`SNI: ${names.join(',')}`);
  if (typeof match.transport_protocol === 'string') parts.push(`Trans: ${match.transport_protocol}`);
  const apps = (match.application_protocols as string[] | undefined) ?? [];
  if (apps.length > 0) parts.push(`App: ${apps.join(',')}`);
  const port = match.destination_port === undefined ? '' : `:${String(match.destination_port)}`;
  const ranges = (match.prefix_ranges as Json[] | undefined) ?? [];
  if (ranges.length > 0)
    parts.push(
      `Addr: ${ranges.map((r) => `${String(r.address_prefix)}/${String(r.prefix_len ?? 32)}`).join(',')}${port}`,
    );
  else if (port !== '') parts.push(`Addr: *${port}`);
  return parts.length === 0 ? 'ALL' : parts.join('; ');
}

export function endpointsTable(admin: ProxyAdminView, clusterFilter?: string): string {
  const configs = entries<{ endpoint_config: Json }>(
    admin.configDump({ includeEds: true }),
    'EndpointsConfigDump',
    'dynamic_endpoint_configs',
  ).map((e) => e.endpoint_config);
  const rows: string[][] = [];
  for (const config of configs) {
    const cluster = String(config.cluster_name ?? '');
    if (clusterFilter !== undefined && cluster !== clusterFilter) continue;
    for (const locality of (config.endpoints as Json[] | undefined) ?? []) {
      for (const lb of (locality.lb_endpoints as Json[] | undefined) ?? []) {
        const socket = (((lb.endpoint as Json).address as Json).socket_address ?? {}) as Json;
        rows.push([
          `${String(socket.address)}:${String(socket.port_value)}`,
          String(lb.health_status ?? 'HEALTHY'),
          'OK',
          cluster,
        ]);
      }
    }
  }
  return formatTable([['ENDPOINT', 'STATUS', 'OUTLIER CHECK', 'CLUSTER'], ...rows], STYLE);
}

export function secretsTable(admin: ProxyAdminView): string {
  const secrets = entries<{ name: string; secret: Json; last_updated?: string }>(
    admin.configDump(),
    'SecretsConfigDump',
    'dynamic_active_secrets',
  );
  const rows = secrets.map((s) => {
    const tls = s.secret['tls_certificate'] as Json | undefined;
    const ca = (s.secret['validation_context'] as Json | undefined)?.['trusted_ca'] as Json | undefined;
    const cert = certificateOf((tls?.['certificate_chain'] as Json | undefined) ?? ca);
    return [
      s.name,
      tls === undefined ? 'CA' : 'Cert Chain',
      'ACTIVE',
      String(cert !== undefined),
      cert?.serial ?? '',
      cert?.notAfter ?? '',
      cert?.notBefore ?? '',
    ];
  });
  return formatTable(
    [['RESOURCE NAME', 'TYPE', 'STATUS', 'VALID CERT', 'SERIAL NUMBER', 'NOT AFTER', 'NOT BEFORE'], ...rows],
    STYLE,
  );
}

/**
 * What istioctl reads from a secret's first certificate: the serial as a decimal number (Go's big.Int) and the
 * validity in RFC 3339. The dump holds the PEM as base64 bytes.
 */
function certificateOf(source: Json | undefined): { serial: string; notAfter: string; notBefore: string } | undefined {
  const bytes = source?.['inline_bytes'];
  if (typeof bytes !== 'string') return undefined;
  try {
    const cert = readCertificate(new TextDecoder().decode(Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0))));
    const rfc3339 = (at: { toISOString(): string }) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      serial: BigInt(`0x${cert.serialNumber}`).toString(),
      notAfter: rfc3339(cert.notAfter),
      notBefore: rfc3339(cert.notBefore),
    };
  } catch {
    return undefined;
  }
}

/** What `--fqdn`, `--name`, `--port` and `--cluster` narrow a section to, in tables and in `-o json` alike. */
export interface SectionFilter {
  readonly fqdn?: string;
  readonly name?: string;
  readonly port?: number;
  readonly cluster?: string;
}

/** `-o json` of one part of the config dump, as istioctl prints it (a JSON array, protojson). */
export function sectionJson(
  admin: ProxyAdminView,
  kind: 'clusters' | 'routes' | 'listeners' | 'endpoints',
  filter: SectionFilter = {},
): string {
  const dump = admin.configDump({ includeEds: kind === 'endpoints' });
  const pick = {
    clusters: () =>
      entries<{ cluster: Json }>(dump, 'ClustersConfigDump', 'dynamic_active_clusters')
        .map((e) => e.cluster)
        .filter((c) => filter.fqdn === undefined || parseClusterName(String(c.name))?.fqdn === filter.fqdn),
    routes: () =>
      entries<{ route_config: Json }>(dump, 'RoutesConfigDump', 'dynamic_route_configs')
        .map((e) => e.route_config)
        .filter((r) => filter.name === undefined || r.name === filter.name),
    listeners: () =>
      entries<{ active_state?: { listener: Json } }>(dump, 'ListenersConfigDump', 'dynamic_listeners')
        .map((e) => e.active_state?.listener)
        .filter(
          (l) =>
            filter.port === undefined ||
            ((l?.address as Json | undefined)?.socket_address as Json | undefined)?.port_value === filter.port,
        ),
    endpoints: () =>
      entries<{ endpoint_config: Json }>(dump, 'EndpointsConfigDump', 'dynamic_endpoint_configs')
        .map((e) => e.endpoint_config)
        .filter((e) => filter.cluster === undefined || e.cluster_name === filter.cluster),
  }[kind];
  return istioctlJson(pick());
}

/** `proxy-config bootstrap`: the proxy's bootstrap as istioctl prints it (`{"bootstrap": …}`). */
export function bootstrapJson(admin: ProxyAdminView): string {
  const { '@type': _type, ...bootstrap } = section(admin.configDump(), 'BootstrapConfigDump') ?? {};
  return istioctlJson(bootstrap);
}
