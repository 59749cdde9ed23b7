/**
 * Inside the grading process: load the labs from disk, grade, and report each check as it starts and ends, so
 * the parent can stop a check that never returns (learner code stuck in a loop cannot be interrupted from its
 * own thread) and knows which check was running when anything else went wrong.
 */
import { runChecks } from '../../grader/run-checks';
import { loadLabs } from '../registry';
import type { GraderMessage, GradingRequest } from './protocol';

export async function grade(request: GradingRequest, report: (message: GraderMessage) => void): Promise<void> {
  const lab = (await loadLabs()).find((l) => l.meta.id === request.labId);
  if (lab === undefined) throw new Error(`unknown lab ${request.labId}`);
  const result = await runChecks(lab, request.files, {
    startAt: request.startAt,
    ...(request.seed !== undefined && { seed: request.seed }),
    ...(request.step !== undefined && { step: request.step }),
    ...(request.journal !== undefined && { journal: request.journal }),
    ...(request.answers !== undefined && { answers: request.answers }),
    onProgress: report,
  });
  // A finished run needs no last word: the parent has every check's result once the last one ends.
  if (result.status === 'compile-error' || result.status === 'setup-error') report({ type: 'stopped', report: result });
}
