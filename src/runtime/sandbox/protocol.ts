import type { CheckReport, LabPayload, Locale, MeshTopology } from '../types';

/** Messages the page sends to a sandbox Worker; each carries an id its reply echoes. */
export type Request =
  | { type: 'boot'; payload: LabPayload; files: Record<string, string> }
  | { type: 'run'; line: string }
  | { type: 'complete'; prefix: string }
  | { type: 'write'; path: string; content: string }
  | { type: 'mount'; files: Record<string, string> }
  | { type: 'check'; labId: string; locale: Locale; files: Record<string, string> }
  /** Loads the grader ahead of the first check (a spare check Worker). */
  | { type: 'warm' }
  /** Code labs: the terminal's cluster starts using the learner's code (after a finished check run). */
  | { type: 'live'; labId: string; locale: Locale; files: Record<string, string> };

export interface Replies {
  /** `timings`: milestones of the boot, as absolute times (performance.timeOrigin + now). */
  boot: { cwd: string; banner: string; timings: Record<string, number> };
  run: { output: string; cwd: string };
  complete: string[];
  write: null;
  mount: null;
  check: CheckReport;
  warm: null;
  live: { installed: boolean; message?: string } | null;
}

export type Envelope = { id: number; request: Request } | { id: 0; cancel: true };

export type WorkerMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string }
  | { event: 'topology'; topology: MeshTopology }
  | { event: 'ui'; ui: { type: string; dashboard?: string } };
