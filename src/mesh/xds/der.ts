/**
 * DER (ITU-T X.690), as much as a workload certificate needs: istiod's CA writes one per proxy and every proxy
 * reads its own and its peers'. @peculiar's ASN.1 schemas do both for any structure, through decorators and
 * reflection; for these fixed shapes that generality was ~100 ms of a lab's boot in a Worker that has just
 * started (npm run bench). Anything else goes through @peculiar (certificate-authority.ts, certificate.ts).
 */

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** A context-specific tag: `[n]` constructed (EXPLICIT, or IMPLICIT over a constructed type) or primitive. */
export const contextTag = (n: number, constructed: boolean): number => 0x80 | (constructed ? 0x20 : 0) | n;

/** One TLV: `tag`, the length of `contents` together, then `contents`. */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const length = contents.reduce((sum, part) => sum + part.length, 0);
  const header = lengthOctets(length);
  const out = new Uint8Array(1 + header.length + length);
  out[0] = tag;
  out.set(header, 1);
  let at = 1 + header.length;
  for (const part of contents) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function lengthOctets(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

/** A non-negative INTEGER from its big-endian magnitude: leading zeros dropped, a zero added before a high bit. */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array<ArrayBuffer> {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const digits = magnitude.subarray(start);
  return (digits[0] ?? 0) > 0x7f ? tlv(TAG.integer, Uint8Array.of(0), digits) : tlv(TAG.integer, digits);
}

/** UTCTime through 2049, GeneralizedTime after (RFC 5280 4.1.2.5), to the second. */
export function time(date: Date): Uint8Array {
  const iso = date.toISOString(); // 2026-01-01T00:00:00.000Z
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return date.getUTCFullYear() < 2050
    ? tlv(TAG.utcTime, ascii(digits.slice(2)))
    : tlv(TAG.generalizedTime, ascii(digits));
}

export const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** One element read from DER: its tag and its contents (a view into the input). */
export interface DerElement {
  readonly tag: number;
  readonly contents: Uint8Array;
}

/** The elements one after another in `bytes` (a SEQUENCE's contents, or a whole document); throws on bad DER. */
export function elements(bytes: Uint8Array): DerElement[] {
  const out: DerElement[] = [];
  let at = 0;
  while (at < bytes.length) {
    const tag = bytes[at++]!;
    if ((tag & 0x1f) === 0x1f) throw new Error('DER: multi-byte tags are not read here');
    let length = bytes[at++];
    if (length === undefined) throw new Error('DER: truncated');
    if (length > 0x80) {
      const count = length & 0x7f;
      if (count > 4) throw new Error('DER: length too long');
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + (bytes[at++] ?? Number.NaN);
    } else if (length === 0x80) throw new Error('DER: indefinite length');
    if (!(at + length <= bytes.length)) throw new Error('DER: truncated');
    out.push({ tag, contents: bytes.subarray(at, at + length) });
    at += length;
  }
  return out;
}

/** The dotted form of an OBJECT IDENTIFIER's contents (`2.5.29.17`). */
export function oidText(contents: Uint8Array): string {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of contents) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

/** A UTCTime's or GeneralizedTime's contents in the `…Z` form DER requires, as a Date; undefined for others. */
export function readTime(element: DerElement): Date | undefined {
  const text = String.fromCharCode(...element.contents);
  const match =
    element.tag === TAG.utcTime
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : element.tag === TAG.generalizedTime
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
        : null;
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const year = element.tag === TAG.utcTime ? (y! < 50 ? 2000 + y! : 1900 + y!) : y!;
  // eslint-disable-next-line no-restricted-globals -- a date a certificate states, not the time now
  return new Date(Date.UTC(year, mo! - 1, d!, h!, mi!, s!));
}

export const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
