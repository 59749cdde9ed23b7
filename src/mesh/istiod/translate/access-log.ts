import { cloneObject } from '../../kube';
import type { AccessLog, Listener, SubstitutionFormatString } from '../../xds';
import { FILTER_NAME, ISTIO_TEXT_LOG_FORMAT, TYPE_URL } from '../../xds';
import type { Config } from '../model/config';
import type { AccessLoggingSpec, TelemetrySpec } from '../model/istio-api';
import { hasSelector, selectorMatches } from '../model/labels';
import type { ExtensionProvider, MeshConfig } from '../model/mesh-config';
import type { MeshSnapshot, ProxyInfo } from '../model/snapshot';
import { GATEWAY_NAME_LABEL } from '../model/workloads';

/** Which side of a request a listener logs: a sidecar's inbound is SERVER; outbound and gateways are CLIENT. */
export type WorkloadMode = 'CLIENT' | 'SERVER';

/** Istio's EnvoyJSONLogFormatIstio: the same fields under snake_case keys. */
const ISTIO_JSON_LOG_FORMAT: Readonly<Record<string, string>> = {
  start_time: '%START_TIME%',
  route_name: '%ROUTE_NAME%',
  method: '%REQ(:METHOD)%',
  path: '%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%',
  protocol: '%PROTOCOL%',
  response_code: '%RESPONSE_CODE%',
  response_flags: '%RESPONSE_FLAGS%',
  response_code_details: '%RESPONSE_CODE_DETAILS%',
  connection_termination_details: '%CONNECTION_TERMINATION_DETAILS%',
  bytes_received: '%BYTES_RECEIVED%',
  bytes_sent: '%BYTES_SENT%',
  duration: '%DURATION%',
  upstream_service_time: '%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%',
  x_forwarded_for: '%REQ(X-FORWARDED-FOR)%',
  user_agent: '%REQ(USER-AGENT)%',
  request_id: '%REQ(X-REQUEST-ID)%',
  authority: '%REQ(:AUTHORITY)%',
  upstream_host: '%UPSTREAM_HOST%',
  upstream_cluster: '%UPSTREAM_CLUSTER_RAW%',
  upstream_local_address: '%UPSTREAM_LOCAL_ADDRESS%',
  downstream_local_address: '%DOWNSTREAM_LOCAL_ADDRESS%',
  downstream_remote_address: '%DOWNSTREAM_REMOTE_ADDRESS%',
  requested_server_name: '%REQUESTED_SERVER_NAME%',
  upstream_transport_failure_reason: '%UPSTREAM_TRANSPORT_FAILURE_REASON%',
};

const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

function fileLog(path: string, format: SubstitutionFormatString, expression?: string): AccessLog {
  return {
    name: FILTER_NAME.fileAccessLog,
    ...(expression !== undefined &&
      expression !== '' && {
        filter: {
          extension_filter: {
            name: FILTER_NAME.celAccessLogFilter,
            typed_config: { '@type': TYPE_URL.celAccessLogFilter, expression },
          },
        },
      }),
    typed_config: { '@type': TYPE_URL.fileAccessLog, path, log_format: format },
  };
}

/** meshConfig.accessLogFile with accessLogEncoding and accessLogFormat (FileAccessLogFromMeshConfig). */
function meshConfigFormat(mesh: MeshConfig): SubstitutionFormatString {
  if (mesh.accessLogEncoding === 'JSON') {
    let json: Record<string, unknown> = { ...ISTIO_JSON_LOG_FORMAT };
    if (mesh.accessLogFormat !== '') {
      try {
        json = JSON.parse(mesh.accessLogFormat) as Record<string, unknown>;
      } catch {
        // istiod logs the error and keeps its default format.
      }
    }
    return { json_format: json };
  }
  const text = mesh.accessLogFormat === '' ? ISTIO_TEXT_LOG_FORMAT : withNewline(mesh.accessLogFormat);
  return { text_format_source: { inline_string: text } };
}

/** A provider's file logger; the built-in `envoy` without its own format follows the mesh config's. */
function providerLog(provider: ExtensionProvider, mesh: MeshConfig, expression?: string): AccessLog | undefined {
  const file = provider.envoyFileAccessLog;
  if (file === undefined) return undefined;
  const path = file.path || '/dev/stdout';
  const omit = file.omitEmptyValues === true ? { omit_empty_values: true } : {};
  if (provider.name === 'envoy' && file.logFormat === undefined && !omit.omit_empty_values)
    return fileLog(mesh.accessLogFile || path, meshConfigFormat(mesh), expression);
  const labels = file.logFormat?.labels;
  const format: SubstitutionFormatString =
    labels !== undefined
      ? { json_format: Object.keys(labels).length > 0 ? { ...labels } : { ...ISTIO_JSON_LOG_FORMAT }, ...omit }
      : {
          text_format_source: {
            inline_string: file.logFormat?.text ? withNewline(file.logFormat.text) : ISTIO_TEXT_LOG_FORMAT,
          },
          ...omit,
        };
  return fileLog(path, format, expression);
}

const isNamespaceWide = (t: Config<TelemetrySpec>): boolean =>
  !hasSelector(t.spec.selector?.matchLabels) && t.spec.targetRefs === undefined && t.spec.targetRef === undefined;

