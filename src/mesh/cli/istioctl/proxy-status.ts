import { civilTime, unixMsOf, type ProxyStatusRow, type ProxyXdsType, type SimCluster } from '../../index';
import type { Flags } from '../args';
import { humanDuration } from '../format/age';
import { formatTable } from '../format/table';
import { unifiedDiff } from '../format/unified-diff';
import type { CommandIo } from '../io';
import { istioctlJson } from './proto-json';
import { entries } from './proxy-config';
import { resolvePod } from './proxy-config-command';

type Json = Record<string, unknown>;

/** Type columns of `-v 1`: every type istioctl knows, in the order of their type URLs (cluster, core, endpoint, …). */
const VERBOSE_TYPES = ['CDS', 'ECDS', 'EDS', 'LDS', 'RDS'] as const;
/** A sidecar's types, in the order istioctl lists what a proxy subscribes to. */
const CORE_TYPES: readonly ProxyXdsType[] = ['CDS', 'LDS', 'EDS', 'RDS'];

/** go-difflib's context in istioctl's comparator. */
const DIFF_CONTEXT = 7;

/**
 * `istioctl proxy-status` as Istio 1.30 prints it: one row per proxy with the types it subscribes to; `-v 1`
 * shows each type's status (SYNCED, STALE, ERROR after a NACK, IGNORED when not subscribed) with the time since
 * istiod last sent it. With a pod, it compares the pod's Envoy config with what istiod would send it.
 */
export function proxyStatus(
  io: CommandIo,
  flags: Flags,
  cluster: SimCluster,
  args: readonly string[],
  namespace: string,
): number {
  if (args[0] !== undefined) return compareWithIstiod(io, cluster, args[0], namespace);
  const only = flags.string('namespace');
  const rows = cluster.istio
    .proxyStatus()
    .filter((row) => only === undefined || row.name.endsWith(`.${only}`))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const now = cluster.clock.now();
  const table =
    (flags.int('verbosity') ?? 0) > 0
      ? [
          ['NAME', 'CLUSTER', ...VERBOSE_TYPES, 'ISTIOD', 'VERSION'],
          ...rows.map((r) => [
            r.name,
            r.cluster,
            ...VERBOSE_TYPES.map((t) => typeStatus(r, t, now)),
            r.istiod,
            r.version,
          ]),
        ]
      : [
          ['NAME', 'CLUSTER', 'ISTIOD', 'VERSION', 'SUBSCRIBED TYPES'],
          ...rows.map((r) => [r.name, r.cluster, r.istiod, r.version, subscribed(r)]),
        ];
  io.stdout.write(formatTable(table, { minWidth: 0, padding: 5 }));
  return 0;
}

function typeStatus(row: ProxyStatusRow, type: (typeof VERBOSE_TYPES)[number], now: number): string {
  const state = type === 'ECDS' ? undefined : row.xds[type];
  return state === undefined ? 'IGNORED' : `${state.status} (${humanDuration(now - state.sentAt)})`;
}

function subscribed(row: ProxyStatusRow): string {
  const types = CORE_TYPES.filter((t) => row.xds[t] !== undefined);
  return types.length === 0 ? '0' : `${types.length} (${types.join(',')})`;
}

/** `istioctl proxy-status POD`: istioctl's comparator, Clusters, Listeners and Routes in turn. */
function compareWithIstiod(io: CommandIo, cluster: SimCluster, target: string, namespace: string): number {
  const { pod, namespace: ns } = resolvePod(cluster, target, namespace);
  const admin = cluster.proxy(ns, pod);
  if (admin === undefined) {
    io.stderr.write(`Error: could not contact sidecar: pods "${pod}" not found\n`);
    return 1;
  }
  const istiod = cluster.istio.istiodConfig(`${pod}.${ns}`);
  if (istiod === undefined) {
    io.stderr.write('Error: unable to find config dump in Istiod responses\n');
    return 1;
  }
  const dump = admin.configDump();
  const envoyRoutes = entries<{ route_config: Json; last_updated?: string }>(
    dump,
    'RoutesConfigDump',
    'dynamic_route_configs',
  );
  const sections = [
    {
      what: 'Clusters',
      istiod: { dynamic_active_clusters: byName(istiod.clusters).map((cluster) => ({ cluster })) },
      envoy: {
        dynamic_active_clusters: byName(
          entries<{ cluster: Json }>(dump, 'ClustersConfigDump', 'dynamic_active_clusters').map((e) => e.cluster),
        ).map((c) => ({ cluster: c })),
      },
      loaded: '',
    },
    {
      what: 'Listeners',
      istiod: { dynamic_listeners: byName(istiod.listeners).map(listenerEntry) },
      envoy: {
        dynamic_listeners: byName(
          entries<{ active_state?: { listener: Json } }>(dump, 'ListenersConfigDump', 'dynamic_listeners').flatMap(
            (e) => (e.active_state === undefined ? [] : [e.active_state.listener]),
          ),
        ).map(listenerEntry),
      },
      loaded: '',
    },
    {
      what: 'Routes',
      istiod: { dynamic_route_configs: byName(istiod.routes).map((route_config) => ({ route_config })) },
      envoy: {
        dynamic_route_configs: byName(envoyRoutes.map((e) => e.route_config)).map((r) => ({ route_config: r })),
      },
      loaded: lastLoaded(envoyRoutes.map((e) => e.last_updated)),
    },
  ];
  for (const { what, istiod: expected, envoy, loaded } of sections) {
    const diff = unifiedDiff(
      `Istiod ${what}`,
      `Envoy ${what}`,
      istioctlJson(expected),
      istioctlJson(envoy),
      DIFF_CONTEXT,
    );
    io.stdout.write(diff === '' ? `${what} Match${loaded}\n` : `${what} Don't Match${loaded}\n${diff}\n`);
  }
  return 0;
}

/** Resources sorted by name, as istioctl's dump wrapper sorts them before comparing. */
function byName(list: readonly unknown[]): Json[] {
  return [...(list as Json[])].sort((a, b) => String(a['name']).localeCompare(String(b['name'])));
}

function listenerEntry(listener: Json): Json {
  return { name: listener['name'], active_state: { listener } };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ` (RDS last loaded at Thu, 01 Jan 2026 00:00:07 UTC)`: the newest route config's time, in Go's RFC 1123. */
function lastLoaded(times: ReadonlyArray<string | undefined>): string {
  const newest = times
    .flatMap((t) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(t ?? '');
      return m === null
        ? []
        : [unixMsOf(...(m.slice(1).map(Number) as [number, number, number, number, number, number]))];
    })
    .reduce((a, b) => Math.max(a, b), -Infinity);
  if (newest === -Infinity) return '';
  const t = civilTime(newest);
  const two = (n: number) => String(n).padStart(2, '0');
  return ` (RDS last loaded at ${WEEKDAYS[t.weekday]}, ${two(t.day)} ${MONTHS[t.month - 1]} ${t.year} ${two(t.hour)}:${two(t.minute)}:${two(t.second)} UTC)`;
}
