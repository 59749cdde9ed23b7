import type {
  EditEvent,
  JournalEntry,
  LabPayload,
  LabRuntime,
  LiveCodeOutcome,
  MeshTopology,
  RuntimeReason,
  SandboxEnd,
  ShellSession,
  TerminalPort,
  Workspace,
} from '../types';
import { CheckRunner } from './check-runner';
import { LineEditor } from './line-editor';
import type { CompiledCode, Replies, Request } from './protocol';
import { STALL_MS, watchHeartbeat } from './watchdog';
import { plainTerminalWorker, spawnIsolatedWorker, WorkerEnded, type WorkerClient } from './worker-client';

/**
 * The sandbox runtime: the mesh and the shell in a Web Worker (real clock), the line editor on the page,
 * checks in isolated Workers of their own (check-runner.ts). Resolves once the cluster is up and the shell can
 * take a line. It keeps the learner's files and journal as the Worker reports them: a check of a terminal step
 * grades a copy of that cluster, and "Reset cluster" boots a new Worker from the lab's start with the current
 * files.
 *
 * The terminal's Worker is a plain one while its cluster runs none of the learner's code (worker-frame.ts). Code
 * a check run compiled goes live in a fresh isolated Worker booted from the journal — never in one that ran
 * earlier code, which may have left globals or patched built-ins — and from then on a watchdog pings it. A
 * Worker that stalls, or that the page refuses (WorkerClient), is replaced by a plain one booted from the journal
 * without the learner's code, which goes live again with the next check run; the UI is told why.
 */
