/** Host names as Istio treats them (pkg/config/host): short-name resolution and wildcard matching. */

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Istio's ResolveShortnameToFQDN: a name without a dot is a Kubernetes short name and gets
 * `.<namespace>.svc.<domain>`; anything with a dot is taken as written (so `reviews.default` stays as it
 * is and matches no Service — a classic mistake `istioctl analyze` reports). `*` and IPs stay as they are.
 */
export function resolveShortname(hostname: string, namespace: string, domainSuffix: string): string {
  if (hostname === '' || hostname === '*' || IPV4.test(hostname) || hostname.includes('.')) return hostname;
  return `${hostname}.${namespace}.svc.${domainSuffix}`;
}

export function isWildcard(hostname: string): boolean {
  return hostname.startsWith('*');
}

/**
 * Whether `pattern` (possibly `*` or `*.suffix`) covers the concrete or wildcard host `hostname`
 * (host.Name.Matches in Istio: `*.example.com` covers `a.example.com` and `*.b.example.com`).
 */
export function hostMatches(pattern: string, hostname: string): boolean {
  if (pattern === '*') return true;
  if (pattern === hostname) return true;
  if (!isWildcard(pattern)) return false;
  const suffix = pattern.slice(1);
  if (isWildcard(hostname)) return hostname.slice(1).endsWith(suffix);
  return hostname.endsWith(suffix);
}

/** Two host patterns overlap when either covers the other (gateway server hosts vs VirtualService hosts). */
export function hostsIntersect(a: string, b: string): boolean {
  return hostMatches(a, b) || hostMatches(b, a);
}

/** The more specific of two matching patterns sorts first: exact names, then longer wildcards. */
export function compareSpecificity(a: string, b: string): number {
  const wa = isWildcard(a);
  const wb = isWildcard(b);
  if (wa !== wb) return wa ? 1 : -1;
  return b.length - a.length;
}
