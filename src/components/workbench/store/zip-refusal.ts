/**
 * What a lab's zip may hold, judged on the sizes its directory declares before anything is unpacked. A lab
 * folder is a few files of a few kilobytes; its largest file is the terminal's journal, which a session replays
 * only up to 2,000,000 bytes (src/mesh/cli/journal.ts). So one entry may declare 2 MiB, all of them 5 MiB
 * (a full journal, the lab's files and plenty of room), in at most 1,000 entries; the zip file itself may be
 * 6 MiB (5 MiB stored plus its headers), so a larger one is refused before it is read into memory.
 */
export const ZIP_LIMITS = {
  zipBytes: 6 * 1024 * 1024,
  entryBytes: 2 * 1024 * 1024,
  totalBytes: 5 * 1024 * 1024,
  entries: 1_000,
} as const;

/** Why nothing of a zip was taken. */
export type ZipRefusal =
  | { readonly reason: 'zip-too-large'; readonly bytes: number; readonly limit: number }
  | { readonly reason: 'entry-too-large'; readonly name: string; readonly bytes: number; readonly limit: number }
  | { readonly reason: 'total-too-large'; readonly bytes: number; readonly limit: number }
  | { readonly reason: 'too-many-entries'; readonly count: number; readonly limit: number }
  /** The zip says it holds another lab (`.meshdojo/lab.json`). */
  | { readonly reason: 'other-lab'; readonly lab: string }
  /** Unpacking went past its time limit (a zip whose entries hold more than they declare). */
  | { readonly reason: 'timeout'; readonly ms: number }
  | { readonly reason: 'unreadable'; readonly error: string };

export class ZipRefused extends Error {
  constructor(readonly refusal: ZipRefusal) {
    super(`zip refused: ${refusal.reason}`);
    this.name = 'ZipRefused';
  }
}
