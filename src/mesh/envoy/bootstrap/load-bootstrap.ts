import { parse } from 'yaml';
import { FILTER_NAME, TYPE_URL, type Cluster, type ConfigUpdate, type Listener } from '../../xds/index';
import { validateProxyConfig } from '../config/validate';
import { normalizeFields } from './known-fields';
import { checkRouteClusters, checkStaticClusters } from './static-checks';

/** A bootstrap Envoy can run: the static resources as one xDS update, and where its admin listens. */
export interface Bootstrap {
  readonly update: ConfigUpdate;
  /** `admin.address.socket_address.port_value`; absent: no admin interface, as in Envoy. */
  readonly adminPort?: number;
}

export type BootstrapLoad =
  { readonly ok: true; readonly bootstrap: Bootstrap } | { readonly ok: false; readonly error: string };

/** The extensions an `envoyproxy/envoy` image runs here, by the type URL Envoy picks an extension by. */
const HTTP_FILTERS_BY_TYPE: Readonly<Record<string, string>> = {
  [TYPE_URL.router]: FILTER_NAME.router,
  [TYPE_URL.httpFault]: FILTER_NAME.fault,
  [TYPE_URL.rbac]: FILTER_NAME.rbac,
  [TYPE_URL.localRateLimit]: FILTER_NAME.localRateLimit,
  [TYPE_URL.jwtAuthn]: FILTER_NAME.jwtAuthn,
};
const NETWORK_FILTERS_BY_TYPE: Readonly<Record<string, string>> = {
  [TYPE_URL.httpConnectionManager]: FILTER_NAME.httpConnectionManager,
  [TYPE_URL.tcpProxy]: FILTER_NAME.tcpProxy,
};

/** Parts of a bootstrap Envoy has and this data plane does not run: said plainly instead of ignored. */
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  dynamic_resources: 'dynamic_resources (xDS from a management server; Istio is the one that runs it here)',
  secrets: 'static_resources.secrets (TLS certificates)',
};

class BootstrapError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownFields(type: string, where: string): never {
  throw new BootstrapError(
    `Protobuf message (type ${type} reason INVALID_ARGUMENT:${where}: Cannot find field.) has unknown fields`,
  );
}

function extensionName(
  byType: Readonly<Record<string, string>>,
  filter: Record<string, unknown>,
): { name: string; typeUrl: string } {
  const config = filter['typed_config'];
  const typeUrl = isObject(config) && typeof config['@type'] === 'string' ? config['@type'] : '';
  const name = byType[typeUrl];
  if (name === undefined) {
    const given = typeof filter['name'] === 'string' ? filter['name'] : '';
    throw new BootstrapError(`Didn't find a registered implementation for '${given}' with type URL: '${typeUrl}'`);
  }
  return { name, typeUrl };
}

/** A network filter by its type URL, its typed_config's own fields checked; HTTP filters likewise. */
function normalizeNetworkFilter(filter: Record<string, unknown>): Record<string, unknown> {
  const { name, typeUrl } = extensionName(NETWORK_FILTERS_BY_TYPE, filter);
  const config = filter['typed_config'] as Record<string, unknown>;
  if (name !== FILTER_NAME.httpConnectionManager) return { name, typed_config: config };
  const unknown = normalizeFields(config, 'HttpConnectionManager');
  if (unknown !== undefined) unknownFields(typeUrl.replace('type.googleapis.com/', ''), unknown);
  if (config['rds'] !== undefined)
    throw new BootstrapError(
      "meshdojo's Envoy does not simulate rds (routes from a management server): put the routes in route_config",
    );
  const httpFilters = Array.isArray(config['http_filters']) ? config['http_filters'] : [];
  config['http_filters'] = httpFilters.map((f: unknown) =>
    isObject(f) ? { ...f, name: extensionName(HTTP_FILTERS_BY_TYPE, f).name } : f,
  );
  const routes = config['route_config'];
  // An inline route table needs no name in Envoy; the data plane keys tables by one.
  if (isObject(routes) && routes['name'] === undefined) routes['name'] = 'local_route';
  return { name, typed_config: config };
}

