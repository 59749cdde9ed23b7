/**
 * What `meshdojo check` and its grading process say to each other. The request goes in on the child's stdin
 * after a line holding the run's token; the grader's reports come back on a pipe of their own (fd 3), one line
 * each, `<token> <JSON>`. The parent accepts a line only with the token and in the shape below: anything else on
 * that pipe was written by something other than the grader (see grading-process.ts for why the checked code
 * cannot know the token).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ProgressEvent } from '../../grader/run-checks';
import type { JournalEntry } from '../../mesh';
import { factsSchema, type CheckReport, type CheckResult, type QuizAnswers } from '../../schema';

/** The file descriptor of the grader's reports in the grading process. */
export const REPORT_FD = 3;

/** A report line longer than this is not the grader's (its longest are a few kilobytes). */
export const MAX_REPORT_LINE = 4 * 1024 * 1024;

/** What the parent asks the grading process to grade. */
export interface GradingRequest {
  readonly labId: string;
  readonly files: Readonly<Record<string, string>>;
  /** Index of the first check to run (after a check was stopped, the next process resumes there). */
  readonly startAt: number;
  readonly seed?: number;
  /** The step to grade; all of them without it. */
  readonly step?: string;
  /** The journal of the learner's cluster (terminal steps). */
  readonly journal?: readonly JournalEntry[];
  /** The learner's answers to quiz steps. */
  readonly answers?: QuizAnswers;
}

export type GraderMessage =
  | ProgressEvent
  /** The run ended before its checks: the code does not compile, or the learner's state cannot be replayed. */
  | { readonly type: 'stopped'; readonly report: CheckReport }
  /** Something threw where nobody caught it (a timer or an unawaited promise of the checked code, or the grader). */
  | { readonly type: 'fault'; readonly message: string };

const text = z.object({ ko: z.string(), en: z.string() });
const result = z.object({
  id: z.string(),
  step: z.string(),
  title: text,
  status: z.enum(['pass', 'fail', 'error']),
  expected: text.exactOptional(),
  seen: text.exactOptional(),
  message: text.exactOptional(),
  hint: text,
  facts: factsSchema.exactOptional(),
  virtualMs: z.number(),
  work: z.number().exactOptional(),
}) satisfies z.ZodType<CheckResult>;
const index = z.number().int().nonnegative();

const messageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), index, id: z.string() }),
  z.object({ type: z.literal('end'), index, id: z.string(), result }),
  z.object({
    type: z.literal('stopped'),
    report: z.object({
      labId: z.string(),
      step: z.string().exactOptional(),
      status: z.enum(['compile-error', 'setup-error']),
      results: z.array(result),
      error: z.object({ title: text, detail: z.string(), file: z.string().exactOptional() }),
      firstHint: text.exactOptional(),
    }),
  }),
  z.object({ type: z.literal('fault'), message: z.string().max(2_000) }),
]) satisfies z.ZodType<GraderMessage>;

/** A fresh secret for one grading process. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

// Taken when this module loads, before any checked code runs, so replacing JSON.stringify later changes nothing.
const stringify = JSON.stringify;

export function reportLine(token: string, message: GraderMessage): string {
  return `${token} ${stringify(message)}\n`;
}

/** The grader's message on a report line, or why the line is refused. */
export function readReportLine(
  token: string,
  line: string,
): { readonly message: GraderMessage } | { readonly refused: string } {
  const space = line.indexOf(' ');
  const given = Buffer.from(space < 0 ? '' : line.slice(0, space));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { refused: 'a report line without the run’s token' };
  let json: unknown;
  try {
    json = JSON.parse(line.slice(space + 1));
  } catch {
    return { refused: 'a report line that is not JSON' };
  }
  const parsed = messageSchema.safeParse(json);
  return parsed.success ? { message: parsed.data } : { refused: 'a report line of an unknown shape' };
}
