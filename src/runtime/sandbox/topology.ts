import { TYPES, type Cluster, type Pod } from '../../mesh';
import type { GraphEdge, GraphNode, MeshTopology } from '../types';

interface Sample {
  at: number;
  requests: number;
  errors: number;
  overflow: number;
  mtls: boolean;
}

const previous = new Map<string, Sample>();
const METRIC = /^istio_requests_total\{([^}]*)\}\s+(\d+(?:\.\d+)?)/gm;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/**
 * The mesh graph's data, read the way Kiali does: workloads from the pods' `app`/`version` labels, edges from
 * the destination sidecars' `istio_requests_total` (rate and error share over the last interval, mTLS from
 * `connection_security_policy`, breaker from the `UO` overflow flag), ejections from the Envoy clusters view.
 */
export function readTopology(cluster: Cluster, now = performance.now()): MeshTopology {
  const nodes = new Map<string, GraphNode>();
  const pods = cluster.kube.list<Pod>(TYPES.Pod).filter((pod) => pod.metadata.namespace !== 'kube-system');
  const totals = new Map<string, Sample>();
  for (const pod of pods) {
    const labels = pod.metadata.labels ?? {};
    const app = labels['app'] ?? labels['istio'] ?? pod.metadata.name;
    const version = labels['version'] ?? '';
    const namespace = pod.metadata.namespace ?? 'default';
    const id = nodeId(namespace, app, version);
    const node = nodes.get(id) ?? { id, app, version, namespace, ready: 0, total: 0, sidecar: false };
    node.total += 1;
    if (pod.status?.phase === 'Running') node.ready += 1;
    const proxy = cluster.proxy(namespace, pod.metadata.name);
    if (proxy) {
      node.sidecar = true;
      collect(proxy.prometheus(), totals, now);
    }
    nodes.set(id, node);
  }
  const edges: GraphEdge[] = [];
  for (const [key, sample] of totals) {
    const [from, to] = key.split('→') as [string, string];
    const last = previous.get(key);
    previous.set(key, sample);
    const seconds = last ? Math.max(0.001, (sample.at - last.at) / 1000) : 1;
    const requests = sample.requests - (last?.requests ?? sample.requests);
    const errors = sample.errors - (last?.errors ?? sample.errors);
    const overflow = sample.overflow - (last?.overflow ?? sample.overflow);
    if (!nodes.has(from)) nodes.set(from, external(from));
    edges.push({
      from,
      to,
      rate: requests / seconds,
      errorShare: requests > 0 ? errors / requests : 0,
      mtls: sample.mtls,
      breaker: overflow > 0 ? 'tripped' : 'closed',
      ejected: 0,
    });
  }
  return { nodes: [...nodes.values()], edges };
}

function collect(text: string, totals: Map<string, Sample>, at: number): void {
  for (const [, labelText, value] of text.matchAll(METRIC)) {
    const labels = Object.fromEntries([...labelText!.matchAll(LABEL)].map((m) => [m[1]!, m[2]!]));
    if (labels['reporter'] !== 'destination') continue;
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
    const key = `${from}→${to}`;
    const count = Number(value);
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
