// Zips for the import tests: real entries of any size made of zeros, built in milliseconds and a few
// kilobytes per gigabyte, so a test proves a huge entry is refused without anyone unpacking it.
import { crc32 } from 'node:zlib';
import { Deflate, deflateSync, strToU8 } from 'fflate';

const MIB = 1024 * 1024;

/** One mebibyte of zeros deflated and flushed to a byte boundary: repeated, it inflates to as many MiB. */
function zeroMebibyte(): Uint8Array {
  const chunks: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => void chunks.push(chunk));
  deflate.push(new Uint8Array(MIB));
  deflate.flush(true);
  return concat(chunks);
}

/** An empty final block (fixed Huffman, end of block): closes a stream of repeated zeroMebibyte()s. */
const LAST_BLOCK = new Uint8Array([0x03, 0x00]);

/** What goes in a test zip: text, or `{ zeros: n }`, n mebibytes of zeros. */
export type TestEntry = string | { readonly zeros: number };

/** A zip (deflated entries) of `entries`; a zeros entry declares its true size. */
export function testZip(entries: Record<string, TestEntry>): Uint8Array {
  const zero = zeroMebibyte();
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, entry] of Object.entries(entries)) {
    const nameBytes = strToU8(name);
    const { data, size, crc } = typeof entry === 'string' ? text(entry) : zeros(entry.zeros, zero);
    const header = (signature: number, length: number) => {
      const bytes = new Uint8Array(length);
      const view = new DataView(bytes.buffer);
      view.setUint32(0, signature, true);
      return { bytes, view };
    };
    const lh = header(0x04034b50, 30);
    lh.view.setUint16(4, 20, true);
    lh.view.setUint16(8, 8, true);
    lh.view.setUint32(14, crc, true);
    lh.view.setUint32(18, data.length, true);
    lh.view.setUint32(22, size, true);
    lh.view.setUint16(26, nameBytes.length, true);
    const ch = header(0x02014b50, 46);
    ch.view.setUint16(4, 20, true);
    ch.view.setUint16(6, 20, true);
    ch.view.setUint16(10, 8, true);
    ch.view.setUint32(16, crc, true);
    ch.view.setUint32(20, data.length, true);
    ch.view.setUint32(24, size, true);
    ch.view.setUint16(28, nameBytes.length, true);
    ch.view.setUint32(42, offset, true);
    local.push(lh.bytes, nameBytes, data);
    central.push(ch.bytes, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = concat(central);
  const end = new Uint8Array(22);
  const view = new DataView(end.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, Object.keys(entries).length, true);
  view.setUint16(10, Object.keys(entries).length, true);
  view.setUint32(12, directory.length, true);
  view.setUint32(16, offset, true);
  return concat([...local, directory, end]);
}

function text(content: string) {
  const raw = strToU8(content);
  return { data: deflateSync(raw), size: raw.length, crc: crc32(raw) };
}

const crcOfZeros = new Map<number, number>();

function zeros(mebibytes: number, zero: Uint8Array) {
  if (!crcOfZeros.has(mebibytes)) {
    const block = new Uint8Array(MIB);
    let crc = 0;
    for (let i = 0; i < mebibytes; i++) crc = crc32(block, crc);
    crcOfZeros.set(mebibytes, crc);
  }
  const data = new Uint8Array(zero.length * mebibytes + LAST_BLOCK.length);
  for (let i = 0; i < mebibytes; i++) data.set(zero, i * zero.length);
  data.set(LAST_BLOCK, zero.length * mebibytes);
  return { data, size: mebibytes * MIB, crc: crcOfZeros.get(mebibytes)! };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) out.set(part, (at += part.length) - part.length);
  return out;
}
