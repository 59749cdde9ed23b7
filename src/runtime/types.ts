/**
 * The contract between the workbench UI and whatever runs a lab. Components only ever see these types,
 * so the sandbox Worker, a WebContainer and plain Node are interchangeable below the UI.
 */

export type Locale = 'ko' | 'en';
export type RuntimeKind = 'sandbox' | 'webcontainer' | 'node';
/** What the learner (or `?runtime=`) asked for; `auto` lets the page decide. */
export type RuntimeChoice = 'auto' | 'sandbox' | 'webcontainer';

/** A file the learner sees in the editor. Paths are relative to the lab's workspace (`src/breaker.ts`). */
export interface LabFile {
  path: string;
  content: string;
  /** Shown but not editable (given code the checks rely on). */
  readOnly: boolean;
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
  /** Where the shell starts (the lab files are there), what the cluster has installed, what runs first. */
  shell: { cwd: string; preset: 'bare' | 'istio' | 'bookinfo'; seed: number; setup: string[] };
  /** The lesson this lab belongs to, without locale (`part-1/circuit-breaker`). */
  lessonSlug: string;
  summary: string;
}

/** The outcome of one check, in the page's language. */
export interface CheckResult {
  id: string;
  title: string;
  passed: boolean;
  /** What the check wanted and what it saw, when it can say. */
  expected?: string;
  seen?: string;
  message: string;
  hint?: string;
}

export type CheckRunStatus = 'passed' | 'failed' | 'compile-error' | 'timeout' | 'error';

/** A whole check run. A compile error or a runaway check is its own status, not a failing check. */
export interface CheckReport {
  status: CheckRunStatus;
  results: CheckResult[];
  /** Compiler diagnostics (`file:line:col message`) when status is `compile-error`; the error otherwise. */
  errors: string[];
  durationMs: number;
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
  /** Runs a line as if typed (tests, "run this" buttons in instructions). */
  type(line: string): void;
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

export interface LabRuntime {
  readonly kind: RuntimeKind;
  /** Why this runtime was chosen (a message key and the error that caused a fallback, if any). */
  readonly reason: RuntimeReason;
  /** Puts the workspace files in place (replacing what was there). */
  mount(files: Record<string, string>): Promise<void>;
  writeFile(path: string, content: string): Promise<void>;
  openShell(terminal: TerminalPort): ShellSession;
  /** Grades `files` on a fresh simulated cluster; never hangs longer than the time limit. */
  runChecks(files: Record<string, string>): Promise<CheckReport>;
  /**
   * Code labs: the learner's own cluster starts using `files` (lab 1.2: its sidecars use the learner's
   * breaker). Undefined result: the lab (or this runtime) has nothing to plug in.
   */
  useLearnerCode?(files: Record<string, string>): Promise<{ installed: boolean; message?: string } | undefined>;
  /** Live topology of the learner's cluster, pushed every second or so. */
  onTopology(listener: (topology: MeshTopology) => void): () => void;
  /** Commands the cluster asks the UI to do (`istioctl dashboard kiali` opens the graph). */
  onUiEvent(listener: (event: { type: string; dashboard?: string }) => void): () => void;
  dispose(): void;
}

/** `key` is an i18n key under `lab.runtime.reason.*`; `detail` an untranslated error text. */
export interface RuntimeReason {
  key:
    | 'auto-not-isolated'
    | 'auto-sandbox'
    | 'auto-offline'
    | 'fallback-unreachable'
    | 'requested'
    | 'setting'
    | 'fallback-timeout'
    | 'fallback-error'
    | 'webcontainer-ok';
  detail?: string;
}
