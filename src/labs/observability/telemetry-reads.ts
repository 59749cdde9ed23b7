/**
 * What the observability checks read from the sidecars, with the commands the learner types: a proxy's
 * istio_requests_total through `pilot-agent request GET stats/prometheus`, and its access log through
 * `kubectl logs … -c istio-proxy`. The checks grade these, so a learner's run and a check's read the same things.
 */
import { both } from '../grader/text';
import type { CheckContext, CheckOutcome } from '../schema';

/** One istio_requests_total series: its labels and its count. */
export interface RequestSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly count: number;
}

/** What went wrong running a command, in the terminal's words. */
class CommandFailed extends Error {}

async function run(ctx: CheckContext, line: string): Promise<string> {
  const result = await (await ctx.shell()).run(line);
  if (result.exitCode !== 0) throw new CommandFailed(`${line}: ${(result.stderr || result.stdout).trim()}`);
  return result.stdout;
}

/** A command the check needed failed (no such Deployment, no address): a failed check quoting the terminal. */
export async function graded(grade: () => Promise<CheckOutcome>): Promise<CheckOutcome> {
  try {
    return await grade();
  } catch (error) {
    if (!(error instanceof CommandFailed)) throw error;
    return { pass: false, seen: both(`명령이 실패했습니다: ${error.message}`, `A command failed: ${error.message}`) };
  }
}

const SERIES = /^istio_requests_total\{(.*)\} (\d+)$/;
const LABEL = /([a-z_]+)="((?:[^"\\]|\\.)*)"/g;

/** Prometheus' text format, istio_requests_total lines only. */
export function parseRequestsTotal(text: string): RequestSeries[] {
  return text.split('\n').flatMap((line) => {
    const m = SERIES.exec(line);
    if (m === null) return [];
    const labels = Object.fromEntries([...m[1]!.matchAll(LABEL)].map(([, k, v]) => [k!, v!]));
    return [{ labels, count: Number(m[2]) }];
  });
}

/** The series one Deployment's sidecar keeps, as `pilot-agent request GET stats/prometheus` prints them. */
export async function requestsTotal(ctx: CheckContext, deployment: string): Promise<RequestSeries[]> {
  return parseRequestsTotal(
    await run(ctx, `kubectl exec deploy/${deployment} -c istio-proxy -- pilot-agent request GET stats/prometheus`),
  );
}

/** The access log lines one Deployment's sidecar wrote. */
export async function accessLog(ctx: CheckContext, deployment: string): Promise<string[]> {
  const out = await run(ctx, `kubectl logs deploy/${deployment} -c istio-proxy`);
  return out.split('\n').filter((line) => line.trim() !== '');
}

/** Sum of the series whose labels hold every given value; `code` filters on response_code's class (5 = 5xx). */
export function sumWhere(series: readonly RequestSeries[], match: Record<string, string>, codeClass?: string): number {
  return series
    .filter((s) => Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .filter((s) => codeClass === undefined || (s.labels['response_code'] ?? '').startsWith(codeClass))
    .reduce((total, s) => total + s.count, 0);
}
