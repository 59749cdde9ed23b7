import type {
  JournalEntry,
  LabPayload,
  LabRuntime,
  MeshTopology,
  RuntimeReason,
  SandboxEnd,
  ShellSession,
  TerminalPort,
  Workspace,
} from '../types';
import { CheckRunner } from './check-runner';
import { LineEditor } from './line-editor';
import type { Replies, Request } from './protocol';
import { STALL_MS, watchHeartbeat } from './watchdog';
import { spawnSandboxWorker, takeSandboxWorker, WorkerEnded, type WorkerClient } from './worker-client';

/**
 * The sandbox runtime: the mesh and the shell in a Web Worker (real clock), the line editor on the page,
 * checks in a Worker of their own. Resolves once the cluster is up and the shell can take a line. It keeps the
 * learner's files and journal as the Worker reports them: a check of a terminal step grades a copy of that
 * cluster, and "Reset cluster" boots a new Worker from the lab's start with the current files. Once the
 * learner's code runs in the terminal's cluster, a watchdog pings its Worker; a Worker that stalls, or that the
 * page refuses (WorkerClient), is replaced by one booted from the journal — without the learner's code, which
 * goes live again with the next check run — and the UI is told why. New code goes live in a fresh Worker too,
 * booted from the journal, never in one that ran earlier code.
 */
export async function bootSandbox(payload: LabPayload, start: Workspace, reason: RuntimeReason): Promise<LabRuntime> {
  const files = { ...start.files };
  const journal: JournalEntry[] = [...start.journal];
  const checks = new CheckRunner(payload);
  const topologyListeners = new Set<(topology: MeshTopology) => void>();
  const uiListeners = new Set<(event: { type: string; dashboard?: string }) => void>();
  const journalListeners = new Set<(entry: JournalEntry) => void>();
  const restartListeners = new Set<(why: SandboxEnd) => void>();
  const subscribe =
    <T>(set: Set<T>) =>
    (listener: T) => {
      set.add(listener);
      return () => void set.delete(listener);
    };
  const editors = new Set<LineEditor>();
  /** Terminal Workers learner code has run in ('live'): each runs one version of it at most. */
  const ranLearnerCode = new WeakSet<WorkerClient>();
  let stopWatching = () => {};

  /** Boots a Worker's lab session (the early one the page started, the first time) and listens to it. */
  const bootWorker = async (shell: WorkerClient, workspace: Workspace): Promise<Replies['boot']> => {
    shell.onEvent((message) => {
      if (message.event === 'topology') topologyListeners.forEach((listener) => listener(message.topology));
      else if (message.event === 'ui') uiListeners.forEach((listener) => listener(message.ui));
      else {
        journal.push(message.entry);
        journalListeners.forEach((listener) => listener(message.entry));
      }
    });
    const reply = await shell.call({ type: 'boot', payload, workspace });
    shell.onEnded((why) => void restart(shell, why));
    return reply;
  };

  let worker = takeSandboxWorker();
  let booting = bootWorker(worker, start);

  /**
   * A request to the terminal's Worker once it has booted (a replaced one boots first). Requests keep the order
   * they were made in: the editor's save goes before the line typed after it.
   */
  const send = <T extends Request>(request: T): Promise<Replies[T['type']]> => booting.then(() => worker.call(request));

  /** A fresh Worker in place of the current one, booted from `workspace`; the prompts start again. */
  const replace = async (workspace: Workspace) => {
    stopWatching();
    worker = spawnSandboxWorker('terminal');
    booting = bootWorker(worker, workspace);
    booted = await booting;
    editors.forEach((editor) => editor.restart(booted.cwd));
  };

  /** The terminal's Worker was ended by the sandbox (not by the page's choice): say why, boot another. */
  const restart = async (ended: WorkerClient, why: WorkerEnded) => {
    if (why.kind === 'stopped' || ended !== worker) return;
    editors.forEach((editor) => editor.halt());
    const said: SandboxEnd = { cause: why.kind, ...(why.limit !== undefined && { limit: why.limit }) };
    restartListeners.forEach((listener) => listener(said));
    await replace({ files, journal: [...journal] });
  };

  /** Learner code now runs in the terminal's cluster: a Worker that stops answering is ended (and replaced). */
  const watch = (shell: WorkerClient) => {
    stopWatching();
    stopWatching = watchHeartbeat(
      () => shell.call({ type: 'ping' }),
      () => shell.end('stalled', `no answer to the heartbeat for ${STALL_MS / 1000} s`, STALL_MS / 1000),
    );
  };

  let booted = await booting;
  // The Worker's milestones on the page's timeline, for benchmarks and the performance panel.
  for (const [name, at] of Object.entries(booted.timings))
    performance.mark(`lab-${name}`, { startTime: at - performance.timeOrigin });
  // The check Worker loads once the page is idle, so it does not compete with the editor for the CPU.
  (globalThis.requestIdleCallback ?? setTimeout)(() => checks.warm());

  const write = async (next: Record<string, string>) => {
    Object.assign(files, next);
    // A Worker ended meanwhile loses nothing: the one that replaces it boots with `files`.
    await send({ type: 'write', files: next }).catch((error: unknown) => {
      if (!(error instanceof WorkerEnded)) throw error;
    });
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
          run: (line) => send({ type: 'run', line }),
          complete: (prefix) => send({ type: 'complete', prefix }),
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
      // Code that ran to the end in the check Worker now runs in the learner's own cluster, as compiled there —
      // in a Worker no learner code ran in before: earlier code may have left globals or patched built-ins.
      await booting;
      if (ranLearnerCode.has(worker)) {
        worker.terminate('new code goes live');
        editors.forEach((editor) => editor.halt());
        await replace({ files, journal: [...journal] });
      }
      const shell = worker;
      ranLearnerCode.add(shell);
      const live = await shell
        .call({ type: 'live', labId: payload.id, locale: payload.locale, compiled })
        .catch((error: unknown) => ({
          installed: false,
          message: error instanceof Error ? error.message : String(error),
        }));
      // Even code that failed to go in ran its top level (a timer it set may loop later): watch from now on.
      if (live !== null && shell === worker) watch(shell);
      return live === null ? { report } : { report, live };
    },
    async resetCluster() {
      worker.terminate('the cluster was reset');
      journal.length = 0;
      await replace({ files, journal: [] });
    },
    onJournal: subscribe(journalListeners),
    onTopology: subscribe(topologyListeners),
    onUiEvent: subscribe(uiListeners),
    onRestart: subscribe(restartListeners),
    dispose() {
      stopWatching();
      worker.terminate();
      checks.dispose();
    },
  };
}
