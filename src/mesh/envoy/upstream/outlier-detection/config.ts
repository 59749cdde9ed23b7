import type { OutlierDetectionConfig } from './types';

/**
 * Envoy's defaults for `cluster.outlier_detection`. Istio only writes the fields a DestinationRule sets
 * (plus enforcing_* next to the consecutive thresholds), so for a DR with an outlierDetection block these
 * are the effective values of everything left unset.
 */
export const OUTLIER_DETECTION_DEFAULTS = Object.freeze({
  consecutive5xx: 5,
  enforcingConsecutive5xx: 100,
  consecutiveGatewayFailure: 5,
  enforcingConsecutiveGatewayFailure: 0,
  intervalMs: 10_000,
  baseEjectionTimeMs: 30_000,
  /** max_ejection_time when unset is max(this, base_ejection_time). */
  maxEjectionTimeMs: 300_000,
  maxEjectionTimeJitterMs: 0,
  maxEjectionPercent: 10,
  alwaysEjectOneHost: false,
});

/** Fills unset fields with Envoy's defaults; refuses what Envoy refuses (max_ejection_time < base). */
export function resolveOutlierConfig(config: Partial<OutlierDetectionConfig> = {}): OutlierDetectionConfig {
  const d = OUTLIER_DETECTION_DEFAULTS;
  const baseEjectionTimeMs = config.baseEjectionTimeMs ?? d.baseEjectionTimeMs;
  const resolved: OutlierDetectionConfig = {
    consecutive5xx: config.consecutive5xx ?? d.consecutive5xx,
    enforcingConsecutive5xx: config.enforcingConsecutive5xx ?? d.enforcingConsecutive5xx,
    consecutiveGatewayFailure: config.consecutiveGatewayFailure ?? d.consecutiveGatewayFailure,
    enforcingConsecutiveGatewayFailure:
      config.enforcingConsecutiveGatewayFailure ?? d.enforcingConsecutiveGatewayFailure,
    intervalMs: config.intervalMs ?? d.intervalMs,
    baseEjectionTimeMs,
    maxEjectionTimeMs: config.maxEjectionTimeMs ?? Math.max(d.maxEjectionTimeMs, baseEjectionTimeMs),
    maxEjectionTimeJitterMs: config.maxEjectionTimeJitterMs ?? d.maxEjectionTimeJitterMs,
    maxEjectionPercent: config.maxEjectionPercent ?? d.maxEjectionPercent,
    alwaysEjectOneHost: config.alwaysEjectOneHost ?? d.alwaysEjectOneHost,
  };
  if (!(resolved.intervalMs > 0)) throw new RangeError('outlier detection interval must be positive');
  if (!(resolved.baseEjectionTimeMs > 0)) throw new RangeError('outlier detection base_ejection_time must be positive');
  if (resolved.maxEjectionTimeMs < resolved.baseEjectionTimeMs) {
    throw new RangeError("outlier detector's max_ejection_time cannot be smaller than base_ejection_time");
  }
  return resolved;
}

/**
 * Istio's DestinationRule `trafficPolicy.outlierDetection` (durations already in ms), for callers that want
 * Istio's translation (pilot applyOutlierDetection) without going through xDS.
 */
export interface IstioOutlierDetection {
  readonly consecutive5xxErrors?: number;
  readonly consecutiveGatewayErrors?: number;
  readonly intervalMs?: number;
  readonly baseEjectionTimeMs?: number;
  readonly maxEjectionPercent?: number;
}

/** Istio's translation: a set threshold is enforced at 100% when > 0, at 0% when 0. */
export function outlierConfigFromIstio(dr: IstioOutlierDetection): OutlierDetectionConfig {
  const partial: { -readonly [K in keyof OutlierDetectionConfig]?: OutlierDetectionConfig[K] } = {};
  if (dr.consecutive5xxErrors !== undefined) {
    partial.consecutive5xx = dr.consecutive5xxErrors;
    partial.enforcingConsecutive5xx = dr.consecutive5xxErrors > 0 ? 100 : 0;
  }
  if (dr.consecutiveGatewayErrors !== undefined) {
    partial.consecutiveGatewayFailure = dr.consecutiveGatewayErrors;
    partial.enforcingConsecutiveGatewayFailure = dr.consecutiveGatewayErrors > 0 ? 100 : 0;
  }
  if (dr.intervalMs !== undefined) partial.intervalMs = dr.intervalMs;
  if (dr.baseEjectionTimeMs !== undefined) partial.baseEjectionTimeMs = dr.baseEjectionTimeMs;
  // Istio only writes max_ejection_percent when > 0; 0 leaves Envoy's 10%.
  if (dr.maxEjectionPercent !== undefined && dr.maxEjectionPercent > 0) {
    partial.maxEjectionPercent = dr.maxEjectionPercent;
  }
  return resolveOutlierConfig(partial);
}
