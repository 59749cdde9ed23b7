/**
 * What Node 24's permission model leaves open, closed inside the grading process before any checked code runs.
 *
 * The permission model guards the file system (through node:fs), child processes, workers, addons, WASI and the
 * inspector. It has no say over the network (`--allow-net` arrives in Node 25), signals to other processes, or
 * V8's own introspection. node:sqlite (which opens files without asking node:fs) is switched off by a flag
 * (spawn-grader.ts). The rest is closed here by replacing the functions that reach them with ones that throw
 * ERR_ACCESS_DENIED, as read-only, non-configurable properties, so the checked code can neither call nor restore
 * them. This is JavaScript closing JavaScript's doors, not the operating system refusing: it holds for every
 * public API of Node 24, but it is not the kernel-enforced wall the file-system rules are.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import v8 from 'node:v8';

/** Throws as Node's own permission checks do (`code`, `permission`), so the grader explains both alike. */
function denied(permission: string, what: string): () => never {
  return () => {
    throw Object.assign(new Error(`${what} is closed to code that meshdojo check runs`), {
      code: 'ERR_ACCESS_DENIED',
      permission,
    });
  };
}

function seal(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, writable: false, configurable: false, enumerable: true });
}

function sealAll(target: object, names: readonly string[], value: unknown): void {
  for (const name of names) seal(target, name, value);
}

const functionNames = (api: object): string[] =>
  Object.keys(api).filter((name) => typeof (api as Record<string, unknown>)[name] === 'function');

export function closePermissionGaps(): void {
  // The network. Every TCP client (net, tls, http, https, http2, fetch, WebSocket) connects through
  // net.Socket#connect and every server listens through net.Server#listen; a UDP socket holds its native handle
  // from the moment it is made, so it cannot be made at all; DNS queries leave the machine too.
  const network = denied('Network', 'The network');
  seal(net.Socket.prototype, 'connect', network);
  seal(net.Server.prototype, 'listen', network);
  sealAll(dgram, ['createSocket', 'Socket'], network);
  sealAll(dns, functionNames(dns), network);
  sealAll(dns.promises, functionNames(dns.promises), network);

  // Signals to other processes (the permission model lets any be sent): SIGUSR1 would even open the inspector of
  // an unconfined Node, such as the `meshdojo check` that started this process.
  // process.kill goes through process._kill; the pid is taken now, as the checked code may redefine process.pid.
  const ownPid = process.pid;
  const rawKill = (process as unknown as { _kill: (pid: number, signal: number) => number })._kill;
  seal(process, '_kill', (pid: number, signal: number) => {
    if (pid !== ownPid) denied('Signal', 'Signalling other processes')();
    return rawKill.call(process, pid, signal);
  });
  seal(process, '_debugProcess', denied('Inspector', 'Opening the inspector of a process'));
  seal(os, 'setPriority', denied('ProcessPriority', 'Changing process priorities'));

  // V8's introspection: a heap snapshot holds every string in memory, the grader's included; natives syntax
  // and other V8 flags change what the engine guarantees.
  sealAll(
    v8,
    ['getHeapSnapshot', 'writeHeapSnapshot', 'queryObjects', 'setFlagsFromString', 'setHeapSnapshotNearHeapLimit'],
    denied('V8Introspection', 'V8 introspection'),
  );

  // `import { lookup } from 'node:dns'` sees the closed functions too.
  syncBuiltinESMExports();
}
