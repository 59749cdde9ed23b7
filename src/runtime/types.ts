/**
 * The contract between the workbench UI and whatever runs a lab. Components only ever see these types,
 * so the sandbox Worker, a WebContainer and plain Node are interchangeable below the UI.
 */

import type { JournalEntry, Navigation, Visit } from '../mesh/cli';

export type { JournalEntry, Navigation, Visit };
export type Locale = 'ko' | 'en';
/** A text the learner reads, in both languages. */
export type Texts = Readonly<Record<Locale, string>>;

/** A file the learner sees in the editor. Paths are relative to the lab's workspace (`src/breaker.ts`). */
export interface LabFile {
  path: string;
  content: string;
  /** Shown but not editable (given code the checks rely on). */
  readOnly: boolean;
}

/** What the learner has in a lab: the editor's files and, in order, what they did in the terminal. */
export interface Workspace {
  files: Record<string, string>;
  journal: readonly JournalEntry[];
}

/** One step of the lab, in the page's language (the lab page renders its text from the step's file). */
export interface LabStepInfo {
  id: string;
  minutes: number;
  /**
   * `files`: graded on a fresh cluster with the learner's files; `terminal`: on a copy of the learner's cluster;
   * `quiz`: questions graded in the page (review id `lab:<lab id>:<step id>`).
   */
  kind: 'files' | 'terminal' | 'quiz';
  title: string;
  /** The step's check ids (a quiz step's: its question ids). */
  checkIds: string[];
}

/**
 * Everything a runtime needs to run one lab, built at build time from the lab registry and serialised into
 * the page: plain data, no code (the code ships in the Worker / WebContainer bundle).
 */
export interface LabPayload {
  id: string;
  locale: Locale;
  title: string;
  /** `code` labs are graded on the learner's module, `config` labs on the cluster the shell drives. */
  kind: 'code' | 'config';
  files: LabFile[];
  /** The reference answer by path (Solve / Diff). */
  solution: Record<string, string>;
  /** Type definitions for the editor (`path → .d.ts text`), so completion knows the lab's interfaces. */
  types: Record<string, string>;
  /** What the terminal's cluster has installed and what runs first (the shell then starts in the lab folder). */
  shell: {
    preset: 'bare' | 'istio' | 'bookinfo';
    seed: number;
    setup: string[];
    kubeconfig: boolean;
    awaitLoadBalancers: boolean;
  };
  /** Real milliseconds a check run may take before its Worker is stopped (the labs' CHECK_TIME_LIMIT_MS). */
  checkTimeLimitMs: number;
  /** The lesson this lab belongs to, without locale (`part-1/circuit-breaker`). */
  lessonSlug: string;
  summary: string;
  difficulty: 'beginner' | 'intermediate' | 'advanced';
  steps: LabStepInfo[];
}

/** One check's result in the page's language. */
export interface CheckRunResult {
  id: string;
  /** The step the check belongs to. */
  step: string;
  title: string;
  /** `error`: the check could not finish (the learner's code threw, simulated time ran out); it counts as failed. */
  status: 'pass' | 'fail' | 'error';
  /** What the check wanted and what it saw, when it can say. */
  expected?: string;
  seen?: string;
  message?: string;
  hint?: string;
  /** What a passing check measured (numbers, short text), quoted by the step's "your run" text. */
  facts?: Record<string, string | number>;
}

export type CheckRunStatus = 'passed' | 'failed' | 'compile-error' | 'timeout' | 'error';

/** A whole check run. A compile error or a runaway check is its own status, not a failing check. */
export interface CheckRunReport {
  status: CheckRunStatus;
  results: CheckRunResult[];
  /** Compiler diagnostics (`file:line:col message`) when status is `compile-error`; the error when `error`. */
  errors: string[];
  /** When status is `timeout`: the time limit the run went past, in real milliseconds. */
  limitMs?: number;
  durationMs: number;
  /** The step graded ("Check"); absent when the run graded every step ("Check all"). */
  step?: string;
  /** Status `error`: the page ended the Worker that ran the learner's code, and why (`errors` has the detail). */
  ended?: SandboxEnd;
}

/**
 * Why the page ended a Worker that ran learner code. `refused`: it sent a message the page did not ask for, or
 * not in the shape asked for; `flood`: more than `limit` messages in one second; `stalled`: it did not answer
 * the page's heartbeat for `limit` seconds. The UI says which in the page's language.
 */
export interface SandboxEnd {
  cause: 'refused' | 'flood' | 'stalled';
  limit?: number;
}

/** Whether the terminal's cluster now runs the learner's code; `message` says why not. */
export interface LiveCodeOutcome {
  installed: boolean;
  message?: string;
}

