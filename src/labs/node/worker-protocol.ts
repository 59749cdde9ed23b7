import type { ProgressEvent } from '../grader/run-checks';
import type { JournalEntry } from '../mesh';
import type { CheckReport, QuizAnswers } from '../schema';

/** What the parent hands the grading worker (workerData). */
export interface WorkerRequest {
  readonly labId: string;
  readonly files: Readonly<Record<string, string>>;
  /** Index of the first check to run (after a check was stopped, the next worker resumes there). */
  readonly startAt: number;
  readonly seed?: number;
  /** The step to grade; all of them without it. */
  readonly step?: string;
  /** The journal of the learner's cluster (terminal steps). */
  readonly journal?: readonly JournalEntry[];
  /** The learner's answers to quiz steps. */
  readonly answers?: QuizAnswers;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly event: ProgressEvent }
  | { readonly type: 'report'; readonly report: CheckReport }
  | { readonly type: 'crash'; readonly message: string };
