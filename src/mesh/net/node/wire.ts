import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { NetError, type Headers, type NetErrorCode } from '../types';

/**
 * Internal headers NodeNet uses to carry what a real kernel or TLS stack would tell the server. They
 * never reach a handler or a client: the receiving side strips them.
 */
export const WIRE = {
  /** Names of the headers the sender really set, so those Node adds (host, date, framing) can be dropped. */
  headerNames: 'x-meshdojo-headers',
  /** The client's simulated address as the server should see it (`127.0.0.1` for loopback). */
  source: 'x-meshdojo-source',
  /** `address:port` the client meant before capture redirected it (SO_ORIGINAL_DST). */
  originalDestination: 'x-meshdojo-original-dst',
  /** The client certificate's identity when the connection is "mutual TLS" (no real TLS is done). */
  tlsIdentity: 'x-meshdojo-tls',
} as const;

const INTERNAL = new Set<string>(Object.values(WIRE));

export function toWire(headers: Headers, internal: Partial<Record<keyof typeof WIRE, string>>): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const names: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (INTERNAL.has(key)) continue;
    out[key] = value;
    names.push(key);
  }
  out[WIRE.headerNames] = names.join(',');
  for (const [field, value] of Object.entries(internal)) {
    if (value !== undefined) out[WIRE[field as keyof typeof WIRE]] = encodeURIComponent(value);
  }
  return out;
}

/** Splits what arrived into the sender's own headers and NodeNet's internal ones. */
export function fromWire(raw: IncomingHttpHeaders): {
  headers: Headers;
  internal: Partial<Record<keyof typeof WIRE, string>>;
} {
  const sent = new Set((single(raw[WIRE.headerNames]) ?? '').split(',').filter((n) => n !== ''));
  const headers: Headers = {};
  for (const name of sent) {
    const value = single(raw[name]);
    if (value !== undefined) headers[name] = value;
  }
  const internal: Partial<Record<keyof typeof WIRE, string>> = {};
  for (const field of Object.keys(WIRE) as (keyof typeof WIRE)[]) {
    const value = single(raw[WIRE[field]]);
    if (value !== undefined && field !== 'headerNames') internal[field] = decodeURIComponent(value);
  }
  return { headers, internal };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export function parseHostPort(text: string | undefined): { address: string; port: number } | undefined {
  if (text === undefined) return undefined;
  const colon = text.lastIndexOf(':');
  const port = Number(text.slice(colon + 1));
  return colon > 0 && Number.isInteger(port) ? { address: text.slice(0, colon), port } : undefined;
}

const KNOWN_CODES = new Set<NetErrorCode>([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EADDRNOTAVAIL',
]);

/** Maps a Node socket error onto the Net vocabulary; anything unexpected reads as a reset. */
export function toNetError(error: unknown): NetError {
  if (error instanceof NetError) return error;
  const code = (error as { code?: string } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new NetError(
    code !== undefined && KNOWN_CODES.has(code as NetErrorCode) ? (code as NetErrorCode) : 'ECONNRESET',
    message,
  );
}
