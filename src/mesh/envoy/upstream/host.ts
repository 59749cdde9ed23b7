/**
 * An upstream host (Envoy: `Upstream::Host`): one endpoint of a cluster, as EDS delivered it, plus the live
 * state the pluggable modules share. The router updates the counters; the outlier detector writes the
 * ejection state and the `failed_outlier_check` health flag; load balancers only read.
 */
import type { HostMonitor } from './outlier-detection/outlier-result';
import { NULL_HOST_MONITOR } from './outlier-detection/null-host-monitor';

/**
 * Why a host is not healthy, named and ordered as Envoy's /clusters prints them
 * (`health_flags::/failed_outlier_check`). A host with no flag is `healthy`.
 */
export const HealthFlag = {
  /** Active health checking failed (we have no active HC; kept for the vocabulary). */
  FAILED_ACTIVE_HC: 'failed_active_hc',
  /** Ejected by outlier detection. */
  FAILED_OUTLIER_CHECK: 'failed_outlier_check',
  /** EDS said the endpoint is UNHEALTHY. */
  FAILED_EDS_HEALTH: 'failed_eds_health',
  /** EDS said the endpoint is DRAINING. */
  EDS_STATUS_DRAINING: 'eds_status_draining',
} as const;
export type HealthFlag = (typeof HealthFlag)[keyof typeof HealthFlag];

const HEALTH_FLAG_ORDER: readonly HealthFlag[] = [
  HealthFlag.FAILED_ACTIVE_HC,
  HealthFlag.FAILED_OUTLIER_CHECK,
  HealthFlag.FAILED_EDS_HEALTH,
  HealthFlag.EDS_STATUS_DRAINING,
];

/** Health as EDS reports it (`envoy.config.core.v3.HealthStatus`, the values Istio sends). */
export type EdsHealthStatus = 'UNKNOWN' | 'HEALTHY' | 'UNHEALTHY' | 'DRAINING';

/** What EDS tells us about one endpoint (`LbEndpoint`): the input of `HostSet.update`. */
export interface HostDescription {
  readonly address: string;
  readonly port: number;
  /** Pod labels (Istio puts them in the endpoint metadata); subsets are separate clusters, so informative. */
  readonly labels?: Readonly<Record<string, string>>;
  /** `load_balancing_weight`; default 1. */
  readonly weight?: number;
  /** Default UNKNOWN, which Envoy treats as healthy. */
  readonly healthStatus?: EdsHealthStatus;
}

/** Per-host counters as /clusters shows them (`cx_active::0`, `rq_total::12`, ...). Written by the router/pools. */
export interface HostStats {
  /** cx_total */ cxTotal: number;
  /** cx_active */ cxActive: number;
  /** cx_connect_fail */ cxConnectFail: number;
  /** rq_total */ rqTotal: number;
  /** rq_success */ rqSuccess: number;
  /** rq_error */ rqError: number;
  /** rq_timeout */ rqTimeout: number;
}

/**
 * Outlier ejection state of one host. Written ONLY by the outlier detector; everyone else reads it
 * (/clusters, the UI). Times are Clock milliseconds.
 */
export interface HostOutlierState {
  /** True while the host is ejected (its `failed_outlier_check` flag is set). */
  ejected: boolean;
  /** How many times the host has been ejected, ever (Envoy: `num_ejections`; /clusters, events). */
  numEjections: number;
  /**
   * The ejection multiplier (Envoy: `eject_time_backoff`): +1 on each ejection (while base × it stays below
   * max + base), −1 at each interval tick while the host stays un-ejected (never below 0).
   * Ejection time = min(base_ejection_time × this, max_ejection_time).
   */
  ejectTimeBackoff: number;
  /** When the current ejection may end (the host returns at the first interval tick at or after it). */
  ejectedUntil: number | undefined;
  /** When the host was last ejected. */
  lastEjectionTime: number | undefined;
  /** When the host last returned. */
  lastUnejectionTime: number | undefined;
}

