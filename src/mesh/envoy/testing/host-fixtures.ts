/** Test helpers for the upstream modules (host sets, scripted randomness). Imported by tests only. */
import type { Random } from '../../sim';
import { HostSetImpl } from '../upstream/host-set';
import type { HostDescription, UpstreamHost } from '../upstream/host';

/** `10.0.0.1:8080`, `10.0.0.2:8080`, … */
export function endpoints(count: number, port = 8080, firstOctet = 1): HostDescription[] {
  return Array.from({ length: count }, (_, i) => ({ address: `10.0.0.${firstOctet + i}`, port }));
}

export function hostSetOf(count: number): HostSetImpl {
  return new HostSetImpl(endpoints(count));
}

export function hostAt(hostSet: { hosts(): readonly UpstreamHost[] }, index: number): UpstreamHost {
  const host = hostSet.hosts()[index];
  if (!host) throw new Error(`no host at index ${index}`);
  return host;
}

/**
 * A Random that returns the given `int()` results in order (then repeats the last), for tests that must
 * control exactly which hosts are sampled. `next()` maps the same script onto [0, 1).
 */
export class ScriptedRandom implements Random {
  private i = 0;
  constructor(private readonly ints: readonly number[]) {}
  int(maxExclusive: number): number {
    const value = this.ints[Math.min(this.i++, this.ints.length - 1)] ?? 0;
    return value % maxExclusive;
  }
  next(): number {
    return (this.int(1000) % 1000) / 1000;
  }
}

/** Counts picks per host key. */
export function tally(picks: readonly (UpstreamHost | undefined)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const host of picks) {
    const key = host?.key ?? 'none';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
