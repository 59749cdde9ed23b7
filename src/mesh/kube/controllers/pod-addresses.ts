/**
 * Pod IP address management, per node, like the host-local IPAM of a bridge CNI: each node owns a /24 of
 * the pod network (its spec.podCIDR) and hands out addresses in order from .2 (.1 is the node's bridge),
 * reusing released ones only after wrapping around — so IPs are deterministic and rarely reused at once.
 */
import type { Node, Pod } from '../types';

interface NodeRange {
  prefix: string;
  next: number;
  used: Set<number>;
}

export class PodAddresses {
  private readonly ranges = new Map<string, NodeRange>();

  /** The next free address of the node's range, or the CNI's error when every one is taken. */
  allocate(node: Node): { ip: string } | { error: string } {
    const range = this.rangeOf(node);
    for (let tries = 0; tries < 253; tries++) {
      const host = range.next;
      range.next = range.next >= 254 ? 2 : range.next + 1;
      if (range.used.has(host)) continue;
      range.used.add(host);
      return { ip: `${range.prefix}${host}` };
    }
    // host-local IPAM's words, which the kubelet passes on in its FailedCreatePodSandBox event.
    return {
      error: `failed to allocate for range 0: no IP addresses available in range set: ${range.prefix}2-${range.prefix}254`,
    };
  }

  release(pod: Pod): void {
    const ip = pod.status?.podIP;
    const node = pod.spec?.nodeName;
    if (ip === undefined || node === undefined) return;
    const range = this.ranges.get(node);
    if (range === undefined || !ip.startsWith(range.prefix)) return;
    range.used.delete(Number(ip.slice(range.prefix.length)));
  }

  private rangeOf(node: Node): NodeRange {
    let range = this.ranges.get(node.metadata.name);
    if (range === undefined) {
      const cidr = node.spec?.podCIDR ?? '10.244.0.0/24';
      const base = cidr.split('/')[0]!.split('.').slice(0, 3).join('.');
      range = { prefix: `${base}.`, next: 2, used: new Set() };
      this.ranges.set(node.metadata.name, range);
    }
    return range;
  }
}