export async function bootSandbox(payload: LabPayload, start: Workspace, reason: RuntimeReason): Promise<LabRuntime> {
  const files = { ...start.files };
  const journal: JournalEntry[] = [...start.journal];
  const checks = new CheckRunner(payload);
  const topologyListeners = new Set<(topology: MeshTopology) => void>();
  const uiListeners = new Set<(event: { type: string; dashboard?: string }) => void>();
  const journalListeners = new Set<(entry: JournalEntry) => void>();
  const restartListeners = new Set<(why: SandboxEnd) => void>();
  const trafficListeners = new Set<() => void>();
  const subscribe =
    <T>(set: Set<T>) =>
    (listener: T) => {
      set.add(listener);
      return () => void set.delete(listener);
    };
  const editors = new Set<LineEditor>();
  const editListeners = new Set<(event: EditEvent) => void>();
  /** Files `kubectl edit` has open in the page's editor: a Worker that ends takes its edits with it. */
  const editing = new Set<string>();
  const edited = (event: EditEvent) => {
    if (event.type === 'open') editing.add(event.path);
    else editing.delete(event.path);
    editListeners.forEach((listener) => listener(event));
  };
  let stopWatching = () => {};

  /** Boots a Worker's lab session (the early one the page started, the first time) and listens to it. */
  const bootWorker = async (shell: WorkerClient, workspace: Workspace): Promise<Replies['boot']> => {
    shell.onEvent((message) => {
      if (message.event === 'topology') topologyListeners.forEach((listener) => listener(message.topology));
      else if (message.event === 'ui') uiListeners.forEach((listener) => listener(message.ui));
      else if (message.event === 'output') editors.forEach((editor) => editor.printing(message.text));
      else if (message.event === 'edit') edited(message.edit);
      else if (message.event === 'traffic') trafficListeners.forEach((listener) => listener());
      else {
        journal.push(message.entry);
        journalListeners.forEach((listener) => listener(message.entry));
      }
    });
    const reply = await shell.call({ type: 'boot', payload, workspace });
    shell.onEnded((why) => void restart(shell, why));
    return reply;
  };

  let worker = plainTerminalWorker();
  let booting = bootWorker(worker, start);

  /**
   * A request to the terminal's Worker once it has booted (a replaced one boots first). Requests keep the order
   * they were made in: the editor's save goes before the line typed after it.
   */
  const send = <T extends Request>(request: T): Promise<Replies[T['type']]> => booting.then(() => worker.call(request));

  /**
   * `next` in place of the terminal's Worker (which the caller has ended), booted from the current files and
   * `journalNow`; the prompts start again, and keys typed meanwhile go to the new one.
   */
  const replace = async (next: WorkerClient, journalNow: readonly JournalEntry[]) => {
    stopWatching();
    editors.forEach((editor) => editor.halt());
    // The line that opened them is gone, and applied nothing: their tabs go too.
    [...editing].forEach((path) => edited({ type: 'close', path }));
    worker = next;
    booting = bootWorker(next, { files, journal: [...journalNow] });
    booted = await booting;
    editors.forEach((editor) => editor.restart(booted.cwd));
    // Another cluster, other requests: the Requests tab shows this one's.
    trafficListeners.forEach((listener) => listener());
  };

  /** The terminal's Worker was ended by the sandbox (not by the page's choice): say why, boot another. */
  const restart = async (ended: WorkerClient, why: WorkerEnded) => {
    if (why.kind === 'stopped' || ended !== worker) return;
    const said: SandboxEnd = { cause: why.kind, ...(why.limit !== undefined && { limit: why.limit }) };
    restartListeners.forEach((listener) => listener(said));
    await replace(plainTerminalWorker(), journal);
  };

  /** Learner code now runs in the terminal's cluster: a Worker that stops answering is ended (and replaced). */
  const watch = (shell: WorkerClient) => {
    stopWatching();
    stopWatching = watchHeartbeat(
      () => shell.call({ type: 'ping' }),
      () => shell.end('stalled', `no answer to the heartbeat for ${STALL_MS / 1000} s`, STALL_MS / 1000),
    );
  };

  /**
   * Code a check run compiled, live in a fresh isolated terminal Worker booted from the journal. Undefined when
   * there is nothing to say: the lab plugs nothing in, or the Worker was ended meanwhile (a reset; or the sandbox,
   * and the restart says why).
   */
  const goLive = async (compiled: CompiledCode): Promise<LiveCodeOutcome | undefined> => {
    await booting;
    // Started only now: loading it alongside the check run would take CPU from a timed run.
    const isolated = spawnIsolatedWorker('terminal');
    worker.terminate('new code goes live');
    try {
      await replace(isolated, journal);
    } catch (error) {
      // The isolated Worker did not boot (its scripts did not load): the terminal goes on without the code.
      isolated.terminate();
      await replace(plainTerminalWorker(), journal);
      return { installed: false, message: error instanceof Error ? error.message : String(error) };
    }
    const live = await isolated
      .call({ type: 'live', labId: payload.id, locale: payload.locale, compiled })
      .catch((error: unknown) =>
        error instanceof WorkerEnded
          ? null
          : { installed: false, message: error instanceof Error ? error.message : String(error) },
      );
    // Even code that failed to go in ran its top level (a timer it set may loop later): watch from now on.
    if (isolated === worker) watch(isolated);
    return live ?? undefined;
  };
  /** Code goes live one check run after another, in the order the runs finished. */
  let liveQueue: Promise<unknown> = Promise.resolve();

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
        // ↑ and Ctrl-R reach the lines run before a reload too.
        journal.flatMap((entry) => ('run' in entry ? [entry.run] : [])),
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
      // Code whose checks passed in the check Worker goes live in the learner's own cluster; code that failed
      // them stays out (the terminal keeps what it ran before).
      if (compiled === undefined || report.status !== 'passed') return { report };
      const live = liveQueue.then(() => goLive(compiled));
      liveQueue = live.catch(() => undefined);
      return { report, live };
    },
    visit: (navigation) => send({ type: 'visit', navigation }),
    requests: () => send({ type: 'requests' }),
    request: (id) => send({ type: 'request', id, locale: payload.locale }),
    metrics: (query) => send({ type: 'metrics', query }),
    metricCatalog: () => send({ type: 'metric-catalog' }),
    onTraffic: subscribe(trafficListeners),
    async resetCluster() {
      worker.terminate('the cluster was reset');
      journal.length = 0;
      await replace(plainTerminalWorker(), []);
    },
    onJournal: subscribe(journalListeners),
    onTopology: subscribe(topologyListeners),
    onUiEvent: subscribe(uiListeners),
    onEdit: subscribe(editListeners),
    answerEdit: (id, text) =>
      void send({ type: 'edited', id, text }).catch((error: unknown) => {
        if (!(error instanceof WorkerEnded)) throw error;
      }),
    onRestart: subscribe(restartListeners),
    dispose() {
      stopWatching();
      worker.terminate();
      checks.dispose();
    },
  };
}
