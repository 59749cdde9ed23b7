import {
  type ResourceKind,
  type RouteConfiguration,
  type Route,
  ROUTE_PROVENANCE_KEY,
  TYPE_URL,
} from '../../xds/index';
import { base64OfText, ISTIO_VERSION } from '../../sim';
import type { ServerInstance } from './server-instance';
import { formatIsoTime } from './time-format';

type Json = Record<string, unknown>;

const RESOURCE_TYPE: Record<ResourceKind, string> = {
  listeners: TYPE_URL.listener,
  routes: TYPE_URL.routeConfiguration,
  clusters: TYPE_URL.cluster,
  endpoints: TYPE_URL.clusterLoadAssignment,
  secrets: TYPE_URL.secret,
};

/** Envoy-style error_state for a resource named in the last rejected push. */
function errorState(proxy: ServerInstance, kind: ResourceKind, name: string): Json | undefined {
  const r = proxy.lastRejection;
  if (r === undefined) return undefined;
  const list = (r.update[kind] ?? []) as unknown as Array<Record<string, unknown>>;
  const failed = list.find((x) => (kind === 'endpoints' ? x['cluster_name'] : x['name']) === name);
  if (failed === undefined) return undefined;
  const details = r.message.split('\n').filter((m) => m.includes(`"${name}"`));
  if (details.length === 0) return undefined;
  return {
    failed_configuration: { '@type': RESOURCE_TYPE[kind], ...failed },
    last_update_attempt: formatIsoTime(proxy.epochMs, r.time),
    details: details.join('\n'),
  };
}

/**
 * `/config_dump` as Envoy writes it: configs[] of Bootstrap, Listeners, Clusters, Routes and Secrets dumps
 * (Endpoints with include_eds), each resource with version_info and last_updated. A resource whose last
 * push was NACKed carries error_state with the rejected config and the reason.
 */
