/** The little DER the EC key formats need (SPKI and PKCS#8 around a curve point); RSA's come from node-forge. */

function length(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = content.flatMap((part) => [...part]);
  return Uint8Array.from([tag, ...length(body.length), ...body]);
}

export const sequence = (...content: Uint8Array[]) => tlv(0x30, ...content);
export const octetString = (content: Uint8Array) => tlv(0x04, content);
/** A BIT STRING of whole bytes (no unused bits). */
export const bitString = (content: Uint8Array) => tlv(0x03, Uint8Array.of(0), content);
export const integer = (value: number) => tlv(0x02, Uint8Array.of(value));

export function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}
