// The only module that imports @webcontainer/api (it is loaded on demand, so pages that never ask for a
// WebContainer never download it).
import { WebContainer } from '@webcontainer/api';
import { JOURNAL_PATH } from '../../labs/folder-format';
import { CheckRunner } from '../sandbox/check-runner';
import type {
  JournalEntry,
  LabPayload,
  LabRuntime,
  RuntimeReason,
  ShellSession,
  TerminalPort,
  Workspace,
} from '../types';
import { workspaceTree } from './tree';

export const WEBCONTAINER_BOOT_TIMEOUT_MS = 8000;
/** Where the lab's shell program sits in the container (hidden from the learner's file tabs). */
const PROGRAM = '.meshdojo/meshdojo-shell.mjs';
/** Where the program keeps the terminal's journal (it replays it when it starts, and rewrites it as it grows). */
const JOURNAL = JOURNAL_PATH;

/** The program the build bundled (scripts/site/webcontainer-payload.mjs), from this site. */
async function fetchProgram(): Promise<string> {
  const response = await fetch('/webcontainer/meshdojo-shell.mjs');
  if (!response.ok) throw new BootFailure('error', `the lab shell program is missing (${response.status})`);
  return response.text();
}

/** Why a WebContainer did not boot; the workbench falls back to the sandbox and shows this. */
export class BootFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'error',
    detail: string,
  ) {
    super(detail);
    this.name = 'BootFailure';
  }
}

/**
 * Boots a WebContainer within `timeoutMs`, or fails fast: a page policy that blocks its engine's frame is
 * reported as soon as the browser refuses it, not after the timeout.
 */
export async function bootWebContainer(
  payload: LabPayload,
  workspace: Workspace,
  reason: RuntimeReason,
  timeoutMs = WEBCONTAINER_BOOT_TIMEOUT_MS,
): Promise<LabRuntime> {
  if (!globalThis.crossOriginIsolated) throw new BootFailure('error', 'the page is not cross-origin isolated');
  const [container, program] = await Promise.all([
    withDeadline(WebContainer.boot({ coep: 'require-corp', workdirName: 'lab' }), timeoutMs),
    fetchProgram(),
  ]);
  await container.mount(
    workspaceTree({
      ...workspace.files,
      [JOURNAL]: JSON.stringify(workspace.journal),
      'package.json': JSON.stringify({ name: 'meshdojo-lab', private: true, type: 'module' }),
      [PROGRAM]: program,
    }),
  );
  const checks = new CheckRunner(payload);
  const none = () => () => {};
  const journal = new ContainerJournal(container, workspace.journal);
  let restart = async () => {};
  return {
    kind: 'webcontainer',
    reason,
    mount: (next) => container.mount(workspaceTree(next)),
    writeFile: async (path, content) => {
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      if (dir) await container.fs.mkdir(dir, { recursive: true });
      await container.fs.writeFile(path, content);
    },
    openShell(terminal: TerminalPort): ShellSession {
      let stop = () => {};
      // The lab's shell is our program under the container's Node: the same mesh and commands as the sandbox.
      const spawn = async () => {
        const process = await container.spawn('node', [PROGRAM], {
          terminal: { cols: terminal.cols, rows: 24 },
          env: {
            MESHDOJO_PRESET: payload.shell.preset,
            MESHDOJO_SEED: String(payload.shell.seed),
            MESHDOJO_SETUP: JSON.stringify(payload.shell.setup),
            MESHDOJO_KUBECONFIG: String(payload.shell.kubeconfig),
            MESHDOJO_AWAIT_LOAD_BALANCERS: String(payload.shell.awaitLoadBalancers),
          },
        });
        const input = process.input.getWriter();
        const unsubscribe = terminal.onData((data) => void input.write(data));
        void process.output.pipeTo(new WritableStream({ write: (chunk) => terminal.write(chunk) }));
        stop = () => (unsubscribe(), process.kill());
      };
      const ready = spawn();
      restart = async () => {
        stop();
        await journal.clear();
        terminal.reset();
        await spawn();
      };
      return {
        ready,
        type: (line) => void ready.then(() => terminal.write(`${line}\r`)),
        run: (block) => void ready.then(() => terminal.write(`${block}\r`)),
        dispose: () => stop(),
      };
    },
    // Checks are the same code in every runtime; in the browser they always run in a Worker we can stop.
    // The learner's code cannot go live: the terminal's cluster is in the container, out of the page's reach.
    runChecks: async (current, options = {}) => ({
      report: (await checks.run({ files: current, journal: await journal.read() }, options.step)).report,
    }),
    resetCluster: () => restart(),
    onJournal: (listener) => journal.subscribe(listener),
    onTopology: none,
    onUiEvent: none,
    onRestart: none,
    dispose() {
      journal.dispose();
      container.teardown();
      checks.dispose();
    },
  };
}

function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new BootFailure('timeout', `${timeoutMs / 1000} s`)), timeoutMs);
    // The engine loads in a frame from another origin; a policy that refuses it would only show as a timeout.
    const refused = (event: SecurityPolicyViolationEvent) => {
      if (!/frame-src|child-src|default-src/.test(event.effectiveDirective)) return;
      reject(
        new BootFailure('error', `Content-Security-Policy ${event.effectiveDirective} refused ${event.blockedURI}`),
      );
    };
    document.addEventListener('securitypolicyviolation', refused);
    work.then(resolve, (error: unknown) =>
      reject(new BootFailure('error', error instanceof Error ? error.message : String(error))),
    );
    const cleanup = () => (clearTimeout(timer), document.removeEventListener('securitypolicyviolation', refused));
    work.then(cleanup, cleanup);
    setTimeout(() => document.removeEventListener('securitypolicyviolation', refused), timeoutMs);
  });
}

/**
 * The terminal's journal as the program in the container keeps it (a JSON file it appends to): read when a check
 * needs it, and watched so the page can store each new entry (the cluster then survives a reload).
 */
class ContainerJournal {
  private known: number;
  private readonly listeners = new Set<(entry: JournalEntry) => void>();
  private readonly watcher: { close(): void };

  constructor(
    private readonly container: WebContainer,
    initial: readonly JournalEntry[],
  ) {
    this.known = initial.length;
    this.watcher = container.fs.watch(JOURNAL, () => void this.tell());
  }

  async read(): Promise<JournalEntry[]> {
    try {
      return JSON.parse(await this.container.fs.readFile(JOURNAL, 'utf-8')) as JournalEntry[];
    } catch {
      return [];
    }
  }

  async clear(): Promise<void> {
    this.known = 0;
    await this.container.fs.writeFile(JOURNAL, '[]');
  }

  subscribe(listener: (entry: JournalEntry) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  dispose(): void {
    this.watcher.close();
  }

  private async tell(): Promise<void> {
    const entries = await this.read();
    for (const entry of entries.slice(this.known)) this.listeners.forEach((listener) => listener(entry));
    this.known = entries.length;
  }
}
