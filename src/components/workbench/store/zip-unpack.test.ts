import { describe, expect, it, vi } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { exportZip } from './zip';
import { importZipFile } from './zip-import';
import { refusalMessage } from './zip-messages';
import { ZIP_LIMITS, ZipRefused, type ZipRefusal } from './zip-refusal';
import { unpackLabZip } from './zip-unpack';
import { testZip } from './testing/zip-bomb';
import type { LabStrings } from '../strings';
import en from '../../../i18n/en.json';
import ko from '../../../i18n/ko.json';

const LAB = 'request-routing';
const KNOWN = ['virtual-services.yaml'];
const MARKER = '{"lab":"request-routing","version":1}';

function refusalOf(run: () => unknown): ZipRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof ZipRefused) return error.refusal;
    throw error;
  }
  throw new Error('the zip was not refused');
}

/** How long `run` took and how much memory outside the JS heap (array buffers) it held on to. */
function measure(run: () => unknown) {
  const before = process.memoryUsage().arrayBuffers;
  const start = performance.now();
  const refusal = refusalOf(run);
  return { refusal, ms: performance.now() - start, grew: process.memoryUsage().arrayBuffers - before };
}

describe('importing a lab zip', () => {
  it('takes the lab’s files from an exported zip, a full journal beside them', async () => {
    const journal = [{ at: 0, write: { 'notes.txt': 'x'.repeat(1_990_000) } }];
    const blob = exportZip(LAB, { 'virtual-services.yaml': 'kind: VirtualService\n' }, journal);
    const files = unpackLabZip(new Uint8Array(await blob.arrayBuffer()), LAB, KNOWN);
    expect(files).toEqual({ 'virtual-services.yaml': 'kind: VirtualService\n' });
  });

  it('takes a hand-made zip with or without the lab folder, and nothing it does not know', () => {
    const bare = zipSync({ 'virtual-services.yaml': strToU8('a: 1\n'), 'evil.sh': strToU8('rm -rf /') });
    expect(unpackLabZip(bare, LAB, KNOWN)).toEqual({ 'virtual-services.yaml': 'a: 1\n' });
    const folder = zipSync({ [`${LAB}/virtual-services.yaml`]: strToU8('a: 2\n') });
    expect(unpackLabZip(folder, LAB, KNOWN)).toEqual({ 'virtual-services.yaml': 'a: 2\n' });
  });

  it('refuses a zip made for another lab', () => {
    const other = zipSync({
      'circuit-breaker/.meshdojo/lab.json': strToU8('{"lab":"circuit-breaker","version":1}'),
      'circuit-breaker/virtual-services.yaml': strToU8('kind: Oops\n'),
    });
    expect(refusalOf(() => unpackLabZip(other, LAB, KNOWN))).toEqual({ reason: 'other-lab', lab: 'circuit-breaker' });
  });

  it('refuses a 1 GiB entry under a name it would not even take, by its declared size, in well under a second', () => {
    const zip = testZip({ [`${LAB}/.meshdojo/lab.json`]: MARKER, [`${LAB}/film.bin`]: { zeros: 1024 } });
    expect(zip.length).toBeLessThan(1_100_000);
    const { refusal, ms, grew } = measure(() => unpackLabZip(zip, LAB, KNOWN));
    expect(refusal).toEqual({
      reason: 'entry-too-large',
      name: `${LAB}/film.bin`,
      bytes: 1024 ** 3,
      limit: 2 * 1024 ** 2,
    });
    expect(ms).toBeLessThan(250);
    expect(grew).toBeLessThan(50 * 1024 ** 2);
  });

  it('refuses four 1 GiB entries, one named as a lab file, likewise', () => {
    const zip = testZip({
      [`${LAB}/virtual-services.yaml`]: { zeros: 1024 },
      a: { zeros: 1024 },
      b: { zeros: 1024 },
      c: { zeros: 1024 },
    });
    const { refusal, ms, grew } = measure(() => unpackLabZip(zip, LAB, KNOWN));
    expect(refusal.reason).toBe('entry-too-large');
    expect(ms).toBeLessThan(250);
    expect(grew).toBeLessThan(50 * 1024 ** 2);
  });

  it('refuses entries that each fit but together exceed the total, and too many entries', () => {
    const three = testZip({ a: { zeros: 2 }, b: { zeros: 2 }, [`${LAB}/virtual-services.yaml`]: { zeros: 2 } });
    expect(refusalOf(() => unpackLabZip(three, LAB, KNOWN))).toEqual({
      reason: 'total-too-large',
      bytes: 6 * 1024 ** 2,
      limit: ZIP_LIMITS.totalBytes,
    });
    const many = zipSync(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}`, strToU8('')])));
    expect(refusalOf(() => unpackLabZip(many, LAB, KNOWN))).toEqual({
      reason: 'too-many-entries',
      count: 1001,
      limit: 1000,
    });
  });

  it('an entry holding more than it declares gets no more room than it declared', () => {
    const zip = testZip({ [`${LAB}/virtual-services.yaml`]: { zeros: 16 } });
    // The central directory's uncompressed size (offset 24 of its header) now says 100 bytes.
    const view = new DataView(zip.buffer);
    const directory = view.getUint32(zip.length - 6, true);
    view.setUint32(directory + 24, 100, true);
    // fflate writes into a buffer of the declared size: the first block past it ends the unpacking.
    const { refusal, grew } = measure(() => unpackLabZip(zip, LAB, KNOWN));
    expect(refusal.reason).toBe('unreadable');
    expect(grew).toBeLessThan(50 * 1024 ** 2);
  });

  it('refuses a file that is not a zip, and one larger than a lab zip can be before reading it', async () => {
    expect(refusalOf(() => unpackLabZip(strToU8('not a zip'), LAB, KNOWN)).reason).toBe('unreadable');
    const arrayBuffer = vi.fn();
    const huge = { size: 4 * 1024 ** 3, arrayBuffer } as unknown as Blob;
    await expect(importZipFile(huge, LAB, KNOWN)).rejects.toEqual(
      new ZipRefused({ reason: 'zip-too-large', bytes: 4 * 1024 ** 3, limit: ZIP_LIMITS.zipBytes }),
    );
    expect(arrayBuffer).not.toHaveBeenCalled();
  });

  it('says why in both languages', () => {
    const refusal: ZipRefusal = { reason: 'entry-too-large', name: 'film.bin', bytes: 1024 ** 3, limit: 2 * 1024 ** 2 };
    expect(refusalMessage(refusal, en as LabStrings, 'en')).toBe(
      'Nothing was imported: “film.bin” in the zip unpacks to 1 GB, more than the 2 MB one file of a lab may hold.',
    );
    expect(refusalMessage(refusal, ko as LabStrings, 'ko')).toBe(
      '아무것도 가져오지 않았습니다: zip 안의 “film.bin”을(를) 풀면 1GB로, 실습 파일 하나가 넘을 수 없는 2MB보다 큽니다.',
    );
  });
});
