/**
 * Checks shared by several kinds, worded as Istio 1.30's `pkg/config/validation` (and its `agent` package)
 * words them, since the webhook's message is that text.
 */
import { parseIstioDuration } from '../model/duration';
import { Validation } from './validation';
import { obj, type Json } from './json';

const DNS1123_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_PREFIX = /^(\*|(\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;
const LABEL_KEY =
  /^([a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)*\/)?((?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/;
const LABEL_VALUE = /^((?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Istio's labels.IsDNS1123Label: unlike Kubernetes, upper case letters pass. */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

function dnsPreconditions(name: string): string | undefined {
  if (name.length > 255) return `domain name ${JSON.stringify(name)} too long (max 255)`;
  if (name.length === 0) return 'empty domain name not allowed';
  return undefined;
}

function validateDns1123Labels(domain: string): string | undefined {
  const parts = domain.split('.');
  const top = parts[parts.length - 1]!;
  if (/^[+-]?\d+$/.test(top))
    return `domain name ${JSON.stringify(domain)} invalid (top level domain ${JSON.stringify(top)} cannot be all-numeric)`;
  for (const [i, label] of parts.entries()) {
    // A trailing dot (`istio.io.`) is an unambiguous name, not an empty label.
    if (i === parts.length - 1 && label === '') return undefined;
    if (!isDns1123Label(label))
      return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(label)} invalid)`;
  }
  return undefined;
}

/** A host name that may start with a wildcard label (`*.example.com`, `*`). */
export function validateWildcardDomain(domain: string): string | undefined {
  const precondition = dnsPreconditions(domain);
  if (precondition !== undefined) return precondition;
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (first.length > 63 || !WILDCARD_PREFIX.test(first))
    return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(first)} invalid)`;
  return dot < 0 ? undefined : validateDns1123Labels(domain.slice(dot + 1));
}

export function validateFqdn(fqdn: string): string | undefined {
  return dnsPreconditions(fqdn) ?? validateDns1123Labels(fqdn);
}

export function validatePort(port: number): string | undefined {
  return port >= 1 && port <= 65535 ? undefined : `port number ${port} must be in the range 1..65535`;
}

/** agent.ValidateDuration, for a duration as the YAML writes it (`"5s"`, `"100ms"`). */
export function validateDuration(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const ms = parseIstioDuration(text);
  if (ms === undefined) return undefined; // the schema refuses what does not parse
  if (ms < 1) return 'duration must be greater than 1ms';
  if (Math.abs(ms - Math.round(ms)) > 1e-6) return 'only durations to ms precision are supported';
  return undefined;
}

/** An integer percentage (`maxEjectionPercent`, `minHealthPercent`). */
export function validatePercent(value: number): string | undefined {
  return value < 0 || value > 100 ? `percentage ${value} is not in range 0..100` : undefined;
}

/** A `Percent` message (`{value: 12.5}`): 0, or within [0.0001, 100]. */
export function validatePercentage(percentage: unknown): string | undefined {
  const value = obj(percentage)?.value;
  if (typeof value !== 'number') return undefined;
  if (value < 0 || value > 100 || (value > 0 && value < 0.0001))
    return `percentage ${value} is neither 0.0, nor in range [0.0001, 100.0]`;
  return undefined;
}

/** Go's `%f`: six decimals. */
export function goFixed(value: number): string {
  return value.toFixed(6);
}

/** labels.Instance.Validate: Kubernetes label keys and values, in the map's order. */
export function validateLabels(labels: unknown): string[] {
  const errors: string[] = [];
  for (const [key, value] of Object.entries(obj(labels) ?? {})) {
    const match = LABEL_KEY.exec(key);
    if (match === null) errors.push(`invalid tag key: ${JSON.stringify(key)}`);
    else if ((match[1]?.length ?? 0) > 254) errors.push(`invalid tag key: ${JSON.stringify(key)} (prefix is too long)`);
    else if ((match[2]?.length ?? 0) > 63) errors.push(`invalid tag key: ${JSON.stringify(key)} (name is too long)`);
    const text = typeof value === 'string' ? value : '';
    if (!LABEL_VALUE.test(text)) errors.push(`invalid tag value: ${JSON.stringify(text)}`);
  }
  return errors;
}

/** A policy's `selector.matchLabels`: no empty keys, no wildcards; an empty selector only warns. */
export function validateWorkloadSelector(selector: unknown): Validation {
  const v = new Validation();
  const spec = obj(selector);
  if (spec === undefined) return v;
  const labels = obj(spec.matchLabels) ?? {};
  for (const [key, value] of Object.entries(labels)) {
    const pair = JSON.stringify(`${key}=${String(value)}`);
    if (key === '') v.error(`empty key is not supported in selector: ${pair}`);
    if (key.includes('*') || String(value).includes('*')) v.error(`wildcard is not supported in selector: ${pair}`);
  }
  if (Object.keys(labels).length === 0) v.warn('workload selector specified without labels');
  return v;
}

/** `selector`, `targetRef` and `targetRefs` exclude one another. */
export function validateOneOfSelectorType(spec: Json): string | undefined {
  const set = [
    spec.selector !== undefined,
    spec.targetRef !== undefined,
    (spec.targetRefs as unknown[] | undefined)?.length,
  ].filter(Boolean).length;
  return set > 1 ? 'only one of targetRefs or workloadSelector can be set' : undefined;
}

export type Protocol =
  'HTTP' | 'HTTP2' | 'HTTP_PROXY' | 'GRPC' | 'GRPC-Web' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP' | 'Mongo' | 'Redis' | 'MySQL';

const PROTOCOLS: Record<string, Protocol> = {
  tcp: 'TCP',
  udp: 'UDP',
  grpc: 'GRPC',
  'grpc-web': 'GRPC-Web',
  http: 'HTTP',
  http_proxy: 'HTTP_PROXY',
  http2: 'HTTP2',
  https: 'HTTPS',
  tls: 'TLS',
  mongo: 'Mongo',
  redis: 'Redis',
  mysql: 'MySQL',
};

/** protocol.Parse: case-insensitive; undefined is Istio's `UnsupportedProtocol`. */
export function parseProtocol(name: string): Protocol | undefined {
  return PROTOCOLS[name.toLowerCase()];
}

export function isHttpProtocol(p: Protocol | undefined): boolean {
  return p === 'HTTP' || p === 'HTTP2' || p === 'HTTP_PROXY' || p === 'GRPC' || p === 'GRPC-Web';
}

export function isTlsProtocol(p: Protocol | undefined): boolean {
  return p === 'HTTPS' || p === 'TLS';
}
