import type { HttpRequest, PeerInfo } from '../../net';
import type { UpstreamHost } from '../upstream/host';
import type { UpstreamCluster } from '../upstream/upstream-cluster';
import type { RouteEntry } from '../router/route-entry';
import type { HopRecord } from '../inspect/request-record';

/**
 * One downstream request as it crosses the proxy (Envoy: ActiveStream + StreamInfo): what filters read
 * and what the access log and stats report at the end. One object per request, filled in as it goes.
 */
export class ActiveStream {
  /** Response flags as bits (stream-info.ts). */
  flags = 0;
  route: RouteEntry | undefined;
  /** Cluster the router chose (after weights). */
  clusterName = '';
  /** That cluster, when it exists (Envoy: StreamInfo::upstreamClusterInfo). */
  upstreamCluster: UpstreamCluster | undefined;
  upstreamHost: UpstreamHost | undefined;
  /** `ip:port` of the upstream host actually used last. */
  upstreamHostKey = '-';
  /** `address:port` of this end of the upstream connection; `-` when none was used. */
  upstreamLocalAddress = '-';
  /** Server identity of the upstream connection (mTLS), for telemetry. */
  upstreamPeerIdentity: string | undefined;
  /** Peer workload metadata the upstream sidecar returned (x-envoy-peer-metadata). */
  upstreamPeerMetadata: string | undefined;
  attemptCount = 0;
  /**
   * The route's decorator operation an ingress connection manager returns as x-envoy-decorator-operation
   * (Envoy: decorated_operation_); cleared when the request named its own operation.
   */
  decoratedOperation: string | undefined;
  /** Envoy's response code details (`via_upstream`, `fault_filter_abort`, …). */
  responseCodeDetails = '-';
  /** The transport socket's failure reason of the last upstream connection tried (Envoy: a TLS error). */
  upstreamTransportFailureReason: string | undefined;
  /** ms from sending upstream to the response headers, of the final attempt; -1 when none. */
  upstreamServiceTimeMs = -1;
  endTime = 0;
  /**
   * Values filters leave for later filters, by filter name (Envoy: StreamInfo::dynamicMetadata), e.g. the
   * verified JWT payload `envoy.filters.http.jwt_authn` leaves for RBAC. Created by the first writer.
   */
  dynamicMetadata: Record<string, Record<string, unknown>> | undefined;
  /** This proxy's record of the request while the request inspector records (else undefined: nothing is kept). */
  hop: HopRecord | undefined;

  constructor(
    readonly request: HttpRequest,
    readonly peer: PeerInfo,
    readonly signal: AbortSignal,
    readonly startTime: number,
  ) {}
}
