function ipv4ToInt(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    const v = Number(p);
    if (!Number.isInteger(v) || v < 0 || v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

/**
 * Envoy's CidrRange test, for filter chain matches and RBAC's remote_ip: whether `address` lies in
 * `prefix/prefixLen` (IPv4; anything else must equal the prefix).
 */
export function cidrContains(prefix: string, prefixLen: number | undefined, address: string): boolean {
  const a = ipv4ToInt(address);
  const p = ipv4ToInt(prefix);
  if (a === undefined || p === undefined) return address === prefix;
  const len = prefixLen ?? 32;
  if (len === 0) return true;
  const shift = 32 - len;
  return Math.floor(a / 2 ** shift) === Math.floor(p / 2 ** shift);
}