export function configDump(proxy: ServerInstance, options: { includeEds?: boolean } = {}): Json {
  const res = proxy.config?.resources;
  const t = (ms: number): string => formatIsoTime(proxy.epochMs, ms);
  const entries = <K extends ResourceKind>(
    kind: K,
    wrap: (name: string, resource: unknown, version: string, updated: string) => Json,
  ): Json[] => {
    const out: Json[] = [];
    for (const [name, stored] of res?.[kind] ?? new Map()) {
      const entry = wrap(
        name,
        { '@type': RESOURCE_TYPE[kind], ...(stored.resource as Json) },
        stored.versionInfo,
        t(stored.lastUpdated),
      );
      const err = errorState(proxy, kind, name);
      if (err !== undefined) entry['error_state'] = err;
      out.push(entry);
    }
    return out;
  };
  const versionOf = (kind: ResourceKind): string => proxy.versionOf(kind)?.versionInfo ?? '';
  const node = proxy.node;
  const configs: Json[] = [
    {
      '@type': TYPE_URL.bootstrapConfigDump,
      bootstrap: {
        node: {
          id: node.id,
          cluster: `${node.workloadName}.${node.namespace}`,
          metadata: {
            NAME: node.id.split('~')[2]?.split('.')[0] ?? node.workloadName,
            NAMESPACE: node.namespace,
            WORKLOAD_NAME: node.workloadName,
            SERVICE_ACCOUNT: node.serviceAccount,
            LABELS: node.labels,
            ISTIO_VERSION: node.istioVersion ?? ISTIO_VERSION,
          },
          user_agent_name: 'envoy',
        },
        // What pilot-agent's bootstrap gives every Istio proxy: LDS and CDS over one ADS stream to istiod
        // (through the agent's xds-grpc socket) and the admin port on localhost.
        dynamic_resources: {
          lds_config: { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' },
          cds_config: { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' },
          ads_config: {
            api_type: 'GRPC',
            set_node_on_first_message_only: true,
            transport_api_version: 'V3',
            grpc_services: [{ envoy_grpc: { cluster_name: 'xds-grpc' } }],
          },
        },
        static_resources: {
          clusters: [
            { name: 'xds-grpc', type: 'STATIC', load_assignment: { cluster_name: 'xds-grpc' } },
            { name: 'sds-grpc', type: 'STATIC', load_assignment: { cluster_name: 'sds-grpc' } },
          ],
        },
        admin: { address: { socket_address: { address: '127.0.0.1', port_value: 15000 } } },
      },
    },
    {
      '@type': TYPE_URL.listenersConfigDump,
      version_info: versionOf('listeners'),
      dynamic_listeners: entries('listeners', (name, listener, version, updated) => ({
        name,
        active_state: { version_info: version, listener, last_updated: updated },
      })),
    },
    {
      '@type': TYPE_URL.clustersConfigDump,
      version_info: versionOf('clusters'),
      dynamic_active_clusters: entries('clusters', (_n, cluster, version, updated) => ({
        version_info: version,
        cluster,
        last_updated: updated,
      })),
    },
    {
      '@type': TYPE_URL.routesConfigDump,
      dynamic_route_configs: entries('routes', (_n, route_config, version, updated) => ({
        version_info: version,
        route_config: routeConfigurationAsDumped(route_config as RouteConfiguration),
        last_updated: updated,
      })),
    },
    {
      '@type': TYPE_URL.secretsConfigDump,
      dynamic_active_secrets: entries('secrets', (name, secret, version, updated) => ({
        name,
        version_info: version,
        last_updated: updated,
        secret: secretAsDumped(secret as Json),
      })),
    },
  ];
  if (options.includeEds === true) {
    configs.push({
      '@type': TYPE_URL.endpointsConfigDump,
      dynamic_endpoint_configs: entries('endpoints', (_n, endpoint_config, version, updated) => ({
        version_info: version,
        endpoint_config,
        last_updated: updated,
      })),
    });
  }
  return { configs };
}

/**
 * A secret as Envoy's admin prints it: Istio's SDS sends PEM as bytes (JSON shows them base64; we hold them as text), and Envoy
 * redacts what is sensitive, a private key, to the bytes of `[redacted]`.
 */
function secretAsDumped(secret: Json): Json {
  const tls = secret['tls_certificate'] as Json | undefined;
  const validation = secret['validation_context'] as Json | undefined;
  return {
    ...secret,
    ...(tls !== undefined && {
      tls_certificate: {
        ...tls,
        ...(tls['certificate_chain'] !== undefined && { certificate_chain: asBytes(tls['certificate_chain'] as Json) }),
        ...(tls['private_key'] !== undefined && { private_key: { inline_bytes: base64OfText('[redacted]') } }),
      },
    }),
    ...(validation?.['trusted_ca'] !== undefined && {
      validation_context: { ...validation, trusted_ca: asBytes(validation['trusted_ca'] as Json) },
    }),
  };
}

function asBytes(source: Json): Json {
  const text = source['inline_string'] ?? source['inline_bytes'];
  return typeof text === 'string' ? { inline_bytes: base64OfText(text) } : source;
}

/** A route table as Istio generates it: the request inspector's provenance on each route left out. */
/** A route configuration as `/config_dump` shows it: without the provenance the simulator adds for its inspector. */
export function routeConfigurationAsDumped(config: RouteConfiguration): RouteConfiguration {
  return {
    ...config,
    virtual_hosts: config.virtual_hosts.map((vh) => ({ ...vh, routes: vh.routes.map(routeAsIstioMakesIt) })),
  };
}

function routeAsIstioMakesIt(route: Route): Route {
  const meta = route.metadata?.filter_metadata;
  if (meta?.[ROUTE_PROVENANCE_KEY] === undefined) return route;
  const filterMetadata = { ...meta };
  delete filterMetadata[ROUTE_PROVENANCE_KEY];
  return { ...route, metadata: { ...route.metadata, filter_metadata: filterMetadata } };
}
