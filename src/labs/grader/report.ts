/**
 * Reports as a learner reads them: the real-time limit on checks (one setting for the browser and Node) with
 * the result of a check stopped by it, and a one-language view for UIs and the CLI.
 */
import type { Bilingual, Check, CheckReport, CheckResult, Facts, Lang } from '../schema';
import { both } from './text';

/**
 * Real time checks may take before their worker is terminated: in the browser a whole check run (the lab
 * payload hands it to the page's CheckRunner), under Node each check (node/sandbox/run-checks-in-sandbox.ts).
 * A backstop, not the loop detector: a loop that never ends is stopped by the work meter (work-meter.ts) long
 * before, whatever else the machine is doing. Runs take about a second; 30 s leaves room for a machine many
 * times slower and busy, and still ends what no tick sees.
 */
export const CHECK_TIME_LIMIT_MS = 30_000;

/** A check that could not finish, with why (`message`): an error, never a pass or a fail. */
export function erroredCheck(check: Pick<Check, 'id' | 'step' | 'title' | 'hint'>, message: Bilingual): CheckResult {
  return {
    id: check.id,
    step: check.step,
    title: check.title,
    hint: check.hint,
    status: 'error',
    message,
    virtualMs: 0,
  };
}

/** The result of a check whose worker was terminated because it ran past the wall-clock limit. */
export function wallClockTimeout(
  check: Pick<Check, 'id' | 'step' | 'title' | 'hint'>,
  limitMs = CHECK_TIME_LIMIT_MS,
): CheckResult {
  const s = limitMs / 1000;
  return erroredCheck(
    check,
    both(
      `검사가 ${s}초 넘게 끝나지 않아 중단했습니다. 끝나지 않는 반복문은 이보다 먼저 멈추므로, 반복문 밖에서 오래 걸리는 작업(백트래킹이 끝나지 않는 정규식, 한 번에 만드는 거대한 문자열이나 배열 등)이 있는지 확인하십시오.`,
      `The check ran for more than ${s} s and was stopped. Loops that never end are stopped sooner, so look for work no loop counts: a regular expression that backtracks, a huge string or array made at once.`,
    ),
  );
}

export interface LocalizedResult {
  readonly id: string;
  readonly step: string;
  readonly title: string;
  readonly status: CheckResult['status'];
  readonly expected?: string;
  readonly seen?: string;
  readonly message?: string;
  readonly hint: string;
  readonly facts?: Facts;
}

export interface LocalizedReport {
  readonly labId: string;
  readonly step?: string;
  readonly status: CheckReport['status'];
  readonly results: readonly LocalizedResult[];
  readonly error?: { readonly title: string; readonly detail: string; readonly file?: string };
  readonly firstHint?: string;
}

export function localizeReport(report: CheckReport, lang: Lang): LocalizedReport {
  const t = (text: Bilingual): string => text[lang];
  return {
    labId: report.labId,
    ...(report.step !== undefined && { step: report.step }),
    status: report.status,
    results: report.results.map((r) => ({
      id: r.id,
      step: r.step,
      title: t(r.title),
      status: r.status,
      hint: t(r.hint),
      ...(r.expected !== undefined && { expected: t(r.expected) }),
      ...(r.seen !== undefined && { seen: t(r.seen) }),
      ...(r.message !== undefined && { message: t(r.message) }),
      ...(r.facts !== undefined && { facts: r.facts }),
    })),
    ...(report.error !== undefined && {
      error: {
        title: t(report.error.title),
        detail: report.error.detail,
        ...(report.error.file !== undefined && { file: report.error.file }),
      },
    }),
    ...(report.firstHint !== undefined && { firstHint: t(report.firstHint) }),
  };
}
