import type {
  CheckRunReport,
  EditEvent,
  JournalEntry,
  LabPayload,
  LiveCodeOutcome,
  Locale,
  MeshTopology,
  MetricCatalog,
  MetricQuery,
  MetricQueryResult,
  Navigation,
  RequestList,
  RequestView,
  Visit,
  Workspace,
} from '../types';

/** The learner's modules as a check run compiled them (CommonJS by path): what goes live in the terminal. */
export type CompiledCode = Readonly<Record<string, string>>;

/** Messages the page sends to a sandbox Worker; each carries an id its reply echoes. */
export type Request =
  /** The lab session, with the learner's files and their journal replayed (on virtual time) before the prompt. */
  | { type: 'boot'; payload: LabPayload; workspace: Workspace }
  | { type: 'run'; line: string }
  | { type: 'complete'; prefix: string }
  /** The editor's files into the lab folder (paths relative to it). */
  | { type: 'write'; files: Record<string, string> }
  /** Grades one step, or every step; terminal steps replay `journal` on a copy of the learner's cluster. */
  | {
      type: 'check';
      labId: string;
      locale: Locale;
      files: Record<string, string>;
      journal: readonly JournalEntry[];
      step?: string;
    }
  /** A spare check Worker loads the grader (the reply) and rehearses on the lab's own solution until its run. */
  | { type: 'warm'; labId: string }
  /** Answered once the rehearsal is over: the check run that follows has the thread to itself. */
  | { type: 'settle' }
  /** Code labs: the terminal's cluster starts using the code a finished check run compiled. */
  | { type: 'live'; labId: string; locale: Locale; compiled: CompiledCode }
  /** The watchdog's heartbeat: answered at once, ahead of the shell's queue, by a Worker whose thread is free. */
  | { type: 'ping' }
  /** A page for the browser tab, loaded from the laptop of the learner's cluster. */
  | { type: 'visit'; navigation: Navigation }
  /** The Requests tab: the recent requests of the learner's cluster, and one of them explained. */
  | { type: 'requests' }
  | { type: 'request'; id: string; locale: Locale }
  /** The Metrics tab: a query over the cluster's recent metrics, and the metrics and labels it can ask for. */
  | { type: 'metrics'; query: MetricQuery }
  | { type: 'metric-catalog' }
  /**
   * The learner's answer to the editor tab `kubectl edit` opened (EditEvent `open` of this `id`): the text they
   * saved, or null for Cancel. Answered at once, past the shell's queue: the line it answers is what waits there.
   */
  | { type: 'edited'; id: number; text: string | null };

export interface Replies {
  /** `timings`: milestones of the boot, as absolute times (performance.timeOrigin + now). */
  boot: { cwd: string; banner: string; timings: Record<string, number> };
  run: { output: string; cwd: string };
  complete: string[];
  write: null;
  /** `compiled`: set when the run finished and the lab can plug the learner's code into the terminal. */
  check: { report: CheckRunReport; compiled?: CompiledCode };
  warm: null;
  settle: null;
  live: LiveCodeOutcome | null;
  ping: null;
  visit: Visit;
  requests: RequestList;
  request: RequestView | null;
  metrics: MetricQueryResult;
  'metric-catalog': MetricCatalog;
  edited: null;
}

/**
 * The lab's start, which the lab page's early script (components/workbench/early-worker-script.ts) gives the
 * terminal's Worker it starts, so the Worker boots the preset and the setup while the page is still loading and
 * reading the learner's saved workspace. It has no reply: the `boot` that follows takes the session it built when
 * its payload and files are the same, and replays the journal on it.
 */
export interface Prepare {
  id: string;
  locale: Locale;
  shell: LabPayload['shell'];
  /** The lab's starter files, by path (what the page's `boot` sends before the learner's saved files follow). */
  files: Record<string, string>;
}

/**
 * The Prepare travels in the Worker's name: this, then the Prepare as JSON. A Worker reads its name as it starts;
 * a message posted to it before then waits for the page's main thread to hand it over after the Worker's script
 * has run, which on a lab page still parsing was 20–60 ms later (npm run bench).
 */
export const PREPARE_NAME_PREFIX = 'meshdojo-sandbox ';

/** The Prepare a Worker named by the early script carries; undefined for any other name. */
export function prepareFromName(name: string): Prepare | undefined {
  if (!name.startsWith(PREPARE_NAME_PREFIX)) return undefined;
  try {
    return JSON.parse(name.slice(PREPARE_NAME_PREFIX.length)) as Prepare;
  } catch {
    return undefined;
  }
}

export type Envelope = { id: number; request: Request } | { id: 0; cancel: true };

/** What the terminal's Worker tells the page unasked (a check Worker tells it nothing). */
export type WorkerEvent =
  | { event: 'topology'; topology: MeshTopology }
  /** The cluster recorded requests the Requests tab has not seen (at most once a second). */
  | { event: 'traffic' }
  | { event: 'ui'; ui: { type: string; dashboard?: string; url?: string } }
  /** Something the learner did to their cluster (the page stores it). */
  | { event: 'journal'; entry: JournalEntry }
  /** What the line running now printed so far (a `kubectl get -w`, a `fortio load`), ahead of the run's reply. */
  | { event: 'output'; text: string }
  /** `kubectl edit` opens a file in the page's editor, or is done with it. */
  | { event: 'edit'; edit: EditEvent };

export type WorkerMessage =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string } | WorkerEvent;
