/**
 * Address allocation. Service ClusterIPs come from 10.96.0.0/12 and NodePorts from 30000–32767, as in a
 * default cluster; pod IPs from the node's pod CIDR. Service addresses are derived from a hash of the
 * service's namespace/name (probing past collisions) rather than drawn at random, so a service keeps the
 * same address in every run and whatever order a lab creates things in.
 */
import { fnv32a } from './names';

const SERVICE_CIDR_BASE = ipToNumber('10.96.0.0');
const SERVICE_CIDR_SIZE = 1 << 20; // /12

/** Addresses the cluster reserves: the network, `kubernetes` (.1) and kube-dns (.10). */
const RESERVED = new Set([SERVICE_CIDR_BASE, SERVICE_CIDR_BASE + 1, SERVICE_CIDR_BASE + 10]);

export function ipToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function numberToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export function allocateClusterIp(namespace: string, name: string, used: ReadonlySet<string>): string {
  // Keep to the first /16 of the range: addresses like 10.96.143.27 look like a fresh small cluster's.
  const span = Math.min(SERVICE_CIDR_SIZE, 1 << 16);
  const start = fnv32a(`${namespace}/${name}`) % span;
  for (let i = 0; i < SERVICE_CIDR_SIZE; i++) {
    const candidate = SERVICE_CIDR_BASE + ((start + i) % SERVICE_CIDR_SIZE);
    const octet = candidate % 256;
    if (RESERVED.has(candidate) || octet === 0 || octet === 255) continue;
    const ip = numberToIp(candidate);
    if (!used.has(ip)) return ip;
  }
  throw new Error('allocateClusterIp: the service CIDR is full');
}

const NODE_PORT_MIN = 30000;
const NODE_PORT_COUNT = 2768;

export function allocateNodePort(key: string, used: ReadonlySet<number>): number {
  const start = fnv32a(key) % NODE_PORT_COUNT;
  for (let i = 0; i < NODE_PORT_COUNT; i++) {
    const port = NODE_PORT_MIN + ((start + i) % NODE_PORT_COUNT);
    if (!used.has(port)) return port;
  }
  throw new Error('allocateNodePort: no free node port');
}
