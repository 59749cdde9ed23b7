import type { HttpRequest, PeerInfo } from '../../net';
import type { Random } from '../../sim';
import { canonicalHeaderName, parseUrlEncoded, splitPath } from '../http-text';

/**
 * The two httpbins a sample may run: the original Python one (`kennethreitz/httpbin`, header values as
 * strings) and go-httpbin (`mccutchen/go-httpbin`, what Istio's samples use today: header values as lists).
 */
export type HttpbinFlavor = 'python' | 'go';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Facts about one request that httpbin echoes back. */
export interface EchoedRequest {
  method: string;
  args: [string, string][];
  headers: [string, string][];
  origin: string;
  url: string;
  body: string;
  contentType: string;
}

export function echoRequest(
  request: HttpRequest,
  peer: PeerInfo,
  flavor: HttpbinFlavor,
  random: Random,
): EchoedRequest {
  const { query } = splitPath(request.path);
  const headers: [string, string][] = [['Host', request.authority]];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name !== 'host') headers.push([canonicalHeaderName(name), value]);
  }
  headers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Both trust X-Forwarded-For's first hop; go-httpbin reports the peer with its port.
  const forwarded = request.headers['x-forwarded-for']?.split(',')[0]?.trim();
  const origin =
    forwarded !== undefined && forwarded !== ''
      ? forwarded
      : flavor === 'go'
        ? `${peer.remoteAddress}:${32768 + random.int(28232)}`
        : peer.remoteAddress;
  return {
    method: request.method.toUpperCase(),
    args: parseUrlEncoded(query),
    headers,
    origin,
    url: `http://${request.authority}${request.path}`,
    body: request.body,
    contentType: request.headers['content-type'] ?? '',
  };
}

/** Query args or form fields: Python shows a lone value as a string, go-httpbin always a list. */
export function multiValueMap(pairs: [string, string][], flavor: HttpbinFlavor): { [key: string]: Json } {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of pairs) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  const out: { [key: string]: Json } = {};
  for (const [key, values] of grouped) out[key] = flavor === 'go' || values.length > 1 ? values : (values[0] ?? '');
  return out;
}

export function headersJson(echoed: EchoedRequest, flavor: HttpbinFlavor): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const [name, value] of echoed.headers) {
    const previous = out[name];
    if (flavor === 'go') out[name] = [...((previous as string[] | undefined) ?? []), value];
    else out[name] = previous === undefined ? value : `${String(previous)},${value}`;
  }
  return out;
}

/** The body `/get` (and `/delay`) answers with. */
export function getBody(echoed: EchoedRequest, flavor: HttpbinFlavor): { [key: string]: Json } {
  const args = multiValueMap(echoed.args, flavor);
  const headers = headersJson(echoed, flavor);
  if (flavor === 'go') return { args, headers, method: echoed.method, origin: echoed.origin, url: echoed.url };
  return { args, headers, origin: echoed.origin, url: echoed.url };
}

/** The body `/anything`, `/post`, `/put`… answer with: the request including what it carried. */
export function bodyEcho(echoed: EchoedRequest, flavor: HttpbinFlavor, withMethod: boolean): { [key: string]: Json } {
  const isForm = echoed.contentType.startsWith('application/x-www-form-urlencoded');
  const form = isForm ? multiValueMap(parseUrlEncoded(echoed.body), flavor) : {};
  let json: Json = null;
  if (echoed.contentType.includes('json')) {
    try {
      json = JSON.parse(echoed.body) as Json;
    } catch {
      json = null;
    }
  }
  const data = isForm ? '' : echoed.body;
  const base = getBody(echoed, flavor);
  // go-httpbin always names the method; Python only on /anything.
  if (flavor === 'go') return { ...base, data, files: {}, form, json };
  return { ...base, data, files: {}, form, json, ...(withMethod && { method: echoed.method }) };
}

/** httpbin's JSON: indented two spaces; Python's Flask sorts keys, Go keeps struct order. */
export function formatJson(value: { [key: string]: Json }, flavor: HttpbinFlavor): string {
  return `${JSON.stringify(flavor === 'python' ? sortKeys(value) : value, null, 2)}\n`;
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key] ?? null);
  return out;
}

/** A version 4 UUID from the seeded random source (so `/uuid` replays). */
export function uuid4(random: Random): string {
  const hex = (n: number): string => {
    let out = '';
    for (let i = 0; i < n; i++) out += random.int(16).toString(16);
    return out;
  };
  const variant = (8 + random.int(4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

/**
 * `/status/503`, `/status/500,503` (uniform pick) or `/status/200:0.9,503:0.1` (weighted pick), as both
 * httpbins parse them. Undefined when the list is malformed.
 */
export function pickStatus(spec: string, random: Random): number | undefined {
  const choices: { code: number; weight: number }[] = [];
  for (const part of spec.split(',')) {
    const [codeText = '', weightText] = part.split(':');
    if (!/^\d{3}$/.test(codeText.trim())) return undefined;
    const weight = weightText === undefined ? 1 : Number(weightText);
    if (!Number.isFinite(weight) || weight < 0) return undefined;
    choices.push({ code: Number(codeText.trim()), weight });
  }
  const total = choices.reduce((sum, choice) => sum + choice.weight, 0);
  if (choices.length === 0 || total <= 0) return undefined;
  if (choices.length === 1) return choices[0]!.code;
  let point = random.next() * total;
  for (const choice of choices) {
    point -= choice.weight;
    if (point < 0) return choice.code;
  }
  return choices[choices.length - 1]!.code;
}
