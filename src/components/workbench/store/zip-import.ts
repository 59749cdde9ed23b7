import { ZIP_LIMITS, ZipRefused, type ZipRefusal } from './zip-refusal';

export interface UnpackRequest {
  bytes: ArrayBuffer;
  labId: string;
  known: string[];
}
export type UnpackReply = { ok: true; files: Record<string, string> } | { ok: false; refusal: ZipRefusal };

/**
 * A zip within ZIP_LIMITS unpacks in milliseconds; past this one holds more than its directory declares, and
 * its Worker is stopped.
 */
export const UNPACK_TIME_LIMIT_MS = 5_000;

/**
 * The lab's files in a zip the learner chose, unpacked in a Worker of its own so the page never waits on it:
 * a file larger than a lab's zip can be is refused before it is read, the rest as `unpackLabZip` judges it
 * (ZipRefused says why), and a Worker still busy after UNPACK_TIME_LIMIT_MS is stopped.
 */
export async function importZipFile(
  file: Blob,
  labId: string,
  known: readonly string[],
): Promise<Record<string, string>> {
  if (file.size > ZIP_LIMITS.zipBytes)
    throw new ZipRefused({ reason: 'zip-too-large', bytes: file.size, limit: ZIP_LIMITS.zipBytes });
  const bytes = await file.arrayBuffer();
  const worker = new Worker(new URL('./zip-unpack-worker.ts', import.meta.url), {
    type: 'module',
    name: 'meshdojo-unzip',
  });
  try {
    const reply = await new Promise<UnpackReply>((resolve, reject) => {
      const watchdog = setTimeout(
        () => reject(new ZipRefused({ reason: 'timeout', ms: UNPACK_TIME_LIMIT_MS })),
        UNPACK_TIME_LIMIT_MS,
      );
      worker.addEventListener('message', (event: MessageEvent<UnpackReply>) => {
        clearTimeout(watchdog);
        resolve(event.data);
      });
      worker.addEventListener('error', (event) => {
        clearTimeout(watchdog);
        reject(new Error(event.message || 'the zip could not be unpacked'));
      });
      worker.postMessage({ bytes, labId, known: [...known] } satisfies UnpackRequest, [bytes]);
    });
    if (!reply.ok) throw new ZipRefused(reply.refusal);
    return reply.files;
  } finally {
    worker.terminate();
  }
}
