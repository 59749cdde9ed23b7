/**
 * RING_HASH (Envoy: `RingHashLoadBalancer`; also serves MAGLEV here): consistent hashing. Each host owns
 * `weight × entriesPerWeight` points on a 32-bit ring; a request's hash key maps to the first point at or
 * after its hash, clockwise. The same key keeps going to the same host ("sticky sessions"), and when a host
 * joins or leaves only the keys on its arcs move.
 *
 * The ring holds every host of the set and is rebuilt only when membership changes. An ejected host is
 * skipped by walking clockwise to the next eligible point — the same result as Envoy rebuilding the ring
 * from healthy hosts, because the other hosts' points do not move.
 */
import type { Random } from '../../../sim';
import type { HostSet } from '../host-set';
import type { UpstreamHost } from '../host';
import { hash32 } from './hash';
import { chooseWithHostSelectionRetries, hostsToUse } from './host-selection';
import type { LoadBalancer, LoadBalancerContext, LoadBalancerOptions } from './types';

export const DEFAULT_RING_ENTRIES_PER_WEIGHT = 160;

interface RingEntry {
  readonly hash: number;
  readonly host: UpstreamHost;
}

export class RingHashLoadBalancer implements LoadBalancer {
  private ring: RingEntry[] = [];
  private ringVersion = -1;
  private readonly entriesPerWeight: number;

  constructor(
    private readonly hostSet: HostSet,
    private readonly random: Random,
    private readonly options: LoadBalancerOptions = {},
  ) {
    this.entriesPerWeight = Math.max(1, Math.floor(options.ringEntriesPerWeight ?? DEFAULT_RING_ENTRIES_PER_WEIGHT));
  }

  chooseHost(context: LoadBalancerContext = {}): UpstreamHost | undefined {
    const eligible = new Set(hostsToUse(this.hostSet, this.options.healthyPanicThreshold ?? 0));
    if (eligible.size === 0) return undefined;
    const ring = this.currentRing();
    // No hash key (no hash policy matched): Envoy hashes a random number instead.
    const hash = context.hashKey !== undefined ? hash32(context.hashKey) : this.random.int(0x100000000);
    const start = firstEntryAtOrAfter(ring, hash);
    // Each host-selection retry takes the next distinct eligible host clockwise, so a retry that refuses
    // the previous host still lands somewhere stable for this key.
    return chooseWithHostSelectionRetries(context, (attempt) => nthDistinctHost(ring, start, eligible, attempt));
  }

  private currentRing(): RingEntry[] {
    if (this.ringVersion !== this.hostSet.version) {
      this.ring = buildRing(this.hostSet.hosts(), this.entriesPerWeight);
      this.ringVersion = this.hostSet.version;
    }
    return this.ring;
  }
}

export function buildRing(hosts: readonly UpstreamHost[], entriesPerWeight: number): RingEntry[] {
  const ring: RingEntry[] = [];
  for (const host of hosts) {
    const entries = host.weight * entriesPerWeight;
    for (let i = 0; i < entries; i++) ring.push({ hash: hash32(`${host.key}_${i}`), host });
  }
  // Ties (rare) are broken by host key so the ring does not depend on EDS order.
  ring.sort((a, b) => a.hash - b.hash || (a.host.key < b.host.key ? -1 : a.host.key > b.host.key ? 1 : 0));
  return ring;
}

function firstEntryAtOrAfter(ring: readonly RingEntry[], hash: number): number {
  let lo = 0;
  let hi = ring.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ring[mid]!.hash < hash) lo = mid + 1;
    else hi = mid;
  }
  return lo === ring.length ? 0 : lo;
}

function nthDistinctHost(
  ring: readonly RingEntry[],
  start: number,
  eligible: ReadonlySet<UpstreamHost>,
  n: number,
): UpstreamHost | undefined {
  const seen = new Set<UpstreamHost>();
  for (let step = 0; step < ring.length; step++) {
    const host = ring[(start + step) % ring.length]!.host;
    if (!eligible.has(host) || seen.has(host)) continue;
    if (seen.size === n) return host;
    seen.add(host);
  }
  // Fewer distinct eligible hosts than attempts: go round them again.
  const distinct = [...seen];
  return distinct[n % distinct.length];
}
