/**
 * Who a proxy is (Envoy's `node`, filled by Istio's bootstrap): the identity its config, stats and
 * telemetry labels come from.
 */
export interface ProxyNode {
  /** e.g. `sidecar~10.0.0.5~httpbin-7f9c6d8b4-x2x5q.default~default.svc.cluster.local`. */
  readonly id: string;
  /** `sidecar` or `router` (gateway). */
  readonly type?: 'sidecar' | 'router';
  /** Workload (Deployment) name, e.g. `httpbin`. */
  readonly workloadName: string;
  readonly namespace: string;
  /** Pod labels (`app`, `version`, …). */
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccount: string;
  /** Trust domain; default `cluster.local`. */
  readonly trustDomain?: string;
  /** Istio version the proxy reports, e.g. `1.30.4`. */
  readonly istioVersion?: string;
}

/** The workload facts one sidecar tells the other through metadata exchange. */
export interface PeerMetadata {
  readonly workload: string;
  readonly namespace: string;
  readonly app: string;
  readonly version: string;
  /** Principal without `spiffe://` (`cluster.local/ns/default/sa/sleep`). */
  readonly principal: string;
}

/** Istio's metadata-exchange headers (removed by the peer sidecar before the app sees them). */
export const PEER_METADATA_HEADER = 'x-envoy-peer-metadata';
export const PEER_METADATA_ID_HEADER = 'x-envoy-peer-metadata-id';

export function spiffeId(node: ProxyNode): string {
  return `spiffe://${node.trustDomain ?? 'cluster.local'}/ns/${node.namespace}/sa/${node.serviceAccount}`;
}

export function peerMetadataOf(node: ProxyNode): PeerMetadata {
  return {
    workload: node.workloadName,
    namespace: node.namespace,
    app: node.labels['app'] ?? node.labels['service.istio.io/canonical-name'] ?? node.workloadName,
    version: node.labels['version'] ?? node.labels['service.istio.io/canonical-revision'] ?? 'unknown',
    principal: spiffeId(node).slice('spiffe://'.length),
  };
}

/** The header value, computed once per proxy (no JSON on the request path). */
export function encodePeerMetadata(m: PeerMetadata): string {
  return btoa([m.workload, m.namespace, m.app, m.version, m.principal].map(encodeURIComponent).join(';'));
}

const decoded = new Map<string, PeerMetadata | null>();

/** Parses a peer's header value (memoised: a mesh has few distinct workloads). */
export function decodePeerMetadata(value: string | undefined): PeerMetadata | undefined {
  if (value === undefined) return undefined;
  const cached = decoded.get(value);
  if (cached !== undefined) return cached ?? undefined;
  let result: PeerMetadata | null = null;
  try {
    const parts = atob(value).split(';').map(decodeURIComponent);
    if (parts.length === 5) {
      result = { workload: parts[0]!, namespace: parts[1]!, app: parts[2]!, version: parts[3]!, principal: parts[4]! };
    }
  } catch {
    result = null;
  }
  if (decoded.size > 10_000) decoded.clear();
  decoded.set(value, result);
  return result ?? undefined;
}