/**
 * A graded check run, and for code labs with a live hook whose run passed, whether the terminal's cluster
 * now runs the learner's code (the same check run's compiled modules go live there). `live` settles after the
 * report is shown: the terminal's cluster boots again from its journal to take the code (undefined when the lab
 * had nothing to plug in after all).
 */
export interface GradedRun {
  report: CheckRunReport;
  live?: Promise<LiveCodeOutcome | undefined>;
}

/** The terminal as a runtime sees it: bytes out, keystrokes in, and a clear screen. */
export interface TerminalPort {
  write(text: string): void;
  onData(listener: (data: string) => void): () => void;
  reset(): void;
  /** Columns, for line wrapping in the line editor. */
  readonly cols: number;
}

/** A shell bound to a terminal; resolves `ready` once the first prompt is shown. */
export interface ShellSession {
  readonly ready: Promise<void>;
  /** Runs a line as if typed (tests). */
  type(line: string): void;
  /** Runs a block of commands (a step's command block) as one script, shown as typed, after what is running. */
  run(block: string): void;
  dispose(): void;
}

/** One workload in the mesh graph. */
export interface GraphNode {
  id: string;
  app: string;
  version: string;
  namespace: string;
  ready: number;
  total: number;
  sidecar: boolean;
}

/** Traffic between two workloads over the last interval. */
export interface GraphEdge {
  from: string;
  to: string;
  /** Requests per second. */
  rate: number;
  /** 0–1. */
  errorShare: number;
  mtls: boolean;
  /** Circuit breaker open (overflow seen) or hosts ejected by outlier detection. */
  breaker: 'closed' | 'tripped';
  ejected: number;
}

