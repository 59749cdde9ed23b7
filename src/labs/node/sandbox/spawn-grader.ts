/**
 * Starts one grading process (grading-process.ts) and turns what it does into events the runner can trust: the
 * grader's messages (lines on fd 3 with the token), a line refused, or the end of the process. Its stdout and
 * stderr (the checked code's console, a crash's stack) are kept, up to a limit, for `--verbose` and shown nowhere
 * else.
 *
 * What the process may do, and what it may not (Node 24's permission model, `--permission`):
 * - read meshdojo's own sources and node_modules (grading-node.ts), and nothing else: not the lab folder, not the
 *   home folder; write only to a temporary folder made for it and removed after it;
 * - no child processes, worker threads, native addons, WASI or inspector (their `--allow-…` flags are absent);
 *   node:sqlite, which the model does not guard, is switched off; the network, signals to other processes and
 *   heap snapshots are closed in JavaScript before any checked code runs (permission-gaps.ts);
 * - an environment with nothing but the temporary folder (no tokens or keys of the learner's shell, and no
 *   NODE_OPTIONS), a heap of MAX_HEAP_MB, buffers zero-filled, and the time limits the runner enforces.
 * What stays open: CPU time within those limits, what the operating system tells any process (its name, the
 * machine's), and the file descriptors it was given: stdin, stdout, stderr and fd 3.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readablePaths } from './grading-node';
import {
  MAX_REPORT_LINE,
  newToken,
  readReportLine,
  REPORT_FD,
  type GraderMessage,
  type GradingRequest,
} from './protocol';

/** The heap the grading process may use (every lab's whole run fits in 160 MB today). */
export const MAX_HEAP_MB = 512;

/** Characters of the process's stdout and stderr kept for --verbose. */
const OUTPUT_KEPT = 64 * 1024;

const ENTRY = fileURLToPath(new URL('./grading-process.ts', import.meta.url));

export type GraderEvent =
  | { readonly kind: 'message'; readonly message: GraderMessage }
  | { readonly kind: 'refused'; readonly reason: string }
  | {
      readonly kind: 'ended';
      readonly code: number | null;
      readonly signal: NodeJS.Signals | null;
      readonly outOfMemory: boolean;
    };

export interface RunningGrader {
  /** Stops the process; its `ended` event still follows. */
  stop(): void;
  /** What it wrote to stdout and stderr (the first OUTPUT_KEPT characters). */
  output(): string;
}

export function gradingArguments(tempDir: string): string[] {
  return [
    '--permission',
    ...readablePaths().map((path) => `--allow-fs-read=${path}`),
    `--allow-fs-write=${tempDir}`,
    `--max-old-space-size=${MAX_HEAP_MB}`,
    '--zero-fill-buffers',
    '--no-addons',
    '--no-experimental-sqlite',
    '--no-experimental-websocket',
    '--disable-sigusr1',
    ENTRY,
  ];
}

export function spawnGrader(
  node: string,
  request: GradingRequest,
  onEvent: (event: GraderEvent) => void,
): RunningGrader {
  const tempDir = mkdtempSync(join(tmpdir(), 'meshdojo-check-'));
  const token = newToken();
  const child = spawn(node, gradingArguments(tempDir), {
    cwd: tempDir,
    env: {
      TMPDIR: tempDir,
      TMP: tempDir,
      TEMP: tempDir,
      ...(process.platform === 'win32' && { SystemRoot: process.env['SystemRoot'] }),
    },
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let output = '';
  let outOfMemory = false;
  const keep = (chunk: string): void => {
    if (output.length < OUTPUT_KEPT) output += chunk.slice(0, OUTPUT_KEPT - output.length);
    if (chunk.includes('JavaScript heap out of memory')) outOfMemory = true;
  };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);

  let pending = '';
  let refused = false;
  const reports = child.stdio[REPORT_FD] as NodeJS.ReadableStream;
  reports.setEncoding('utf8');
  reports.on('data', (chunk: string) => {
    if (refused) return;
    pending += chunk;
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
      const read = readReportLine(token, pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      if ('refused' in read) {
        refused = true;
        onEvent({ kind: 'refused', reason: read.refused });
        return;
      }
      onEvent({ kind: 'message', message: read.message });
    }
    if (pending.length > MAX_REPORT_LINE) {
      refused = true;
      onEvent({ kind: 'refused', reason: 'a report line longer than the grader ever writes' });
    }
  });
  // The process may end before it reads its request; that shows as its end, not as an error here.
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(`${token}\n${JSON.stringify(request)}`);
  child.on('error', (error) => keep(`meshdojo: could not start ${node}: ${error.message}\n`));
  // `close` comes after the process ended and every pipe was read to its end, so no report is lost.
  child.on('close', (code, signal) => {
    rmSync(tempDir, { recursive: true, force: true });
    onEvent({ kind: 'ended', code, signal, outOfMemory });
  });
  return {
    stop: () => void child.kill('SIGKILL'),
    output: () => output,
  };
}