/** A workload-level Telemetry: its selector, or a targetRef naming the Gateway this proxy serves. */
function selectsProxy(t: Config<TelemetrySpec>, proxy: ProxyInfo): boolean {
  const labels = proxy.workload.labels;
  const selector = t.spec.selector?.matchLabels;
  if (hasSelector(selector)) return selectorMatches(selector, labels);
  const refs = t.spec.targetRefs ?? (t.spec.targetRef === undefined ? [] : [t.spec.targetRef]);
  return refs.some((r) => r.kind === 'Gateway' && r.name !== undefined && labels[GATEWAY_NAME_LABEL] === r.name);
}

/** The Telemetry levels that apply to a proxy, widest first: root namespace, its namespace, the workload. */
function applicableLogging(snapshot: MeshSnapshot, proxy: ProxyInfo): AccessLoggingSpec[][] {
  const root = snapshot.meshConfig.rootNamespace;
  const namespace = proxy.workload.namespace;
  const levels: (Config<TelemetrySpec> | undefined)[] = [
    snapshot.telemetries.find((t) => t.meta.namespace === root && isNamespaceWide(t)),
    namespace === root
      ? undefined
      : snapshot.telemetries.find((t) => t.meta.namespace === namespace && isNamespaceWide(t)),
    snapshot.telemetries.find((t) => t.meta.namespace === namespace && !isNamespaceWide(t) && selectsProxy(t, proxy)),
  ];
  return levels.flatMap((t) => (t?.spec.accessLogging?.length ? [t.spec.accessLogging] : []));
}

const providerNames = (l: AccessLoggingSpec): string[] => (l.providers ?? []).flatMap((p) => (p.name ? [p.name] : []));

const matchesMode = (l: AccessLoggingSpec, mode: WorkloadMode): boolean =>
  l.match?.mode === undefined || l.match.mode === 'CLIENT_AND_SERVER' || l.match.mode === mode;

/**
 * Istio's mergeLogs: the providers the narrowest level that names any keeps in scope; going from the widest
 * level down, each entry for this mode enables its providers (with the filter last given for each) or,
 * `disabled: true`, removes them. An entry without providers means its parent's, else the default ones.
 */
function mergeLogs(
  levels: AccessLoggingSpec[][],
  mesh: MeshConfig,
  mode: WorkloadMode,
): Map<string, string | undefined> {
  const enabled = new Map<string, string | undefined>();
  let inScope = mesh.defaultAccessLogProviders;
  const filters = new Map<string, string | undefined>();
  for (const level of levels) {
    const names = new Set(level.flatMap(providerNames));
    for (const l of level) for (const p of providerNames(l)) filters.set(p, l.filter?.expression);
    if (names.size > 0) inScope = [...names];
  }
  let parent = mesh.defaultAccessLogProviders;
  for (const level of levels) {
    for (const l of level) {
      const names = providerNames(l).length > 0 ? providerNames(l) : parent;
      parent = names;
      for (const name of names) {
        if (!inScope.includes(name) || !matchesMode(l, mode)) continue;
        if (l.disabled === true) enabled.delete(name);
        else enabled.set(name, filters.get(name));
      }
    }
  }
  return enabled;
}

/**
 * The access loggers one proxy's listeners of a mode get (Istio's Telemetries.AccessLogging, falling back to
 * meshConfig.accessLogFile when no Telemetry resource and no default provider speaks about logging).
 */
export function accessLogsFor(snapshot: MeshSnapshot, proxy: ProxyInfo, mode: WorkloadMode): AccessLog[] {
  const mesh = snapshot.meshConfig;
  const levels = applicableLogging(snapshot, proxy);
  if (levels.length === 0 && mesh.defaultAccessLogProviders.length === 0)
    return mesh.accessLogFile === '' ? [] : [fileLog(mesh.accessLogFile, meshConfigFormat(mesh))];
  const logs: AccessLog[] = [];
  for (const [name, expression] of [...mergeLogs(levels, mesh, mode)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const provider = mesh.extensionProviders.find((p) => p.name.toLowerCase() === name.toLowerCase());
    const log = provider === undefined ? undefined : providerLog(provider, mesh, expression);
    if (log !== undefined) logs.push(log);
  }
  return logs;
}

/**
 * Puts the proxy's access loggers on every HTTP connection manager and TCP proxy of its listeners: SERVER
 * ones on a sidecar's inbound listener, CLIENT ones elsewhere (outbound, gateways).
 */
export function applyAccessLogs(listeners: Listener[], snapshot: MeshSnapshot, proxy: ProxyInfo): void {
  const byMode = new Map<WorkloadMode, AccessLog[]>();
  for (const listener of listeners) {
    const mode: WorkloadMode =
      proxy.type === 'sidecar' && listener.traffic_direction === 'INBOUND' ? 'SERVER' : 'CLIENT';
    let logs = byMode.get(mode);
    if (logs === undefined) byMode.set(mode, (logs = accessLogsFor(snapshot, proxy, mode)));
    if (logs.length === 0) continue;
    for (const chain of [
      ...listener.filter_chains,
      ...(listener.default_filter_chain ? [listener.default_filter_chain] : []),
    ]) {
      for (const filter of chain.filters) {
        if (filter.name === FILTER_NAME.httpConnectionManager || filter.name === FILTER_NAME.tcpProxy) {
          const config = filter.typed_config as { access_log?: AccessLog[] } | undefined;
          if (config !== undefined) config.access_log = logs.map((l) => cloneObject(l));
        }
      }
    }
  }
}