/** One endpoint of a cluster. */
export interface UpstreamHost {
  readonly address: string;
  readonly port: number;
  /** `address:port`: identity of the host across EDS updates. */
  readonly key: string;
  /** Current labels (an EDS update may change them in place). */
  readonly labels: Readonly<Record<string, string>>;
  /** Current load-balancing weight, ≥ 1 (an EDS update may change it in place). */
  readonly weight: number;
  /** rq_active: requests in flight to this host. The router increments/decrements; LEAST_REQUEST reads it. */
  activeRequests: number;
  readonly stats: HostStats;
  readonly outlier: HostOutlierState;
  /**
   * Where the router reports each result for this host (Envoy: `host->outlierDetector()`). A no-op monitor
   * until an outlier detector attaches one.
   */
  outlierMonitor: HostMonitor;
  /** True when no health flag is set: only healthy hosts are chosen (outside panic mode). */
  healthy(): boolean;
  healthFlagGet(flag: HealthFlag): boolean;
  healthFlagSet(flag: HealthFlag): void;
  healthFlagClear(flag: HealthFlag): void;
  /** As /clusters prints after `health_flags::`: `healthy`, or `/failed_outlier_check`, `/a/b` for several. */
  healthFlagsString(): string;
}

export function hostKey(address: string, port: number): string {
  // Bracket IPv6 literals so `key` stays unambiguous, as Envoy prints them.
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export class HostImpl implements UpstreamHost {
  readonly address: string;
  readonly port: number;
  readonly key: string;
  labels: Readonly<Record<string, string>>;
  weight: number;
  activeRequests = 0;
  readonly stats: HostStats = {
    cxTotal: 0,
    cxActive: 0,
    cxConnectFail: 0,
    rqTotal: 0,
    rqSuccess: 0,
    rqError: 0,
    rqTimeout: 0,
  };
  readonly outlier: HostOutlierState = {
    ejected: false,
    numEjections: 0,
    ejectTimeBackoff: 0,
    ejectedUntil: undefined,
    lastEjectionTime: undefined,
    lastUnejectionTime: undefined,
  };
  outlierMonitor: HostMonitor = NULL_HOST_MONITOR;
  private readonly flags = new Set<HealthFlag>();

  constructor(description: HostDescription) {
    this.address = description.address;
    this.port = description.port;
    this.key = hostKey(description.address, description.port);
    this.labels = { ...(description.labels ?? {}) };
    this.weight = normalizeWeight(description.weight);
    this.applyEdsHealth(description.healthStatus);
  }

  /** Applies the parts of an EDS update that may change while the host stays (weight, labels, health). */
  /** Returns true when the weight changed (weighted policies must rebuild). */
  updateFrom(description: HostDescription): boolean {
    const weight = normalizeWeight(description.weight);
    const weightChanged = weight !== this.weight;
    this.labels = { ...(description.labels ?? {}) };
    this.weight = weight;
    this.applyEdsHealth(description.healthStatus);
    return weightChanged;
  }

  healthy(): boolean {
    return this.flags.size === 0;
  }
  healthFlagGet(flag: HealthFlag): boolean {
    return this.flags.has(flag);
  }
  healthFlagSet(flag: HealthFlag): void {
    this.flags.add(flag);
  }
  healthFlagClear(flag: HealthFlag): void {
    this.flags.delete(flag);
  }
  healthFlagsString(): string {
    if (this.flags.size === 0) return 'healthy';
    return HEALTH_FLAG_ORDER.filter((f) => this.flags.has(f))
      .map((f) => `/${f}`)
      .join('');
  }

  private applyEdsHealth(status: EdsHealthStatus | undefined): void {
    // UNKNOWN and HEALTHY both count as healthy in Envoy.
    if (status === 'UNHEALTHY') this.flags.add(HealthFlag.FAILED_EDS_HEALTH);
    else this.flags.delete(HealthFlag.FAILED_EDS_HEALTH);
    if (status === 'DRAINING') this.flags.add(HealthFlag.EDS_STATUS_DRAINING);
    else this.flags.delete(HealthFlag.EDS_STATUS_DRAINING);
  }
}

function normalizeWeight(weight: number | undefined): number {
  // EDS weights are ≥ 1; 0 or garbage would make a host unreachable by weighted policies.
  if (weight === undefined || !Number.isFinite(weight) || weight < 1) return 1;
  return Math.floor(weight);
}