export interface MeshTopology {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/**
 * `kubectl edit` and the page's editor. `open`: show `text` as the file `path` (a new tab, or new text in the tab
 * already open for it when kubectl opens a refused save again) and answer `id` with what the learner saved or
 * cancelled; `close`: kubectl is done with the file (applied, given up, Ctrl-C), the tab goes.
 */
export type EditEvent = { type: 'open'; id: number; path: string; text: string } | { type: 'close'; path: string };

/**
 * The request inspector in the workbench's Requests tab: the cluster's recent requests as the runtime explains
 * them, in the page's language (plain data: a sandbox Worker sends it, the page checks its shape).
 */
export interface RequestSummary {
  /** The request's x-request-id (the newest request with it, when a client reused one). */
  id: string;
  method: string;
  authority: string;
  path: string;
  /** The client's answer; 0 while it is in progress or when no response came. */
  status: number;
  /** Envoy's response flags (`UO`, `-`). */
  flags: string;
  /** Simulated milliseconds from the first proxy's start to its answer. */
  durationMs: number;
  done: boolean;
}

export interface RequestList {
  /** False while `meshdojo trace off` has recording stopped. */
  recording: boolean;
  /** Newest first. */
  requests: RequestSummary[];
}

/** An Istio object a decision came from, which the tab opens in the editor (`kubectl edit`). */
export interface InspectedObject {
  kind: 'VirtualService' | 'HTTPRoute' | 'DestinationRule' | 'AuthorizationPolicy';
  namespace: string;
  name: string;
}

export interface DecisionView {
  text: string;
  /** The decision that made the client's answer. */
  cause: boolean;
  object?: InspectedObject;
}

export interface HopView {
  kind: 'gateway' | 'outbound' | 'inbound';
  /** The hop's role in words (`client sidecar`). */
  role: string;
  /** The proxy's node id, `<pod>.<namespace>`. */
  proxy: string;
  listener: string;
  /** How the request arrived (mTLS from whom, or plaintext); absent for a client's own sidecar. */
  arrival?: string;
  decisions: DecisionView[];
  /** The hop's answer in words; absent while it is in progress. */
  answer?: string;
}

/** One request explained: its answer and why, each hop with its decisions, the calls the app made for it. */
export interface RequestView extends RequestSummary {
  /** The answer in words (`→ 503 UO in 12ms`). */
  answer: string;
  /** Why it got that answer; absent while it is in progress. */
  verdict?: string;
  hops: HopView[];
  /** The address whose server answered (`ip:port`), when the last proxy passed on a server's answer. */
  server?: string;
  children: RequestView[];
}

/**
 * The workbench's Metrics tab, fed by what the proxies' `/stats/prometheus` expose (scraped about once a second):
 * a metric chosen by name, its series summed by the labels in `groupBy` among those matching every `filters`
 * label exactly — Prometheus' `sum by (…) (rate(m{…}[window]))` without the query language.
 */
export interface MetricQuery {
  metric: string;
  groupBy: string[];
  filters: Record<string, string>;
  /** Histograms only: chart a quantile (milliseconds) in place of the rate of observations. */
  show?: 'rate' | 'p50' | 'p90' | 'p99';
}

export type MetricKind = 'counter' | 'histogram';

/** One group's values at each scrape: `[ms since the oldest kept scrape… as the reader's clock says, value]`. */
export interface MetricSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

/** One group now: the rate (per second) over the window, the counter's value, and for histograms the quantiles. */
export interface MetricCurrent {
  labels: Record<string, string>;
  rate: number;
  total: number;
  /** Milliseconds, over the window; absent when no observation fell in it. */
  p50?: number;
  p90?: number;
  p99?: number;
}

export interface MetricQueryResult {
  kind: MetricKind;
  /** The rate window (ms): each point is the rate over the window that ends at it. */
  windowMs: number;
  /** The reader's clock at the latest scrape (points' times count on it). */
  now: number;
  series: MetricSeries[];
  current: MetricCurrent[];
}

/** What the pickers offer: each metric with its label names and, per label, the values seen. */
export interface MetricCatalogEntry {
  name: string;
  kind: MetricKind;
  labels: Record<string, string[]>;
}

export interface MetricCatalog {
  metrics: MetricCatalogEntry[];
  /** True when the reader stopped admitting new series (its bound): the catalogue is not complete. */
  full: boolean;
}

export interface LabRuntime {
  /** The `kind` of the runtime that booted it (src/runtime/runtimes.ts lists them). */
  readonly kind: string;
  /** Why this runtime was chosen (a message key and the error that caused a fallback, if any). */
  readonly reason: RuntimeReason;
  /** Puts the workspace files in place (replacing what was there). */
  mount(files: Record<string, string>): Promise<void>;
  writeFile(path: string, content: string): Promise<void>;
  openShell(terminal: TerminalPort): ShellSession;
  /**
   * Grades `files` on a fresh simulated cluster; never hangs longer than the time limit. Code labs: after a
   * run that passed, the learner's own cluster starts using the code (lab 1.2: its sidecars use the
   * learner's breaker); `live` is absent when the lab (or this runtime) has nothing to plug in.
   */
  runChecks(files: Record<string, string>, options?: { step?: string }): Promise<GradedRun>;
  /** A fresh cluster for the learner's terminal: the lab's start again, with the current files (the journal is emptied). */
  resetCluster(): Promise<void>;
  /** Everything the learner does in the terminal, as it happens (the page keeps it: the cluster survives a reload). */
  onJournal(listener: (entry: JournalEntry) => void): () => void;
  /** Live topology of the learner's cluster, pushed every second or so. */
  onTopology(listener: (topology: MeshTopology) => void): () => void;
  /**
   * Loads a page in the learner's browser (the workbench's browser tab), from the laptop of the terminal's
   * cluster. Absent where the page cannot reach that cluster (a WebContainer runs it out of the page's reach).
   */
  visit?(navigation: Navigation): Promise<Visit>;
  /**
   * The Requests tab: the recent requests of the terminal's cluster, one of them explained, and a call when new
   * traffic was recorded. Absent where the page cannot reach that cluster (a WebContainer runs it).
   */
  requests?(): Promise<RequestList>;
  request?(id: string): Promise<RequestView | null>;
  onTraffic?(listener: () => void): () => void;
  /**
   * The Metrics tab: a query over the terminal's cluster's recent metrics, and what can be asked. Absent where the
   * page cannot reach that cluster (a WebContainer runs it).
   */
  metrics?(query: MetricQuery): Promise<MetricQueryResult>;
  metricCatalog?(): Promise<MetricCatalog>;
  /**
   * Files `kubectl edit` opens in the page's editor, and when it is done with them. Absent where the terminal has
   * an editor of its own or none (a WebContainer's `$EDITOR`).
   */
  onEdit?(listener: (event: EditEvent) => void): () => void;
  /** The learner's answer to the `open` of `id`: the text they saved, or null for Cancel. */
  answerEdit?(id: number, text: string | null): void;
  /** Commands the cluster asks the UI to do (`istioctl dashboard kiali` opens the graph). */
  onUiEvent(listener: (event: { type: string; dashboard?: string; url?: string }) => void): () => void;
  /**
   * The terminal's cluster was ended (learner code in it stalled it, or it sent what the page refuses) and is
   * booting again from the journal, without the learner's code: the UI says why, before the new prompt.
   */
  onRestart(listener: (why: SandboxEnd) => void): () => void;
  dispose(): void;
}

/**
 * `key` names a text of whoever gave the reason: the chooser (`requested`, `setting` in select.ts) or a runtime's
 * descriptor (its `reasons`); `detail` is an untranslated error text the reason's `{{detail}}` shows.
 */
export interface RuntimeReason<Key extends string = string> {
  key: Key;
  detail?: string;
}
