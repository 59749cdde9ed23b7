import { type PeerMetadata, decodePeerMetadata, PEER_METADATA_HEADER } from '../node';
import type { UpstreamCluster } from '../upstream/upstream-cluster';
import type { UpstreamHost } from '../upstream/host';
import { formatResponseFlags } from '../stream-info';
import type { ActiveStream } from './active-stream';
import type { HcmContext } from './connection-manager';

const unknownPrincipalPeers = new Map<string, PeerMetadata>();

function principalOnly(principal: string): PeerMetadata {
  let p = unknownPrincipalPeers.get(principal);
  if (p === undefined) {
    p = { workload: 'unknown', namespace: 'unknown', app: 'unknown', version: 'unknown', principal };
    unknownPrincipalPeers.set(principal, p);
  }
  return p;
}

/** Istio's stats filter: one istio_requests_total / duration sample per request, labelled by both peers. */
export function recordTelemetry(
  ctx: HcmContext,
  inbound: boolean,
  stream: ActiveStream,
  status: number,
  upstreamPeer: string | undefined,
  clusters: ReadonlyMap<string, UpstreamCluster>,
): void {
  const cluster = stream.clusterName === '' ? undefined : clusters.get(stream.clusterName);
  const service = cluster?.service ?? serviceFromAuthority(stream.request.authority);
  const flags = formatResponseFlags(stream.flags);
  const durationMs = stream.endTime - stream.startTime;
  if (inbound) {
    const tls = stream.peer.tls;
    let source = decodePeerMetadata(stream.request.headers[PEER_METADATA_HEADER]);
    if (source === undefined && tls !== undefined) source = principalOnly(tls.peerIdentity.replace(/^spiffe:\/\//, ''));
    ctx.metrics.record({
      reporter: 'destination',
      source,
      destination: ctx.localPeer,
      destinationService: service,
      responseCode: status,
      responseFlags: flags,
      connectionSecurityPolicy: tls !== undefined ? 'mutual_tls' : 'none',
      durationMs,
    });
    return;
  }
  let destination = decodePeerMetadata(upstreamPeer);
  if (destination === undefined && stream.upstreamHost !== undefined && cluster !== undefined) {
    destination = endpointPeer(cluster, stream.upstreamHost);
  }
  ctx.metrics.record({
    reporter: 'source',
    source: ctx.localPeer,
    destination,
    destinationService: service,
    responseCode: status,
    responseFlags: flags,
    connectionSecurityPolicy: 'unknown',
    durationMs,
  });
}

const endpointPeers = new WeakMap<object, PeerMetadata>();

/** Workload facts from EDS metadata, for an upstream without a sidecar to tell us. */
function endpointPeer(cluster: UpstreamCluster, host: UpstreamHost): PeerMetadata | undefined {
  const info = cluster.endpoint(host);
  if (info === undefined || info.workload === undefined) return undefined;
  let p = endpointPeers.get(info);
  if (p === undefined) {
    p = {
      workload: info.workload,
      namespace: info.namespace ?? 'unknown',
      app: info.app ?? 'unknown',
      version: info.version ?? 'unknown',
      principal: '',
    };
    endpointPeers.set(info, p);
  }
  return p;
}

const services = new Map<string, { host: string; name: string; namespace: string }>();

/** The destination service named by a Host header (memoised by the header value: no regex per request). */
function serviceFromAuthority(authority: string): { host: string; name: string; namespace: string } {
  let s = services.get(authority);
  if (s === undefined) {
    const host = authority.replace(/:\d+$/, '');
    const parts = host.split('.');
    s = {
      host,
      name: parts[0] ?? host,
      namespace: parts.length > 2 && parts[2] === 'svc' ? (parts[1] ?? 'unknown') : 'unknown',
    };
    if (services.size > 10_000) services.clear();
    services.set(authority, s);
  }
  return s;
}
