/**
 * Cluster DNS as a pod's resolver sees it: fully qualified records plus per-host search domains, with
 * Kubernetes' `ndots:5` rule (a name with fewer than five dots tries the search domains first).
 * Shared by SimNet and NodeNet so both resolve names identically.
 */
export class DnsTable {
  private readonly records = new Map<string, string>();
  private readonly searchDomains = new Map<string, readonly string[]>();

  setRecord(name: string, address: string | undefined): void {
    const key = normalize(name);
    if (address === undefined) this.records.delete(key);
    else this.records.set(key, address);
  }

  setSearchDomains(hostAddress: string, domains: readonly string[]): void {
    this.searchDomains.set(hostAddress, domains.map(normalize));
  }

  /** Looks `name` up as the resolver on `fromAddress` would; undefined when nothing matches. */
  lookup(fromAddress: string, name: string): string | undefined {
    const absolute = name.endsWith('.');
    const bare = normalize(name);
    if (absolute) return this.records.get(bare);
    const domains = this.searchDomains.get(fromAddress) ?? [];
    const candidates = domains.map((domain) => `${bare}.${domain}`);
    if (countDots(bare) >= NDOTS) candidates.unshift(bare);
    else candidates.push(bare);
    for (const candidate of candidates) {
      const address = this.records.get(candidate);
      if (address !== undefined) return address;
    }
    return undefined;
  }
}

/** Kubernetes writes `options ndots:5` into every pod's resolv.conf. */
const NDOTS = 5;

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function countDots(name: string): number {
  let dots = 0;
  for (const ch of name) if (ch === '.') dots++;
  return dots;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

/** Names that mean "this host" on any host: iptables capture never touches them. */
export function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name.startsWith('127.');
}
