// Unpacks an imported zip off the page's thread (zip-import.ts starts one per import and stops it after).
import { ZipRefused } from './zip-refusal';
import { unpackLabZip } from './zip-unpack';
import type { UnpackReply, UnpackRequest } from './zip-import';

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<UnpackRequest>) => {
  const { bytes, labId, known } = event.data;
  let reply: UnpackReply;
  try {
    reply = { ok: true, files: unpackLabZip(new Uint8Array(bytes), labId, known) };
  } catch (error) {
    const refusal =
      error instanceof ZipRefused
        ? error.refusal
        : { reason: 'unreadable' as const, error: error instanceof Error ? error.message : String(error) };
    reply = { ok: false, refusal };
  }
  self.postMessage(reply);
});
