import type { CheckRunReport, CheckRunResult, LabStepInfo } from '../../../runtime/types';
import { icon, type IconName } from '../icons';
import { describeSandboxEnd, format, type LabStrings } from '../strings';

/**
 * Renders a check run: a summary line (announced politely to screen readers), each check as pass, fail or
 * error (it could not finish) with expected vs seen — under its step's heading when the run graded every
 * step —, and the hint of the first failure. A compile error or a stopped run is its own message.
 */
export function renderReport(
  host: HTMLElement,
  summary: HTMLElement,
  report: CheckRunReport | undefined,
  t: LabStrings,
  steps: readonly LabStepInfo[],
): void {
  host.replaceChildren();
  if (!report) {
    summary.textContent = t['lab.check.none'];
    return;
  }
  const passed = report.results.filter((r) => r.status === 'pass').length;
  const duration = format(t['lab.check.duration'], { ms: Math.round(report.durationMs) });
  switch (report.status) {
    case 'passed':
      summary.textContent = `${format(t['lab.check.passed'], { count: report.results.length })} (${duration})`;
      break;
    case 'failed':
      summary.textContent = `${format(t['lab.check.failed'], { passed, count: report.results.length })} (${duration})`;
      break;
    case 'compile-error':
      summary.textContent = t['lab.check.compileError'];
      break;
    case 'timeout':
      summary.textContent = format(t['lab.check.timeout'], { seconds: (report.limitMs ?? 0) / 1000 });
      break;
    case 'error':
      // The sandbox ended the Worker that ran the learner's code: say why (the detail follows, as it came).
      summary.textContent = report.ended ? describeSandboxEnd(report.ended, t) : t['lab.check.error'];
  }
  summary.dataset['status'] = report.status;
  if (report.errors.length > 0) host.append(el('pre', 'check-error', report.errors.join('\n')));
  if (report.results.length === 0) return;
  const byStep = report.step === undefined;
  let list = el('ol', 'check-list');
  let step: string | undefined;
  for (const result of report.results) {
    if (byStep && result.step !== step) {
      step = result.step;
      const index = steps.findIndex((s) => s.id === step);
      if (list.childElementCount > 0) host.append(list);
      host.append(
        el(
          'h3',
          'check-step',
          format(t['lab.check.stepHeading'], { n: index + 1, title: steps[index]?.title ?? step }),
        ),
      );
      list = el('ol', 'check-list');
    }
    const item = el('li', `check ${result.status}`);
    item.dataset['checkId'] = result.id;
    const head = el('p', 'check-head');
    head.append(badge(result, t), ` ${result.title}`);
    item.append(head);
    if (result.status !== 'pass') {
      const details = el('dl', 'check-details');
      if (result.expected) details.append(el('dt', '', t['lab.check.expected']), el('dd', '', result.expected));
      if (result.seen) details.append(el('dt', '', t['lab.check.seen']), el('dd', '', result.seen));
      if (details.childElementCount > 0) item.append(details);
    }
    if (result.message) item.append(el('p', 'check-message', result.message));
    list.append(item);
  }
  host.append(list);
  const firstFailure = report.results.find((r) => r.status !== 'pass');
  if (firstFailure?.hint) {
    const hint = el('p', 'check-hint');
    hint.append(el('strong', '', `${t['lab.check.hint']}: `), firstFailure.hint);
    host.append(hint);
  }
}

/** The result's mark (drawn, so it looks the same without any symbol font) and its word. */
function badge(result: CheckRunResult, t: LabStrings): HTMLElement {
  const marks: Record<CheckRunResult['status'], [IconName, string]> = {
    pass: ['pass', t['lab.check.pass']],
    fail: ['fail', t['lab.check.fail']],
    error: ['error', t['lab.check.errored']],
  };
  const [mark, word] = marks[result.status];
  const element = el('span', 'badge');
  element.append(icon(mark, 14), ` ${word}`);
  return element;
}

function el(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
