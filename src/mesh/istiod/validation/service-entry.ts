/** ValidateServiceEntry (hosts, ports, resolution) and the egress hosts of ValidateSidecar. */
import { isDns1123Label, parseProtocol, validateFqdn, validatePort, validateWildcardDomain } from './checks';
import { validateSidecarHost } from './hosts';
import { arr, num, obj, str, type Json } from './json';
import { Validation } from './validation';

export function validateServiceEntry(spec: Json): Validation {
  const v = new Validation();
  const hosts = arr(spec.hosts).map(str);
  const resolution = str(spec.resolution) || 'NONE';
  const endpoints = arr(spec.endpoints);
  if (spec.workloadSelector !== undefined && spec.endpoints !== undefined)
    v.error('only one of WorkloadSelector or Endpoints is allowed in Service Entry');
  if (hosts.length === 0) v.error('service entry must have at least one host');
  for (const host of hosts) {
    if (host === '*') v.error(`invalid host ${host}`);
    else v.error(validateWildcardDomain(host));
  }
  const cidr = arr(spec.addresses)
    .map(str)
    .some((a) => a.includes('/'));
  if (cidr && resolution !== 'NONE' && resolution !== 'STATIC')
    v.error('CIDR addresses are allowed only for NONE/STATIC resolution types');
  const names = new Set<string>();
  const numbers = new Set<number>();
  for (const item of arr(spec.ports)) {
    const port = obj(item);
    if (port === undefined) {
      v.error('service entry port may not be null');
      continue;
    }
    const name = str(port.name);
    const number = num(port.number);
    if (names.has(name)) v.error(`service entry port name ${JSON.stringify(name)} already defined`);
    if (numbers.has(number)) v.error(`service entry port ${number} already defined`);
    names.add(name);
    numbers.add(number);
    if (num(port.targetPort) !== 0) v.error(validatePort(num(port.targetPort)));
    if (!isDns1123Label(name)) v.error(`invalid port name: ${name}`);
    const protocol = str(port.protocol);
    if (protocol !== '' && parseProtocol(protocol) === undefined) v.error(`unsupported protocol: ${protocol}`);
    v.error(validatePort(number));
  }
  if (resolution === 'NONE' && endpoints.length > 0)
    v.error('no endpoints should be provided for resolution type none');
  if ((resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') && endpoints.length === 0) {
    for (const host of hosts) {
      const error = validateFqdn(host);
      if (error !== undefined) {
        v.error(
          `hosts must be FQDN or contain only prefix wildcards if no endpoints are provided for resolution mode ${resolution}, ${error}`,
        );
        break;
      }
    }
  }
  return v;
}

export function validateSidecar(spec: Json): Validation {
  const v = new Validation();
  const configured = ['egress', 'ingress', 'outboundTrafficPolicy', 'inboundConnectionPool'].some(
    (f) => spec[f] !== undefined && (!Array.isArray(spec[f]) || arr(spec[f]).length > 0),
  );
  if (!configured) return v.error('sidecar: empty configuration provided');
  for (const item of arr(spec.egress)) {
    const egress = obj(item);
    if (egress === undefined) continue;
    const hosts = arr(egress.hosts).map(str);
    if (hosts.length === 0) v.error('sidecar: egress listener must contain at least one host');
    for (const host of hosts) for (const e of validateSidecarHost(host)) v.error(e);
  }
  return v;
}