/** Envoy's defaults for what a bootstrap may leave out and the xDS resources here spell out. */
function withListenerDefaults(listener: Record<string, unknown>, index: number): Listener {
  const chains = Array.isArray(listener['filter_chains']) ? listener['filter_chains'] : [];
  return {
    ...listener,
    // Envoy names an unnamed static listener with a UUID; an index is as unique and stays readable.
    name: typeof listener['name'] === 'string' ? listener['name'] : `listener_${index}`,
    filter_chains: chains.map((chain: unknown) => {
      if (!isObject(chain)) return chain;
      const filters = Array.isArray(chain['filters']) ? chain['filters'] : [];
      return { ...chain, filters: filters.map((f: unknown) => (isObject(f) ? normalizeNetworkFilter(f) : f)) };
    }),
  } as Listener;
}

function withClusterDefaults(cluster: Record<string, unknown>): Cluster {
  return {
    type: 'STATIC',
    lb_policy: 'ROUND_ROBIN',
    connect_timeout: '5s',
    ...cluster,
  } as Cluster;
}

function readBootstrap(text: string): unknown {
  try {
    return parse(text, { prettyErrors: false });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new BootstrapError(`Unable to convert YAML as JSON: ${message}`);
  }
}

function buildBootstrap(text: string): Bootstrap {
  const root = readBootstrap(text) ?? {};
  if (!isObject(root)) throw new BootstrapError('Unable to parse JSON as proto: the bootstrap must be a YAML mapping');
  const unknown = normalizeFields(root, 'Bootstrap');
  if (unknown !== undefined) unknownFields('envoy.config.bootstrap.v3.Bootstrap', unknown);
  const statics = isObject(root['static_resources']) ? root['static_resources'] : {};
  for (const [field, what] of Object.entries(NOT_SIMULATED)) {
    if (root[field] !== undefined || statics[field] !== undefined)
      throw new BootstrapError(`meshdojo's Envoy does not simulate ${what}`);
  }
  const listeners = (Array.isArray(statics['listeners']) ? statics['listeners'] : []).map((l: unknown, i) =>
    isObject(l) ? withListenerDefaults(l, i) : (l as Listener),
  );
  const clusters = (Array.isArray(statics['clusters']) ? statics['clusters'] : []).map((c: unknown) =>
    isObject(c) ? withClusterDefaults(c) : (c as Cluster),
  );
  const update: ConfigUpdate = { listeners, clusters, version_info: '' };
  const problems = validateProxyConfig(update);
  if (problems.length > 0) throw new BootstrapError(`Proto constraint validation failed (${problems[0]!})`);
  checkStaticClusters(clusters, (message) => new BootstrapError(message));
  checkRouteClusters(listeners, new Set(clusters.map((c) => c.name)), (message) => new BootstrapError(message));
  const port = (root['admin'] as { address?: { socket_address?: { port_value?: unknown } } } | undefined)?.address
    ?.socket_address?.port_value;
  return { update, ...(typeof port === 'number' && { adminPort: port }) };
}

/**
 * Reads an Envoy v3 bootstrap (YAML or JSON) the way `envoy -c` does, into the xDS resources this data plane
 * runs: static listeners and clusters, the admin port. A config Envoy would refuse is refused with the text
 * Envoy prints after "error initializing configuration '…': " — unknown fields, a filter with no registered
 * implementation, a constraint a field breaks, a STATIC cluster naming a host, a route to an unknown cluster.
 */
export function loadBootstrap(text: string): BootstrapLoad {
  try {
    return { ok: true, bootstrap: buildBootstrap(text) };
  } catch (e) {
    if (e instanceof BootstrapError) return { ok: false, error: e.message };
    throw e;
  }
}
