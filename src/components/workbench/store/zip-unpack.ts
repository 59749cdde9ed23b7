import { strFromU8, unzipSync } from 'fflate';
import { LAB_MARKER_PATH as META, readLabMarker } from '../../../runtime/lab-folder';
import { ZIP_LIMITS, ZipRefused, type ZipRefusal } from './zip-refusal';

interface DeclaredEntry {
  readonly name: string;
  /** The larger of the compressed and the uncompressed size: either may be the lie. */
  readonly bytes: number;
}

/**
 * The lab's files in a zip made by exportZip (or by hand): the lab folder prefix is optional; only `known`
 * paths are unpacked, and `.meshdojo/lab.json`, whose lab must be this one. Refuses the whole zip (ZipRefused)
 * when its directory declares more than ZIP_LIMITS allow, before unpacking anything. Unpacking only fills
 * buffers of the declared sizes, so an entry that holds more than it declares cannot take more memory; the
 * time it may take is the caller's to bound (the page runs this in a Worker with a watchdog).
 */
export function unpackLabZip(bytes: Uint8Array, labId: string, known: readonly string[]): Record<string, string> {
  if (bytes.length > ZIP_LIMITS.zipBytes)
    refuse({ reason: 'zip-too-large', bytes: bytes.length, limit: ZIP_LIMITS.zipBytes });
  const declared = readDirectory(bytes);
  judge(declared);
  const wanted = new Set([META, ...known]);
  const takes = (name: string) => [...wanted].some((path) => name === path || name.endsWith(`/${path}`));
  const entries = Object.entries(unzip(bytes, ({ name }) => takes(name)));
  // Our zips keep everything under one folder holding .meshdojo/lab.json; a hand-made one may use the lab's id.
  const metaName = entries.map(([name]) => name).find((name) => name === META || name.endsWith(`/${META}`));
  const prefix = metaName !== undefined ? metaName.slice(0, -META.length) : `${labId}/`;
  if (metaName !== undefined) {
    const marker = readLabMarker(strFromU8(entries.find(([name]) => name === metaName)![1]));
    if (marker.ok && marker.lab !== labId) refuse({ reason: 'other-lab', lab: marker.lab });
  }
  const files: Record<string, string> = {};
  for (const [name, data] of entries) {
    const path = name.startsWith(prefix) ? name.slice(prefix.length) : name;
    if (known.includes(path)) files[path] = strFromU8(data);
  }
  return files;
}

/** Every entry's name and declared size, from the zip's central directory: nothing is inflated. */
function readDirectory(bytes: Uint8Array): DeclaredEntry[] {
  const declared: DeclaredEntry[] = [];
  unzip(bytes, ({ name, size, originalSize }) => {
    declared.push({ name, bytes: Math.max(size, originalSize) });
    return false;
  });
  return declared;
}

function judge(declared: readonly DeclaredEntry[]): void {
  if (declared.length > ZIP_LIMITS.entries)
    refuse({ reason: 'too-many-entries', count: declared.length, limit: ZIP_LIMITS.entries });
  const largest = declared.reduce<DeclaredEntry | undefined>(
    (max, e) => (max && max.bytes >= e.bytes ? max : e),
    undefined,
  );
  if (largest && largest.bytes > ZIP_LIMITS.entryBytes)
    refuse({ reason: 'entry-too-large', name: largest.name, bytes: largest.bytes, limit: ZIP_LIMITS.entryBytes });
  const total = declared.reduce((sum, entry) => sum + entry.bytes, 0);
  if (total > ZIP_LIMITS.totalBytes) refuse({ reason: 'total-too-large', bytes: total, limit: ZIP_LIMITS.totalBytes });
}

function unzip(bytes: Uint8Array, filter: (entry: { name: string; size: number; originalSize: number }) => boolean) {
  try {
    return unzipSync(bytes, { filter });
  } catch (error) {
    if (error instanceof ZipRefused) throw error;
    return refuse({ reason: 'unreadable', error: error instanceof Error ? error.message : String(error) });
  }
}

function refuse(refusal: ZipRefusal): never {
  throw new ZipRefused(refusal);
}
