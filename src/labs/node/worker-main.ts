/**
 * Inside the grading worker_thread: load the labs from disk, grade, and report progress so the parent can
 * stop a check that never returns (learner code stuck in a loop cannot be interrupted from its own thread).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runChecks } from '../grader/run-checks';
import { loadLabs } from './registry';
import type { WorkerRequest, WorkerMessage } from './worker-protocol';

export async function start(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('worker-main runs only in a worker_thread');
  const request = workerData as WorkerRequest;
  const post = (message: WorkerMessage): void => port.postMessage(message);
  try {
    const lab = (await loadLabs()).find((l) => l.meta.id === request.labId);
    if (lab === undefined) throw new Error(`unknown lab ${request.labId}`);
    const report = await runChecks(lab, request.files, {
      startAt: request.startAt,
      ...(request.seed !== undefined && { seed: request.seed }),
      ...(request.step !== undefined && { step: request.step }),
      ...(request.journal !== undefined && { journal: request.journal }),
      ...(request.answers !== undefined && { answers: request.answers }),
      onProgress: (event) => post({ type: 'progress', event }),
    });
    post({ type: 'report', report });
  } catch (error) {
    post({ type: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
