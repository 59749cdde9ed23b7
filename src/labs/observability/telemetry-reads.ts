/**
 * What the observability checks read from the sidecars, with the commands the learner types: a proxy's
 * istio_requests_total through `pilot-agent request GET stats/prometheus`, and its access log through
 * `kubectl logs … -c istio-proxy`. The checks grade these, so a learner's run and a check's read the same things.
 */
import { commandOutput } from '../grader/terminal-commands';
import type { CheckContext } from '../schema';

/** One istio_requests_total series: its labels and its count. */
export interface RequestSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly count: number;
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
    await commandOutput(
      ctx,
      `kubectl exec deploy/${deployment} -c istio-proxy -- pilot-agent request GET stats/prometheus`,
    ),
  );
}

/** The access log lines one Deployment's sidecar wrote. */
export async function accessLog(ctx: CheckContext, deployment: string): Promise<string[]> {
  const out = await commandOutput(ctx, `kubectl logs deploy/${deployment} -c istio-proxy`);
  return out.split('\n').filter((line) => line.trim() !== '');
}

/** Sum of the series whose labels hold every given value; `code` filters on response_code's class (5 = 5xx). */
export function sumWhere(series: readonly RequestSeries[], match: Record<string, string>, codeClass?: string): number {
  return series
    .filter((s) => Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .filter((s) => codeClass === undefined || (s.labels['response_code'] ?? '').startsWith(codeClass))
    .reduce((total, s) => total + s.count, 0);
}
