import { RUNTIME_SETTING_KEY } from '../../runtime/environment';
import { allRuntimes } from '../../runtime/runtimes';
import type { CheckRunReport, GradedRun } from '../../runtime/types';
import { recordChecks } from '../progress/progress';
import { reportCheckRun } from '../workshop/learner-reports';
import { renderReport } from './checks/checks-panel';
import { quizReport, withQuizResults } from './steps/quiz-steps';
import { importZipFile } from './store/zip-import';
import { refusalMessage } from './store/zip-messages';
import { ZipRefused } from './store/zip-refusal';
import { format, formatCount } from './strings';
import type { WorkspaceRecord } from './store/workspace-store';
import type { Workbench } from './workbench';

/**
 * Wires the toolbar: Check this step / Check all (a quiz step is graded in the page; the other steps in the
 * runtime's Worker), Solve / Undo, Reset files / Reset cluster, Diff, Format, export and import, the runtime
 * setting.
 */
export function bindActions(workbench: Workbench, checks: { list: HTMLElement; summary: HTMLElement }): void {
  const { root, data, record } = workbench;
  const { payload, strings: t } = data;
  const button = (action: string) => root.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  const editable = payload.files.filter((f) => !f.readOnly).map((f) => f.path);
  const notice = root.querySelector<HTMLElement>('[data-notice]')!;
  const say = (text: string) => (notice.textContent = text);
  const checkButtons = [button('check'), button('check-all')];

  const quizSteps = payload.steps.filter((s) => s.kind === 'quiz').map((s) => s.id);
  /** One step or all of them: a quiz step's answers in the page, the rest in the runtime's Worker. */
  const grade = async (step: string | undefined): Promise<GradedRun> => {
    if (step !== undefined && workbench.quiz.has(step))
      return { report: quizReport(step, workbench.quiz.check([step])) };
    const quizResults = step === undefined ? workbench.quiz.check(quizSteps) : [];
    const runtime = await workbench.runtime;
    const graded = await runtime.runChecks({ ...record.files }, step === undefined ? {} : { step });
    return step === undefined ? { ...graded, report: withQuizResults(graded.report, quizResults, payload) } : graded;
  };

  const check = async (step: string | undefined) => {
    checkButtons.forEach((b) => (b.disabled = true));
    checks.summary.textContent = t['lab.check.running'];
    checks.list.closest('section')?.setAttribute('aria-busy', 'true');
    try {
      const { report, live } = await grade(step);
      record.report = report;
      record.facts = keptFacts(record.facts, report);
      workbench.persist();
      renderReport(checks.list, checks.summary, report, t, payload.steps);
      const results = report.results.map(({ step: of, id, status }) => ({ step: of, id, status }));
      recordChecks(
        payload.id,
        payload.steps.map((s) => s.id),
        results,
      );
      // A workshop this browser has joined gets the run too (queued, sent when the network allows).
      reportCheckRun(payload.id, results);
      workbench.showProgress(report);
      // Code labs: code that ran to the end in the check Worker goes into the learner's own cluster.
      void live?.then(
        (outcome) =>
          outcome &&
          say(
            outcome.installed ? t['lab.live.installed'] : format(t['lab.live.failed'], { why: outcome.message ?? '' }),
          ),
        (error: unknown) =>
          say(format(t['lab.live.failed'], { why: error instanceof Error ? error.message : String(error) })),
      );
    } finally {
      checkButtons.forEach((b) => (b.disabled = false));
      checks.list.closest('section')?.removeAttribute('aria-busy');
    }
  };
  button('check').addEventListener('click', () => void check(workbench.currentStep()));
  button('check-all').addEventListener('click', () => void check(undefined));

  const solve = button('solve');
  const undo = button('undo-solve');
  const showUndo = () => {
    undo.hidden = record.beforeSolve === undefined;
  };
  showUndo();
  // A quiz's answers are not files: Solve fills them in (Check grades them), Undo puts back what this page had.
  let undoAnswers: (() => void) | undefined;
  solve.addEventListener('click', () => {
    record.beforeSolve = Object.fromEntries(editable.map((path) => [path, record.files[path] ?? '']));
    undoAnswers = workbench.quiz.fillRightAnswers();
    workbench.setFiles(payload.solution);
    workbench.persist();
    showUndo();
    say(t['lab.solve.done']);
    undo.focus();
  });
  undo.addEventListener('click', () => {
    if (!record.beforeSolve) return;
    undoAnswers?.();
    undoAnswers = undefined;
    workbench.setFiles(record.beforeSolve);
    delete record.beforeSolve;
    workbench.persist();
    showUndo();
    solve.focus();
  });

  button('reset').addEventListener('click', () => {
    if (!confirm(t['lab.reset.confirm'])) return;
    workbench.setFiles(Object.fromEntries(payload.files.filter((f) => !f.readOnly).map((f) => [f.path, f.content])));
    delete record.report;
    delete record.beforeSolve;
    workbench.persist();
    showUndo();
    renderReport(checks.list, checks.summary, undefined, t, payload.steps);
  });

  const resetCluster = button('reset-cluster');
  resetCluster.addEventListener('click', async () => {
    if (!confirm(t['lab.reset.cluster.confirm'])) return;
    resetCluster.disabled = true;
    try {
      record.journal = [];
      workbench.persist();
      await (await workbench.runtime).resetCluster();
      say(t['lab.reset.cluster.done']);
    } finally {
      resetCluster.disabled = false;
    }
  });

  // Diff: the learner's file beside the solution, for the file tab showing. The same button (or Escape)
  // closes it; switching tabs closes it too (main.ts).
  const diff = button('diff');
  const diffLabels = {
    region: t['lab.diff.label'],
    yours: t['lab.diff.yours'],
    solution: t['lab.diff.solution'],
  };
  const showDiffState = (open: boolean) => {
    diff.setAttribute('aria-expanded', String(open));
    diff.textContent = open ? t['lab.diff.close'] : t['lab.diff'];
    if (open) diff.setAttribute('aria-controls', 'lab-diff');
    else diff.removeAttribute('aria-controls');
  };
  const syncDiffButton = () => (diff.disabled = !editable.includes(workbench.current ?? ''));
  syncDiffButton();
  root.addEventListener('workbench:file', syncDiffButton);
  diff.addEventListener('click', async () => {
    const editor = await workbench.editor;
    const path = workbench.current;
    if (diff.getAttribute('aria-expanded') === 'true') return editor.hideDiff();
    if (path === undefined || !editable.includes(path)) return;
    editor.showDiff(path, payload.solution[path] ?? '', diffLabels, () => showDiffState(false));
    showDiffState(true);
  });

  button('format').addEventListener('click', async () => (await workbench.editor).format());

  button('export').addEventListener('click', async () => {
    const { exportZip, download } = await import('./store/zip');
    download(exportZip(payload.id, record.files, record.journal, workbench.quiz.answers()), `${payload.id}.zip`);
  });
  const input = root.querySelector<HTMLInputElement>('[data-import-input]')!;
  button('import').addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const files = await importZipFile(file, payload.id, editable);
      const count = Object.keys(files).length;
      // The learner's own work is replaced only when they say so, knowing which files.
      const replaced = Object.keys(files).filter((path) => files[path] !== record.files[path]);
      if (count === 0) say(t['lab.import.nothing']);
      else if (replaced.length > 0 && !confirm(format(t['lab.import.confirm'], { files: replaced.join('\n') })))
        say(t['lab.import.cancelled']);
      else {
        workbench.setFiles(files);
        say(formatCount(t, 'lab.import.done', count, payload.locale));
      }
    } catch (error) {
      if (error instanceof ZipRefused) say(refusalMessage(error.refusal, t, payload.locale));
      else say(format(t['lab.import.failed'], { error: error instanceof Error ? error.message : String(error) }));
    }
  });

  // The select shows what runs the page: `?runtime=` when it names a runtime, else the saved setting.
  const setting = root.querySelector<HTMLSelectElement>('[data-runtime-setting]')!;
  const requested = new URLSearchParams(location.search).get('runtime');
  const kinds = allRuntimes().map((runtime) => runtime.kind);
  setting.value =
    requested !== null && kinds.includes(requested) ? requested : (localStorage.getItem(RUNTIME_SETTING_KEY) ?? 'auto');
  if (requested !== null && requested !== 'auto' && !kinds.includes(requested))
    say(format(t['lab.runtime.unknown'], { value: requested, kinds: kinds.join(', ') }));
  setting.addEventListener('change', () => {
    localStorage.setItem(RUNTIME_SETTING_KEY, setting.value);
    const url = new URL(location.href);
    url.searchParams.delete('runtime');
    location.assign(url);
  });
}

/** The facts kept after a run: a passing check's replace its old ones, a check that did not pass loses them. */
function keptFacts(
  kept: WorkspaceRecord['facts'],
  report: CheckRunReport,
): Record<string, Record<string, string | number>> {
  const facts = { ...kept };
  for (const result of report.results) {
    if (result.status === 'pass' && result.facts !== undefined) facts[result.id] = result.facts;
    else delete facts[result.id];
  }
  return facts;
}
