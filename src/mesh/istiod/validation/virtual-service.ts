/** ValidateVirtualService: hosts, the routes of each protocol, and the warnings for rules nothing reaches. */
import { validateWildcardDomain } from './checks';
import { isIpAddress } from './hosts';
import { validateHttpRoute, routeDestinationErrors } from './http-route';
import { arr, obj, str, type Json } from './json';
import { Validation } from './validation';

export function validateVirtualService(spec: Json): Validation {
  const v = new Validation();
  const hosts = arr(spec.hosts).map(str);
  const gateways = arr(spec.gateways).map(str);
  const http = arr(spec.http);
  const tcp = arr(spec.tcp);
  const tls = arr(spec.tls);
  if (hosts.length === 0) {
    if (gateways.length > 0) v.error('delegate virtual service must have no gateways specified');
    if (tls.length > 0) v.error('delegate virtual service must have no tls route specified');
    if (tcp.length > 0) v.error('delegate virtual service must have no tcp route specified');
  }
  // Bound to gateways only (no `mesh` among them): `*` is a fine host there, not for sidecars.
  const appliesToMesh = gateways.length === 0 || gateways.includes('mesh');
  let allHostsValid = true;
  for (const host of hosts) {
    const error = validateWildcardDomain(host);
    if (error !== undefined) {
      if (!isIpAddress(host)) {
        v.error(error);
        allHostsValid = false;
      }
    } else if (appliesToMesh && host === '*') {
      v.error('wildcard host * is not allowed for virtual services bound to the mesh gateway');
      allHostsValid = false;
    }
  }
  if (allHostsValid) {
    for (let i = 0; i < hosts.length; i++)
      for (let j = i + 1; j < hosts.length; j++)
        if (hostsMatch(hosts[i]!, hosts[j]!)) v.error(`duplicate hosts in virtual service: ${hosts[i]} & ${hosts[j]}`);
  }
  if (http.length === 0 && tcp.length === 0 && tls.length === 0)
    v.error('http, tcp or tls must be provided in virtual service');
  for (const route of http) {
    const r = obj(route);
    if (r === undefined) v.error('http route may not be null');
    else v.add(validateHttpRoute(r, hosts.length === 0));
  }
  for (const route of [...tls, ...tcp]) {
    for (const e of routeDestinationErrors(arr(obj(route)?.route))) v.error(e);
  }
  warnUnreachableHttpRules(http, v);
  return v;
}

/** host.Name.Matches: equal names, or a wildcard that covers the other. */
function hostsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const covers = (wild: string, name: string): boolean =>
    wild.startsWith('*') && (wild === '*' || name.endsWith(wild.slice(1)));
  return covers(a, b) || covers(b, a);
}

/**
 * analyzeUnreachableHTTPRules, without the prefix-overlap part: a rule after a catch-all, or whose every match
 * an earlier rule already has, is reported — as a warning, the object is still accepted.
 */
function warnUnreachableHttpRules(routes: unknown[], v: Validation): void {
  const seen = new Map<string, number>();
  let catchAll = -1;
  routes.forEach((item, index) => {
    const route = obj(item);
    if (route === undefined) return;
    const name = route.name === undefined || route.name === '' ? `#${index}` : JSON.stringify(str(route.name));
    const matches = arr(route.match);
    if (matches.length === 0) {
      if (catchAll >= 0) v.warn(`virtualService rule ${name} not used (only the last rule can have no matches)`);
      catchAll = index;
      return;
    }
    let duplicates = 0;
    matches.forEach((match, matchIndex) => {
      if (catchAll >= 0) {
        v.warn(`virtualService rule ${name} not used (route without matches defined before)`);
        return;
      }
      const key = canonical(match);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        const m = obj(match);
        const matchName = m?.name === undefined || m.name === '' ? `#${matchIndex}` : JSON.stringify(str(m.name));
        const earlierRoute = obj(routes[earlier]);
        const earlierName =
          earlierRoute?.name === undefined || earlierRoute.name === ''
            ? `#${earlier}`
            : JSON.stringify(str(earlierRoute.name));
        v.warn(
          `virtualService rule ${name} match ${matchName} is not used (duplicate/overlapping match in rule ${earlierName})`,
        );
        duplicates++;
        return;
      }
      seen.set(key, index);
    });
    if (duplicates === matches.length) v.warn(`virtualService rule ${name} not used (all matches used by prior rules)`);
  });
}

/** The match as JSON with sorted keys, so two equal matches written in another order compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const o = obj(value);
  if (o === undefined) return JSON.stringify(value) ?? 'null';
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}
