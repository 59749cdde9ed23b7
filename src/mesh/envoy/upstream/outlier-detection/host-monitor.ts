/**
 * The default per-host monitor (Envoy: `DetectorHostMonitorImpl`, without local/external split). It only
 * counts; when a counter reaches its threshold it tells the detector, which decides.
 */
import type { UpstreamHost } from '../host';
import { is5xx, isGatewayError, resultToHttpCode } from './ejection-math';
import type { HostMonitor, OutlierResult } from './outlier-result';
import { OutlierEjectionType } from './types';

/** What a monitor needs from its detector. */
export interface ConsecutiveErrorCallbacks {
  /** The thresholds in force (read at each result, so a config change applies at once). */
  thresholds(): { consecutive5xx: number; consecutiveGatewayFailure: number };
  onConsecutiveError(host: UpstreamHost, type: OutlierEjectionType): void;
}

export class HostMonitorImpl implements HostMonitor {
  private consecutive5xx = 0;
  private consecutiveGatewayFailure = 0;
  private detached = false;

  constructor(
    private readonly host: UpstreamHost,
    private readonly detector: ConsecutiveErrorCallbacks,
  ) {}

  putHttpResponseCode(code: number): void {
    if (this.detached) return; // host left the cluster, or the detector is gone; late results are dropped
    if (!is5xx(code)) {
      this.consecutive5xx = 0;
      this.consecutiveGatewayFailure = 0;
      return;
    }
    const { consecutive5xx, consecutiveGatewayFailure } = this.detector.thresholds();
    // Gateway errors are checked first, as in Envoy: if both trip on the same response, the host is ejected
    // as CONSECUTIVE_GATEWAY_FAILURE and the 5xx detection then finds it already ejected.
    if (isGatewayError(code)) {
      // `===`, not `>=`: a detection fires once per run of errors, like Envoy's `++count == threshold`.
      if (++this.consecutiveGatewayFailure === consecutiveGatewayFailure) {
        this.detector.onConsecutiveError(this.host, OutlierEjectionType.CONSECUTIVE_GATEWAY_FAILURE);
      }
    } else {
      this.consecutiveGatewayFailure = 0;
    }
    if (++this.consecutive5xx === consecutive5xx) {
      this.detector.onConsecutiveError(this.host, OutlierEjectionType.CONSECUTIVE_5XX);
    }
  }

  putResult(result: OutlierResult): void {
    this.putHttpResponseCode(resultToHttpCode(result));
  }

  resetConsecutive5xx(): void {
    this.consecutive5xx = 0;
  }

  resetConsecutiveGatewayFailure(): void {
    this.consecutiveGatewayFailure = 0;
  }

  detach(): void {
    this.detached = true;
  }

  /** For /clusters-like views and tests. */
  counters(): { consecutive5xx: number; consecutiveGatewayFailure: number } {
    return { consecutive5xx: this.consecutive5xx, consecutiveGatewayFailure: this.consecutiveGatewayFailure };
  }
}
