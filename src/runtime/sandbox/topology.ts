import { TYPES, type SimCluster, type Pod } from '../../mesh';
import type { GraphEdge, GraphNode, MeshTopology } from '../types';

interface Sample {
  at: number;
  requests: number;
  errors: number;
  overflow: number;
  mtls: boolean;
}

/** Rates and error shares are over the last ten seconds: long enough to read after a burst from the terminal. */
export const WINDOW_MS = 10_000;
const METRIC = /^istio_requests_total\{([^}]*)\}\s+(\d+(?:\.\d+)?)/gm;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;
/** An ejected host in Envoy's `/clusters` view: `outbound|…::10.244.0.4:8080::health_flags::/failed_outlier_check`. */
const EJECTED = /^outbound\|[^:]*::([\d.]+):\d+::health_flags::.*failed_outlier_check/gm;

/**
 * The mesh graph's data, read the way Kiali does: workloads from the pods' `app`/`version` labels, edges from
 * the sidecars' `istio_requests_total` (rate and error share over the last WINDOW_MS, mTLS from
 * `connection_security_policy`, a tripped breaker from the `UO` overflow flag), and hosts that outlier
 * detection ejected from each caller's Envoy clusters view. One reader per cluster: rates are differences
 * between its own readings.
 */
export class TopologyReader {
  /** Each edge's readings within the window, plus the last one before it (the baseline). */
  private readonly history = new Map<string, Sample[]>();
  /** When the previous reading was taken; an edge that first shows up after it counts from zero. */
  private lastReadAt: number | undefined;

  constructor(private readonly cluster: SimCluster) {}

  /**
   * `scraped`: the proxies' Prometheus text by `namespace/pod`, when the caller read it this tick already (the
   * Metrics tab's reader does: producing it is most of a tick's cost).
   */
  read(now: number, scraped?: ReadonlyMap<string, string>): MeshTopology {
    const nodes = new Map<string, GraphNode>();
    const pods = this.cluster.kube.list<Pod>(TYPES.Pod).filter((pod) => pod.metadata.namespace !== 'kube-system');
    const nodeOfIp = new Map<string, string>();
    const reported = { source: new Map<string, Sample>(), destination: new Map<string, Sample>() };
    const ejections: Array<[string, string]> = [];
    for (const pod of pods) {
      const labels = pod.metadata.labels ?? {};
      const namespace = pod.metadata.namespace ?? 'default';
      // The names the sidecars put in their metrics (injection sets the canonical labels: `latest` when unversioned).
      const app = labels['app'] ?? labels['service.istio.io/canonical-name'] ?? labels['istio'] ?? pod.metadata.name;
      const version = labels['version'] ?? labels['service.istio.io/canonical-revision'] ?? '';
      const id = nodeId(namespace, app, version);
      const node = nodes.get(id) ?? { id, app, version, namespace, ready: 0, total: 0, sidecar: false };
      node.total += 1;
      if (pod.status?.phase === 'Running') node.ready += 1;
      if (pod.status?.podIP) nodeOfIp.set(pod.status.podIP, id);
      const proxy = this.cluster.proxy(namespace, pod.metadata.name);
      if (proxy) {
        node.sidecar = true;
        collect(scraped?.get(`${namespace}/${pod.metadata.name}`) ?? proxy.prometheus(), reported, now);
        for (const [, ip] of proxy.clusters().matchAll(EJECTED)) ejections.push([id, ip!]);
      }
      nodes.set(id, node);
    }
    const edges = new Map<string, GraphEdge>();
    const since = this.lastReadAt;
    this.lastReadAt = now;
    for (const [key, sample] of mergeReports(reported)) {
      const [from, to] = key.split('→') as [string, string];
      const readings =
        this.history.get(key) ??
        (since === undefined ? [] : [{ at: since, requests: 0, errors: 0, overflow: 0, mtls: false }]);
      readings.push(sample);
      while (readings.length > 2 && readings[1]!.at <= now - WINDOW_MS) readings.shift();
      this.history.set(key, readings);
      const base = readings[0]!;
      const seconds = Math.max(0.001, (sample.at - base.at) / 1000);
      const requests = sample.requests - base.requests;
      const errors = sample.errors - base.errors;
      const overflow = sample.overflow - base.overflow;
      if (!nodes.has(from)) nodes.set(from, external(from));
      edges.set(key, {
        from,
        to,
        rate: requests / seconds,
        errorShare: requests > 0 ? errors / requests : 0,
        mtls: sample.mtls,
        breaker: overflow > 0 ? 'tripped' : 'closed',
        ejected: 0,
      });
    }
    // An ejected host is shown on the edge from the caller that ejected it, even when no request went by.
    for (const [from, ip] of ejections) {
      const to = nodeOfIp.get(ip);
      if (to === undefined) continue;
      const key = `${from}→${to}`;
      const edge = edges.get(key) ?? { from, to, rate: 0, errorShare: 0, mtls: false, breaker: 'closed', ejected: 0 };
      edge.ejected += 1;
      edges.set(key, edge);
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  }
}

/**
 * Both ends report each request (`reporter="source"` from the caller's sidecar, `"destination"` from the
 * callee's). As Kiali does, an edge counts what its caller saw when the caller has a sidecar: a call its
 * breaker refused (503, flag UO) never reaches the callee. mTLS is what the callee accepted.
 */
function mergeReports(reported: Record<'source' | 'destination', Map<string, Sample>>): Map<string, Sample> {
  const merged = new Map<string, Sample>();
  for (const [key, destination] of reported.destination) merged.set(key, destination);
  for (const [key, source] of reported.source)
    merged.set(key, { ...source, mtls: reported.destination.get(key)?.mtls ?? false });
  return merged;
}

function collect(text: string, reported: Record<'source' | 'destination', Map<string, Sample>>, at: number): void {
  for (const [, labelText, value] of text.matchAll(METRIC)) {
    const labels = Object.fromEntries([...labelText!.matchAll(LABEL)].map((m) => [m[1]!, m[2]!]));
    const reporter = labels['reporter'];
    if (reporter !== 'source' && reporter !== 'destination') continue;
    const from = nodeId(
      labels['source_workload_namespace'] ?? 'unknown',
      labels['source_app'] ?? 'unknown',
      labels['source_version'] ?? '',
    );
    const to = nodeId(
      labels['destination_workload_namespace'] ?? 'default',
      labels['destination_app'] ?? 'unknown',
      labels['destination_version'] ?? '',
    );
    // A call that found no upstream host (all ejected) has no destination workload: it shows as errors on
    // the caller's side only, not as an edge to nowhere.
    if ((labels['destination_app'] ?? 'unknown') === 'unknown') continue;
    const key = `${from}→${to}`;
    const count = Number(value);
    const totals = reported[reporter];
    const sample = totals.get(key) ?? { at, requests: 0, errors: 0, overflow: 0, mtls: false };
    sample.requests += count;
    if (Number(labels['response_code']) >= 500) sample.errors += count;
    if ((labels['response_flags'] ?? '').includes('UO')) sample.overflow += count;
    if (labels['connection_security_policy'] === 'mutual_tls') sample.mtls = true;
    totals.set(key, sample);
  }
}

const nodeId = (namespace: string, app: string, version: string) =>
  `${namespace}/${app}${version && version !== 'unknown' ? `/${version}` : ''}`;

function external(id: string): GraphNode {
  const [namespace, app = 'unknown'] = id.split('/');
  return { id, app, version: '', namespace: namespace ?? 'unknown', ready: 0, total: 0, sidecar: false };
}
