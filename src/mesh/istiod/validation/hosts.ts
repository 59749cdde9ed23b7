/** Hosts of Gateway servers and Sidecar egress listeners: `[namespace/]dnsName`, FQDNs or `*`, no partial wildcards. */
import { isDns1123Label, validateWildcardDomain } from './checks';

function partialWildcard(host: string): string | undefined {
  return host.includes('*') && host.length !== 1 && !host.startsWith('*.')
    ? `partial wildcard ${JSON.stringify(host)} not allowed`
    : undefined;
}

function hostnamePartErrors(hostname: string, gateway: boolean): string[] {
  const errors: string[] = [];
  if (hostname !== '*' && !hostname.includes('.')) errors.push('short names (non FQDN) are not allowed');
  const invalid = validateWildcardDomain(hostname);
  if (invalid !== undefined) {
    if (!gateway) errors.push(invalid);
    if (!isIpAddress(hostname)) errors.push(invalid);
  }
  const partial = partialWildcard(hostname);
  if (partial !== undefined) errors.push(partial);
  return errors;
}

export function isIpAddress(host: string): boolean {
  return /^(\d{1,3}\.){3}\d{1,3}$/.test(host) || (host.includes(':') && /^[0-9a-fA-F:.]+$/.test(host));
}

/** A Gateway server's host: `dnsName` (the old form) or `namespace/dnsName`, namespace `*`, `.` or a label. */
export function validateGatewayHost(host: string): string[] {
  const slash = host.indexOf('/');
  if (slash < 0) return hostnamePartErrors(host, true);
  const namespace = host.slice(0, slash);
  const name = host.slice(slash + 1);
  const errors: string[] = [];
  if (namespace === '' || name === '') errors.push('config namespace and dnsName in host entry cannot be empty');
  if (namespace !== '*' && namespace !== '.' && !isDns1123Label(namespace))
    errors.push(`invalid namespace value ${JSON.stringify(namespace)} in gateway`);
  errors.push(...hostnamePartErrors(name, true));
  return errors;
}

/** A Sidecar egress host: always `namespace/dnsName`; the namespace may be `~`-prefixed to exclude it. */
export function validateSidecarHost(host: string): string[] {
  const slash = host.indexOf('/');
  if (slash < 0) return ['host must be of form namespace/dnsName'];
  const namespace = host.slice(0, slash);
  const name = host.slice(slash + 1);
  const errors: string[] = [];
  if (namespace === '' || name === '') errors.push('config namespace and dnsName in host entry cannot be empty');
  const ns = namespace.replace(/^~/, '');
  if (ns !== '' && ns !== '*' && ns !== '.' && !isDns1123Label(ns))
    errors.push(`invalid namespace value ${JSON.stringify(namespace)} in sidecar`);
  errors.push(...hostnamePartErrors(name, false));
  return errors;
}
