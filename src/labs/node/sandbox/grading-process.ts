/**
 * The grading process that `meshdojo check` starts (spawn-grader.ts): Node 24 under its permission model, which
 * may read meshdojo's own files only, write to one temporary folder only, and start no process, worker, addon or
 * inspector; the network and the rest the model leaves open are closed before any checked code runs
 * (permission-gaps.ts). The request comes on stdin, the grader's reports go out on fd 3.
 *
 * Why the parent cannot be handed a forged report. The checked code runs in this process, so it can do what the
 * grader can: write to stdout, stderr or fd 3 (file descriptors are not paths, the permission model does not
 * guard them), end the process, or crash it. What it cannot do is produce the token that starts every line the
 * parent accepts:
 * - the token arrives first on stdin, which is read to its end here, before any checked code exists; it never
 *   is in the environment, the arguments, a file, a global or any object, only in this module's scope;
 * - the functions that write a report are taken before the checked code runs, so replacing JSON.stringify,
 *   Buffer.from or fs.writeSync later changes nothing, and heap snapshots (which would show every string) are
 *   closed;
 * - the parent checks each line's token and shape, that checks start and end in the order it expects, and
 *   counts the check that was running as an error when anything else happens (a line it refuses, an exit, a
 *   crash, silence past the time limit). It never takes a verdict from stdout or from the exit code.
 * What remains: code written to rewrite the grader from the inside (patching the built-ins its checks call) can
 * fake its own result, as it could in the browser. That cheats only its author; it cannot reach the machine.
 *
 * Node loads this file itself, stripping its types (Node 24): until the hooks are registered it imports only Node.
 */
import { readFileSync, writeSync } from 'node:fs';
import type { GraderMessage, GradingRequest } from './protocol';
import type * as TypeScriptHooks from './typescript-hooks';

const write = writeSync;
const toBytes = Buffer.from.bind(Buffer);
const exit = process.exit.bind(process);

/** stdin, read to its end: the token on the first line, then the request (the text itself is not kept). */
function readInput(): { readonly token: string; readonly request: GradingRequest } {
  const input = readFileSync(0, 'utf8');
  const newline = input.indexOf('\n');
  return { token: input.slice(0, newline), request: JSON.parse(input.slice(newline + 1)) as GradingRequest };
}
const { token, request } = readInput();

const hooks = (await import(new URL('./typescript-hooks.ts', import.meta.url).href)) as typeof TypeScriptHooks;
hooks.registerTypeScriptHooks();
const { REPORT_FD, reportLine } = await import('./protocol');
const { closePermissionGaps } = await import('./permission-gaps');
closePermissionGaps();

function report(message: GraderMessage): void {
  const bytes = toBytes(reportLine(token, message));
  let written = 0;
  while (written < bytes.length) {
    try {
      written += write(REPORT_FD, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

/** An error's name and message (never its stack: the parent shows this to the learner), whatever it is made of. */
function describe(error: unknown): string {
  try {
    return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2_000);
  } catch {
    return 'an error that cannot be described';
  }
}

function fault(error: unknown): void {
  try {
    // The stack goes to stderr, which the parent shows only with --verbose.
    process.stderr.write(`${(error as Error | undefined)?.stack ?? describe(error)}\n`);
  } catch {
    // stderr may have been taken over; the report below is what counts
  }
  report({ type: 'fault', message: describe(error) });
}

// A timer or a promise of the checked code that throws after its check returned.
process.on('uncaughtException', fault);

try {
  // Loaded only now: the grader, and through it the checked code, come after the channel and the closed doors.
  const { grade } = await import('./grade');
  await grade(request, report);
  exit(0);
} catch (error) {
  fault(error);
}
