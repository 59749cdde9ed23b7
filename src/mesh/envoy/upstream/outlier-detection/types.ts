/**
 * Outlier detection (Envoy: `envoy/upstream/outlier_detection.h`), split by role:
 * - HostMonitor (outlier-result.ts): per host, receives every result the router sees for that host;
 * - OutlierDetector: per cluster, decides ejections (inline on consecutive errors) and returns hosts
 *   at each `interval` tick;
 * - OutlierEventSink: receives eject / uneject events (access log, UI timeline).
 * A lab may replace the detector (and its monitors) with a learner's implementation: the router only ever
 * talks to `host.outlierMonitor`, and load balancers only read host health flags.
 */
import type { UpstreamHost } from '../host';

/** Why a host was ejected (Envoy: `envoy.data.cluster.v3.OutlierEjectionType`, the kinds Istio uses). */
export const OutlierEjectionType = {
  CONSECUTIVE_5XX: 'CONSECUTIVE_5XX',
  CONSECUTIVE_GATEWAY_FAILURE: 'CONSECUTIVE_GATEWAY_FAILURE',
} as const;
export type OutlierEjectionType = (typeof OutlierEjectionType)[keyof typeof OutlierEjectionType];

/** Envoy's outlier event (`envoy.data.cluster.v3.OutlierDetectionEvent`), trimmed to what we show. */
export interface OutlierEvent {
  readonly action: 'EJECT' | 'UNEJECT';
  /** Set for EJECT. */
  readonly type?: OutlierEjectionType;
  /** EJECT only: false when detected but not enforced (enforcing_* percentage said no). */
  readonly enforced?: boolean;
  readonly clusterName: string;
  /** `address:port` of the host. */
  readonly upstreamUrl: string;
  /** Clock time of the event (ms). */
  readonly time: number;
  /** How many times this host has been ejected, this ejection included. */
  readonly numEjections: number;
  /** EJECT (enforced): when the host may return; it actually returns at the first interval tick after. */
  readonly ejectedUntil?: number;
}

export interface OutlierEventSink {
  log(event: OutlierEvent): void;
}

/** Counters and gauges under `cluster.<name>.outlier_detection.` (Envoy's names). */
export interface OutlierDetectionStats {
  /** gauge: hosts currently ejected */
  ejections_active: number;
  /** ejections that really happened, any type */
  ejections_enforced_total: number;
  /** ejections refused because max_ejection_percent would be exceeded */
  ejections_overflow: number;
  ejections_detected_consecutive_5xx: number;
  ejections_enforced_consecutive_5xx: number;
  ejections_detected_consecutive_gateway_failure: number;
  ejections_enforced_consecutive_gateway_failure: number;
  /** deprecated in Envoy but still emitted: detections of CONSECUTIVE_5XX that passed the percent check */
  ejections_total: number;
  /** deprecated in Envoy but still emitted: CONSECUTIVE_5XX detections */
  ejections_consecutive_5xx: number;
}

/** Called when a host is ejected or returns (Envoy: `addChangedStateCb`). */
export type HostStateChangedCallback = (host: UpstreamHost) => void;

/** The per-cluster detector. */
export interface OutlierDetector {
  /** A snapshot of the stats (names as Envoy's `outlier_detection.*`). */
  stats(): OutlierDetectionStats;
  addChangedStateCb(callback: HostStateChangedCallback): () => void;
  /** Stops the interval timer and detaches from the host set (cluster removed or config replaced). */
  destroy(): void;
}

/**
 * Envoy's `cluster.outlier_detection`, durations in ms, all fields resolved (see `resolveOutlierConfig`).
 * Istio's DestinationRule maps onto it in istiod (applyOutlierDetection); the defaults here are Envoy's,
 * which are what Istio leaves in place for fields the DestinationRule does not set.
 */
export interface OutlierDetectionConfig {
  /** consecutive_5xx (Istio consecutive5xxErrors): default 5. With 0 nothing triggers. */
  consecutive5xx: number;
  /** enforcing_consecutive_5xx: % of detections enforced; default 100 (Istio: 0 when consecutive5xxErrors is 0). */
  enforcingConsecutive5xx: number;
  /** consecutive_gateway_failure (Istio consecutiveGatewayErrors): default 5. */
  consecutiveGatewayFailure: number;
  /** enforcing_consecutive_gateway_failure: default 0 = counted as detected, never enforced (Istio sets 100 when consecutiveGatewayErrors > 0). */
  enforcingConsecutiveGatewayFailure: number;
  /** interval: default 10 s. */
  intervalMs: number;
  /** base_ejection_time: default 30 s. */
  baseEjectionTimeMs: number;
  /** max_ejection_time: default max(300 s, base). */
  maxEjectionTimeMs: number;
  /** max_ejection_time_jitter: default 0. */
  maxEjectionTimeJitterMs: number;
  /** max_ejection_percent: default 10 (capped at 100). */
  maxEjectionPercent: number;
  /** always_eject_one_host (Envoy ≥ 1.31): default false; Istio does not set it. */
  alwaysEjectOneHost: boolean;
}
