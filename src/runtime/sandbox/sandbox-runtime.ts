import type {
  JournalEntry,
  LabPayload,
  LabRuntime,
  MeshTopology,
  RuntimeReason,
  ShellSession,
  TerminalPort,
  Workspace,
} from '../types';
import { CheckRunner } from './check-runner';
import { LineEditor } from './line-editor';
import type { Replies } from './protocol';
import { spawnSandboxWorker, takeSandboxWorker, type WorkerClient } from './worker-client';

/**
 * The sandbox runtime: the mesh and the shell in a Web Worker (real clock), the line editor on the page,
 * checks in a Worker of their own. Resolves once the cluster is up and the shell can take a line. It keeps the
 * learner's files and journal as the Worker reports them: a check of a terminal step grades a copy of that
 * cluster, and "Reset cluster" boots a new Worker from the lab's start with the current files.
 */
export async function bootSandbox(payload: LabPayload, start: Workspace, reason: RuntimeReason): Promise<LabRuntime> {
  const files = { ...start.files };
  const journal: JournalEntry[] = [...start.journal];
  const checks = new CheckRunner(payload.id, payload.locale, payload.checkTimeLimitMs);
  const topologyListeners = new Set<(topology: MeshTopology) => void>();
  const uiListeners = new Set<(event: { type: string; dashboard?: string }) => void>();
  const journalListeners = new Set<(entry: JournalEntry) => void>();
  const subscribe =
    <T>(set: Set<T>) =>
    (listener: T) => {
      set.add(listener);
      return () => void set.delete(listener);
    };

  /** Boots a Worker's lab session (the early one the page started, the first time) and listens to it. */
  const bootWorker = async (worker: WorkerClient, workspace: Workspace): Promise<Replies['boot']> => {
    worker.onEvent((message) => {
      if (!('event' in message)) return;
      if (message.event === 'topology') topologyListeners.forEach((listener) => listener(message.topology));
      else if (message.event === 'ui') uiListeners.forEach((listener) => listener(message.ui));
      else {
        journal.push(message.entry);
        journalListeners.forEach((listener) => listener(message.entry));
      }
    });
    return worker.call({ type: 'boot', payload, workspace });
  };

  let worker = takeSandboxWorker();
  let booted = await bootWorker(worker, start);
  // The Worker's milestones on the page's timeline, for benchmarks and the performance panel.
  for (const [name, at] of Object.entries(booted.timings))
    performance.mark(`lab-${name}`, { startTime: at - performance.timeOrigin });
  // The check Worker loads once the page is idle, so it does not compete with the editor for the CPU.
  (globalThis.requestIdleCallback ?? setTimeout)(() => checks.warm());
  const editors = new Set<LineEditor>();

  const write = async (next: Record<string, string>) => {
    Object.assign(files, next);
    await worker.call({ type: 'write', files: next });
  };

  return {
    kind: 'sandbox',
    reason,
    mount: write,
    writeFile: (path, content) => write({ [path]: content }),
    openShell(terminal: TerminalPort): ShellSession {
      const editor = new LineEditor(
        terminal,
        {
          run: (line) => worker.call({ type: 'run', line }),
          complete: (prefix) => worker.call({ type: 'complete', prefix }),
          cancel: () => worker.cancel(),
        },
        booted.cwd,
        payload.locale,
      );
      editors.add(editor);
      const unsubscribe = terminal.onData((data) => editor.handle(data));
      editor.start(booted.banner);
      return {
        ready: editor.ready,
        type: (line) => editor.handle(`${line}\r`),
        run: (block) => editor.runBlock(block),
        dispose: () => (unsubscribe(), editors.delete(editor)),
      };
    },
    async runChecks(current, options = {}) {
      const { report, compiled } = await checks.run({ files: current, journal }, options.step);
      if (compiled === undefined) return { report };
      // Code that ran to the end in the check Worker now runs in the learner's own cluster, as compiled there.
      const live = await worker
        .call({ type: 'live', labId: payload.id, locale: payload.locale, compiled })
        .catch((error: unknown) => ({
          installed: false,
          message: error instanceof Error ? error.message : String(error),
        }));
      return live === null ? { report } : { report, live };
    },
    async resetCluster() {
      worker.terminate('the cluster was reset');
      journal.length = 0;
      worker = spawnSandboxWorker();
      booted = await bootWorker(worker, { files, journal: [] });
      editors.forEach((editor) => editor.restart(booted.cwd));
    },
    onJournal: subscribe(journalListeners),
    onTopology: subscribe(topologyListeners),
    onUiEvent: subscribe(uiListeners),
    dispose() {
      worker.terminate();
      checks.dispose();
    },
  };
}
