/**
 * The hosts of one cluster (Envoy: `HostSet` of a `PrioritySet`; we model a single priority, which is all
 * an Istio cluster without locality failover uses). EDS replaces the list atomically; a host that stays
 * (same address:port) keeps its object and therefore its live state: active requests, ejection, counters.
 */
import { HostImpl, hostKey } from './host';
import type { HostDescription, UpstreamHost } from './host';

/** Called after the membership changed, with the hosts that joined and those that left. */
export type MemberUpdateCallback = (added: readonly UpstreamHost[], removed: readonly UpstreamHost[]) => void;

export interface HostSet {
  /** All hosts, in EDS order. The array is replaced (never mutated) on update. */
  hosts(): readonly UpstreamHost[];
  /** Hosts with no health flag, in EDS order (computed on read: health changes without an update). */
  healthyHosts(): readonly UpstreamHost[];
  /** Bumped on every membership change; a load balancer can cache by it (e.g. the hash ring). */
  readonly version: number;
  /** Replaces the hosts atomically; returns what changed. Hosts matched by address:port keep their state. */
  update(descriptions: readonly HostDescription[]): { added: UpstreamHost[]; removed: UpstreamHost[] };
  /** Envoy's `addMemberUpdateCb`; the returned function unsubscribes. */
  addMemberUpdateCb(callback: MemberUpdateCallback): () => void;
}

export class HostSetImpl implements HostSet {
  private current: readonly HostImpl[] = [];
  private readonly callbacks = new Set<MemberUpdateCallback>();
  version = 0;

  constructor(descriptions: readonly HostDescription[] = []) {
    if (descriptions.length > 0) this.update(descriptions);
  }

  hosts(): readonly UpstreamHost[] {
    return this.current;
  }

  healthyHosts(): readonly UpstreamHost[] {
    return this.current.filter((h) => h.healthy());
  }

  update(descriptions: readonly HostDescription[]): { added: UpstreamHost[]; removed: UpstreamHost[] } {
    const previous = new Map(this.current.map((h) => [h.key, h]));
    const next: HostImpl[] = [];
    const seen = new Set<string>();
    const added: UpstreamHost[] = [];
    let weightChanged = false;
    for (const description of descriptions) {
      const key = hostKey(description.address, description.port);
      if (seen.has(key)) continue; // a duplicate endpoint is one host, as in Envoy
      seen.add(key);
      const kept = previous.get(key);
      if (kept) {
        if (kept.updateFrom(description)) weightChanged = true;
        next.push(kept);
      } else {
        const host = new HostImpl(description);
        next.push(host);
        added.push(host);
      }
    }
    const removed: UpstreamHost[] = this.current.filter((h) => !seen.has(h.key));
    const reordered = next.some((h, i) => this.current[i] !== h) || next.length !== this.current.length;
    this.current = next;
    if (added.length > 0 || removed.length > 0 || reordered || weightChanged) {
      this.version++;
      for (const callback of [...this.callbacks]) callback(added, removed);
    }
    return { added, removed };
  }

  addMemberUpdateCb(callback: MemberUpdateCallback): () => void {
    this.callbacks.add(callback);
    return () => {
      this.callbacks.delete(callback);
    };
  }
}
