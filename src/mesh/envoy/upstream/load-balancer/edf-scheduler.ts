/**
 * Earliest-deadline-first scheduling of weighted hosts (Envoy: `EdfScheduler`): each host is due again
 * 1/weight after its last pick, so over time each gets picks in proportion to its weight, interleaved
 * smoothly. The weight may change between picks (LEAST_REQUEST uses weight / (active + 1)).
 */
import type { UpstreamHost } from '../host';

export class EdfScheduler {
  private currentTime = 0;
  // WeakMap: hosts that leave the cluster drop out without bookkeeping.
  private deadlines = new WeakMap<UpstreamHost, number>();

  pick(hosts: readonly UpstreamHost[], weightOf: (host: UpstreamHost) => number): UpstreamHost | undefined {
    let best: UpstreamHost | undefined;
    let bestDeadline = Infinity;
    for (const host of hosts) {
      let deadline = this.deadlines.get(host);
      if (deadline === undefined) {
        deadline = this.currentTime + 1 / weightOf(host);
        this.deadlines.set(host, deadline);
      } else if (deadline < this.currentTime) {
        // A host back from ejection must not catch up on every pick it missed.
        deadline = this.currentTime;
        this.deadlines.set(host, deadline);
      }
      if (deadline < bestDeadline) {
        best = host;
        bestDeadline = deadline;
      }
    }
    if (best === undefined) return undefined;
    this.currentTime = bestDeadline;
    this.deadlines.set(best, bestDeadline + 1 / weightOf(best));
    return best;
  }

  reset(): void {
    this.currentTime = 0;
    this.deadlines = new WeakMap();
  }
}
