/**
 * The default outlier detector of one cluster (Envoy: `Outlier::DetectorImpl`, consecutive-error
 * detectors only: Istio disables success-rate ejection and never configures failure percentage).
 *
 * - Ejection is decided INLINE when a monitor reports a run of errors (Envoy posts it to the main thread;
 *   with one thread that is the same moment).
 * - Hosts return only at `interval` ticks, once min(base × backoff, max) (+ jitter) has passed.
 * - At each tick, a host that has stayed un-ejected for at least one interval decays its backoff by one.
 */
import type { Clock, Timer, Random } from '../../../sim';
import { HealthFlag, type UpstreamHost } from '../host';
import type { HostSet } from '../host-set';
import { backoffAfterEjection, ejectionDurationMs, mayEject } from './ejection-math';
import { NULL_OUTLIER_EVENT_SINK } from './event-sink';
import { HostMonitorImpl } from './host-monitor';
import { NULL_HOST_MONITOR } from './null-host-monitor';
import {
  OutlierEjectionType,
  type HostStateChangedCallback,
  type OutlierDetectionConfig,
  type OutlierDetectionStats,
  type OutlierDetector,
  type OutlierEventSink,
} from './types';

export interface OutlierDetectorArgs {
  /** For events (`outbound|9080||reviews.default.svc.cluster.local`). */
  readonly clusterName: string;
  readonly hostSet: HostSet;
  /** Resolved config (see resolveOutlierConfig / outlierConfigFromIstio). */
  readonly config: OutlierDetectionConfig;
  readonly clock: Clock;
  /** For enforcing_* percentages strictly between 0 and 100, and ejection jitter. */
  readonly random: Random;
  readonly eventSink?: OutlierEventSink;
}

/** How a proxy builds the detector of one cluster. A lab swaps this to plug in a learner's detector. */
export type OutlierDetectorFactory = (args: OutlierDetectorArgs) => OutlierDetector;

export class OutlierDetectorImpl implements OutlierDetector {
  private readonly monitors = new Map<UpstreamHost, HostMonitorImpl>();
  private readonly jitters = new Map<UpstreamHost, number>();
  private readonly callbacks = new Set<HostStateChangedCallback>();
  private readonly counters: OutlierDetectionStats = {
    ejections_active: 0,
    ejections_enforced_total: 0,
    ejections_overflow: 0,
    ejections_detected_consecutive_5xx: 0,
    ejections_enforced_consecutive_5xx: 0,
    ejections_detected_consecutive_gateway_failure: 0,
    ejections_enforced_consecutive_gateway_failure: 0,
    ejections_total: 0,
    ejections_consecutive_5xx: 0,
  };
  private readonly config: OutlierDetectionConfig;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly sink: OutlierEventSink;
  private readonly clusterName: string;
  private readonly unsubscribe: () => void;
  private timer: Timer | undefined;
  private destroyed = false;

  constructor(args: OutlierDetectorArgs) {
    this.config = args.config;
    this.clock = args.clock;
    this.random = args.random;
    this.sink = args.eventSink ?? NULL_OUTLIER_EVENT_SINK;
    this.clusterName = args.clusterName;
    for (const host of args.hostSet.hosts()) this.addHostMonitor(host);
    this.unsubscribe = args.hostSet.addMemberUpdateCb((added, removed) => {
      for (const host of added) this.addHostMonitor(host);
      for (const host of removed) this.removeHostMonitor(host);
    });
    this.armIntervalTimer();
  }

  stats(): OutlierDetectionStats {
    return { ...this.counters };
  }

  addChangedStateCb(callback: HostStateChangedCallback): () => void {
    this.callbacks.add(callback);
    return () => {
      this.callbacks.delete(callback);
    };
  }

