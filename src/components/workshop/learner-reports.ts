/**
 * The workbench's hook into the workshop: after a check run, the run goes into the report queue of the workshop
 * this browser has joined (nothing happens when it has joined none). One sender per page.
 */
import type { CheckRun, CheckStatus, ReportRunsAnswer } from '../../workshop/protocol';
import { callApi } from './api';
import { readJoined } from './joined-workshop';
import { ReportSender } from './report-sender';
import { newRunId } from './run-id';

let sender: { workshopId: string; sender: ReportSender } | undefined;

/** The sender for the joined workshop, made on first use; `undefined` when this browser has joined none. */
export function workshopReports(): ReportSender | undefined {
  const joined = readJoined();
  if (joined === undefined || joined.closed) return undefined;
  if (sender?.workshopId !== joined.id) {
    const path = `/api/me/runs?workshop=${encodeURIComponent(joined.id)}`;
    sender = {
      workshopId: joined.id,
      sender: new ReportSender(joined.id, {
        storage: globalThis.localStorage,
        post: async (runs: readonly CheckRun[]) => {
          const answer = await callApi<ReportRunsAnswer>('POST', path, { runs });
          if (answer.status === 0) return undefined;
          return answer.ok ? { status: answer.status, answer: answer.value } : { status: answer.status };
        },
        setTimer: (run, ms) => setTimeout(run, ms),
        clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
      }),
    };
  }
  return sender.sender;
}

/** After a check run in the workbench (or a quiz answered): queue it for the workshop, if any. */
export function reportCheckRun(
  lab: string,
  results: readonly { readonly step: string; readonly id: string; readonly status: CheckStatus }[],
): void {
  if (results.length === 0) return;
  const reports = workshopReports();
  if (reports === undefined || !readJoined()?.labs.includes(lab)) return;
  const run: CheckRun = {
    id: newRunId(),
    lab,
    at: Date.now(),
    results: results.slice(0, 100).map(({ step, id, status }) => ({ step, check: id, status })),
  };
  void reports.add(run);
}