  /**
   * Unlike Envoy (where a new detector always comes with a new cluster and fresh hosts), our hosts may
   * outlive the detector when only the outlier config changes, so we return every ejected host to
   * service and detach the monitors: a host must never stay ejected with no detector to bring it back.
   */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.timer?.cancel();
    this.unsubscribe();
    for (const [host, monitor] of this.monitors) {
      monitor.detach();
      if (host.outlierMonitor === monitor) host.outlierMonitor = NULL_HOST_MONITOR;
      if (host.outlier.ejected) {
        host.healthFlagClear(HealthFlag.FAILED_OUTLIER_CHECK);
        host.outlier.ejected = false;
        host.outlier.ejectedUntil = undefined;
      }
    }
    this.monitors.clear();
    this.counters.ejections_active = 0;
  }

  /** Called by a monitor when a counter reaches its threshold. */
  onConsecutiveError(host: UpstreamHost, type: OutlierEjectionType): void {
    const monitor = this.monitors.get(host);
    if (!monitor || host.outlier.ejected) return;
    if (type === OutlierEjectionType.CONSECUTIVE_5XX) {
      this.counters.ejections_detected_consecutive_5xx++;
      this.counters.ejections_consecutive_5xx++;
    } else {
      this.counters.ejections_detected_consecutive_gateway_failure++;
    }
    this.ejectHost(host, type);
    // Reset whether or not the host was ejected, so a new run of errors can be detected again.
    if (type === OutlierEjectionType.CONSECUTIVE_5XX) monitor.resetConsecutive5xx();
    else monitor.resetConsecutiveGatewayFailure();
  }

  private ejectHost(host: UpstreamHost, type: OutlierEjectionType): void {
    const { maxEjectionPercent, alwaysEjectOneHost } = this.config;
    if (!mayEject(this.counters.ejections_active, this.monitors.size, maxEjectionPercent, alwaysEjectOneHost)) {
      this.counters.ejections_overflow++;
      return;
    }
    if (type === OutlierEjectionType.CONSECUTIVE_5XX) this.counters.ejections_total++;
    const now = this.clock.now();
    if (!this.enforce(type)) {
      this.log({ action: 'EJECT', type, enforced: false, host, now });
      return;
    }
    const { baseEjectionTimeMs, maxEjectionTimeMs, maxEjectionTimeJitterMs } = this.config;
    this.counters.ejections_active++;
    this.counters.ejections_enforced_total++;
    if (type === OutlierEjectionType.CONSECUTIVE_5XX) this.counters.ejections_enforced_consecutive_5xx++;
    else this.counters.ejections_enforced_consecutive_gateway_failure++;

    const state = host.outlier;
    host.healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
    state.ejected = true;
    state.numEjections++;
    state.lastEjectionTime = now;
    const jitter = maxEjectionTimeJitterMs > 0 ? this.random.int(maxEjectionTimeJitterMs + 1) : 0;
    this.jitters.set(host, jitter);
    state.ejectTimeBackoff = backoffAfterEjection(state.ejectTimeBackoff, baseEjectionTimeMs, maxEjectionTimeMs);
    state.ejectedUntil =
      now + ejectionDurationMs(state.ejectTimeBackoff, baseEjectionTimeMs, maxEjectionTimeMs, jitter);
    this.runCallbacks(host);
    this.log({ action: 'EJECT', type, enforced: true, host, now });
  }

  private enforce(type: OutlierEjectionType): boolean {
    const percent =
      type === OutlierEjectionType.CONSECUTIVE_5XX
        ? this.config.enforcingConsecutive5xx
        : this.config.enforcingConsecutiveGatewayFailure;
    if (percent >= 100) return true;
    if (percent <= 0) return false;
    return this.random.int(100) < percent;
  }

  private onIntervalTimer(): void {
    const now = this.clock.now();
    for (const host of this.monitors.keys()) this.checkHostForUneject(host, now);
    // Decay the backoff of hosts that have been back for at least one whole interval.
    for (const host of this.monitors.keys()) {
      const state = host.outlier;
      if (state.ejected || state.lastUnejectionTime === undefined) continue;
      if (now - state.lastUnejectionTime >= this.config.intervalMs && state.ejectTimeBackoff > 0) {
        state.ejectTimeBackoff--;
      }
    }
    this.armIntervalTimer();
  }

  private checkHostForUneject(host: UpstreamHost, now: number): void {
    const state = host.outlier;
    if (!state.ejected || state.lastEjectionTime === undefined) return;
    const { baseEjectionTimeMs, maxEjectionTimeMs } = this.config;
    const duration = ejectionDurationMs(
      state.ejectTimeBackoff,
      baseEjectionTimeMs,
      maxEjectionTimeMs,
      this.jitters.get(host) ?? 0,
    );
    if (duration <= now - state.lastEjectionTime) this.unejectHost(host, now);
  }

  private unejectHost(host: UpstreamHost, now: number): void {
    this.counters.ejections_active--;
    host.healthFlagClear(HealthFlag.FAILED_OUTLIER_CHECK);
    const state = host.outlier;
    state.ejected = false;
    state.ejectedUntil = undefined;
    state.lastUnejectionTime = now;
    // A host that returns starts with clean counters, so a couple of errors do not re-eject it at once.
    const monitor = this.monitors.get(host);
    monitor?.resetConsecutive5xx();
    monitor?.resetConsecutiveGatewayFailure();
    this.runCallbacks(host);
    this.log({ action: 'UNEJECT', host, now });
  }

  private addHostMonitor(host: UpstreamHost): void {
    if (this.monitors.has(host)) return;
    const monitor = new HostMonitorImpl(host, {
      thresholds: () => this.config,
      onConsecutiveError: (h, type) => this.onConsecutiveError(h, type),
    });
    this.monitors.set(host, monitor);
    host.outlierMonitor = monitor;
  }

  private removeHostMonitor(host: UpstreamHost): void {
    const monitor = this.monitors.get(host);
    if (!monitor) return;
    if (host.outlier.ejected) this.counters.ejections_active--;
    monitor.detach();
    this.monitors.delete(host);
    this.jitters.delete(host);
  }

  private armIntervalTimer(): void {
    if (this.destroyed) return;
    this.timer = this.clock.setTimer(this.config.intervalMs, () => this.onIntervalTimer());
  }

  private runCallbacks(host: UpstreamHost): void {
    for (const callback of [...this.callbacks]) callback(host);
  }

  private log(e: {
    action: 'EJECT' | 'UNEJECT';
    type?: OutlierEjectionType;
    enforced?: boolean;
    host: UpstreamHost;
    now: number;
  }): void {
    const state = e.host.outlier;
    this.sink.log({
      action: e.action,
      ...(e.type !== undefined ? { type: e.type } : {}),
      ...(e.enforced !== undefined ? { enforced: e.enforced } : {}),
      clusterName: this.clusterName,
      upstreamUrl: e.host.key,
      time: e.now,
      numEjections: state.numEjections,
      ...(e.action === 'EJECT' && e.enforced && state.ejectedUntil !== undefined
        ? { ejectedUntil: state.ejectedUntil }
        : {}),
    });
  }
}

/** The default `OutlierDetectorFactory`. Outlier detection is off unless the cluster has a config: pass none, get none. */
export function createOutlierDetector(args: OutlierDetectorArgs): OutlierDetector {
  return new OutlierDetectorImpl(args);
}
