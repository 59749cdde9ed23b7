/** What `meshdojo labs | lab | check | shell` print and write, in both languages. */
import { JOURNAL_PATH } from '../folder-format';
import type { CheckReport, CheckResult, Lab, Lang, LabStep } from '../schema';
import type { FolderProblem } from './lab-folder';
import { howToAnswer, quizReadme } from './quiz-terminal';
import { fillYourRun } from '../your-run';
import { CHECK_FLAGS_EN } from './check-text';
import { PINNED_NODE_MAJOR } from './sandbox/grading-node';

export function usage(): string {
  return `Usage:
  meshdojo labs                                   List the labs
  meshdojo lab <id> [DIR] [--solution] [--force]  Write a lab's folder: files, README.md, .meshdojo/ (default ./<id>)
  meshdojo check [DIR] [--all] [--json] [--verbose] [--answer ID=ANSWER]...
                                                  Grade the current step of the lab in DIR (default .); on a
                                                  terminal, a quiz step's questions are asked. Your code runs on
                                                  your machine, in a Node ${PINNED_NODE_MAJOR} process under Node's
                                                  permission model: meshdojo check --help says what it may do

Flags:
  --solution  Write the finished lab (the files, the journal of a cluster where every step was done, the answers)
  --force     Overwrite files in DIR that differ from the lab's
${CHECK_FLAGS_EN}`;
}

const list = (paths: readonly string[]): string => paths.map((p) => `  ${p}\n`).join('');

export const MESSAGES = {
  unknownLab: {
    ko: (id: string, ids: readonly string[]) => `meshdojo: "${id}"라는 실습은 없습니다. 있는 실습: ${ids.join(', ')}\n`,
    en: (id: string, ids: readonly string[]) => `meshdojo: there is no lab "${id}". Labs: ${ids.join(', ')}\n`,
  },
  wouldOverwrite: {
    ko: (paths: string[]) =>
      `meshdojo: 아래 파일이 이미 있고 내용이 달라 아무것도 쓰지 않았습니다. 다른 폴더를 고르거나 --force를 붙이십시오.\n${list(paths)}`,
    en: (paths: string[]) =>
      `meshdojo: these files exist with other content, so nothing was written. Pick another folder or add --force.\n${list(paths)}`,
  },
  wrote: {
    ko: (lab: Lab, dir: string, paths: string[]) =>
      `실습 ${lab.meta.lesson} "${lab.meta.title.ko}" 폴더를 ${dir}에 만들었습니다.\n${list(paths)}` +
      `단계는 README.md에 있습니다. 편집할 파일: ${lab.meta.editable.join(', ')}\n` +
      `터미널: cd ${dir} && meshdojo shell\n채점: meshdojo check ${dir}\n`,
    en: (lab: Lab, dir: string, paths: string[]) =>
      `Wrote lab ${lab.meta.lesson} "${lab.meta.title.en}" to ${dir}\n${list(paths)}` +
      `The steps are in README.md. Edit: ${lab.meta.editable.join(', ')}\n` +
      `Terminal: cd ${dir} && meshdojo shell\nCheck: meshdojo check ${dir}\n`,
  },
  missingFiles: {
    ko: (paths: readonly string[]) => `meshdojo: 채점할 파일이 없습니다.\n${list(paths)}`,
    en: (paths: readonly string[]) => `meshdojo: files to check are missing.\n${list(paths)}`,
  },
  shellBanner: {
    ko: (lab: Lab, replayed: number) =>
      `meshdojo shell — 실습 ${lab.meta.lesson} "${lab.meta.title.ko}"의 클러스터입니다. ` +
      `${replayed > 0 ? `${JOURNAL_PATH}에 남은 작업 ${replayed}개를 다시 실행했습니다. ` : ''}` +
      `여기서 한 일은 ${JOURNAL_PATH}에 남습니다. 채점: meshdojo check. 나가기: exit 또는 Ctrl-D.`,
    en: (lab: Lab, replayed: number) =>
      `meshdojo shell — the cluster of lab ${lab.meta.lesson} "${lab.meta.title.en}". ` +
      `${replayed > 0 ? `Replayed ${replayed === 1 ? 'the entry' : `the ${replayed} entries`} of ${JOURNAL_PATH}. ` : ''}` +
      `What you do here is kept in ${JOURNAL_PATH}. Check: meshdojo check. Leave: exit or Ctrl-D.`,
  },
} as const;

export function folderProblem(problem: FolderProblem, lang: Lang): string {
  const ko = lang === 'ko';
  switch (problem.kind) {
    case 'no-marker':
      return ko
        ? `meshdojo: ${problem.dir}는 실습 폴더가 아닙니다. 먼저 meshdojo lab <id> ${problem.dir}로 만드십시오.\n`
        : `meshdojo: ${problem.dir} is not a lab folder. Create one with meshdojo lab <id> ${problem.dir} first.\n`;
    case 'bad-marker':
      return ko
        ? `meshdojo: ${problem.path}을(를) 읽을 수 없습니다. meshdojo lab으로 폴더를 다시 만드십시오.\n`
        : `meshdojo: ${problem.path} cannot be read. Recreate the folder with meshdojo lab.\n`;
    case 'newer-format':
      return ko
        ? `meshdojo: ${problem.path}은(는) 더 새 meshdojo가 만든 폴더입니다. meshdojo를 업데이트하십시오.\n`
        : `meshdojo: ${problem.path} was written by a newer meshdojo. Update meshdojo.\n`;
    case 'unknown-lab':
      return MESSAGES.unknownLab[lang](problem.id, problem.ids);
    case 'bad-journal':
      return ko
        ? `meshdojo: ${problem.path}의 작업 기록을 다시 실행할 수 없습니다: ${problem.message}\n클러스터를 처음부터 시작하려면 이 파일을 지우십시오.\n`
        : `meshdojo: the journal in ${problem.path} cannot be replayed: ${problem.message}\nDelete the file to start the cluster afresh.\n`;
    case 'bad-answers':
      return ko
        ? `meshdojo: ${problem.path}의 답을 읽을 수 없습니다. 이 파일을 지우고 질문에 다시 답하십시오.\n`
        : `meshdojo: the answers in ${problem.path} cannot be read. Delete the file and answer the questions again.\n`;
  }
}

const WORDS = {
  ko: {
    expected: '기대',
    seen: '실제',
    answer: '답',
    hint: '힌트',
    checks: (n: number, of: number) => `검사 ${of}개 중 ${n}개 통과`,
    steps: (n: number, of: number) => `단계 ${of}개 중 ${n}개 통과`,
    current: (n: number, of: number) => `지금 단계: ${n}/${of}`,
    allPass: (of: number) => `모든 단계(${of}/${of})를 통과했습니다.`,
    difficulty: { beginner: '입문', intermediate: '중급', advanced: '고급' },
    minutes: (n: number) => `${n}분`,
  },
  en: {
    expected: 'expected',
    seen: 'seen',
    answer: 'your answer',
    hint: 'Hint',
    checks: (n: number, of: number) => `${n} of ${of} check${of === 1 ? '' : 's'} passed`,
    steps: (n: number, of: number) => `${n} of ${of} step${of === 1 ? '' : 's'} passed`,
    current: (n: number, of: number) => `Current step: ${n}/${of}`,
    allPass: (of: number) => (of === 1 ? 'The step passes.' : `All ${of} steps pass.`),
    difficulty: { beginner: 'beginner', intermediate: 'intermediate', advanced: 'advanced' },
    minutes: (n: number) => `${n} min`,
  },
} as const;

const passedAll = (results: readonly CheckResult[]): boolean => results.every((r) => r.status === 'pass');

/**
 * A report as the terminal shows it. `current`: the steps that pass as one line each, then the first one that
 * does not with its checks (the current step); `all`: every step with its checks.
 */
export function formatReport(lab: Lab, report: CheckReport, lang: Lang, mode: 'current' | 'all'): string {
  const w = WORDS[lang];
  let out = `${lab.meta.lesson} ${lab.meta.title[lang]}\n`;
  if (report.error !== undefined) {
    return `${out}✗ ${report.error.title[lang]}\n  ${report.error.detail.split('\n').join('\n  ')}\n`;
  }
  const n = lab.steps.length;
  const graded = lab.steps
    .map((step, i) => ({ step, number: i + 1, results: report.results.filter((r) => r.step === step.id) }))
    .filter(({ results }) => results.length > 0);
  const current = graded.find(({ results }) => !passedAll(results));
  // The learner's own numbers: under every passing step of "all", under the last passing one otherwise (the step
  // just done, not every earlier one again).
  const lastPassed = graded.filter(({ results }) => passedAll(results)).at(-1)?.step;
  for (const { step, number, results } of graded) {
    const ok = passedAll(results);
    out += `${ok ? '✓' : '✗'} ${number}/${n} ${step.title[lang]}\n`;
    if (mode === 'all' || !ok)
      out += results.map((result) => formatResult(result, lang, step.kind === 'quiz')).join('');
    if (ok && (mode === 'all' || step === lastPassed)) out += yourRunText(step, results, lang);
    if (mode === 'current' && !ok) break;
  }
  const passedChecks = report.results.filter((r) => r.status === 'pass').length;
  const passedSteps = graded.filter(({ results }) => passedAll(results)).length;
  if (current === undefined) out += `\n${w.allPass(n)}\n`;
  else if (mode === 'current')
    out += `\n${w.current(current.number, n)} · ${w.checks(passedOf(current.results), current.results.length)}\n`;
  else out += `\n${w.steps(passedSteps, n)} · ${w.checks(passedChecks, report.results.length)}\n`;
  if (report.firstHint !== undefined) out += `${w.hint}: ${report.firstHint[lang]}\n`;
  if (current?.step.kind === 'quiz' && mode === 'current') out += `${howToAnswer(lang)}\n`;
  return out;
}

/** A passed step's "your run" text, filled with what its checks measured, indented under the step. */
function yourRunText(step: LabStep, results: readonly CheckResult[], lang: Lang): string {
  if (step.yourRun === undefined) return '';
  const facts = new Map(results.flatMap((r) => (r.facts !== undefined ? [[r.id, r.facts] as const] : [])));
  const text = fillYourRun(step.yourRun[lang], facts, lang);
  if (text === undefined) return '';
  return `${text
    .trim()
    .split('\n')
    .map((line) => `    ${line}`.trimEnd())
    .join('\n')}\n`;
}

const passedOf = (results: readonly CheckResult[]): number => results.filter((r) => r.status === 'pass').length;

/** One result; a quiz question shows its id, which `--answer` names. */
function formatResult(result: CheckResult, lang: Lang, question: boolean): string {
  const w = WORDS[lang];
  const id = question ? ` (${result.id})` : '';
  let out = `    ${result.status === 'pass' ? '✓' : '✗'} ${result.title[lang]}${id}\n`;
  if (result.status === 'pass') return out;
  if (result.expected !== undefined) out += `        ${w.expected}: ${result.expected[lang]}\n`;
  if (result.seen !== undefined) out += `        ${question ? w.answer : w.seen}: ${result.seen[lang]}\n`;
  if (result.message !== undefined) out += `        ${result.message[lang]}\n`;
  return out;
}

/** The README.md `meshdojo lab` writes: the lab, how to work in the folder, and every step's instructions. */
export function labReadme(lab: Lab, lang: Lang): string {
  const w = WORDS[lang];
  const total = lab.steps.reduce((sum, step) => sum + step.minutes, 0);
  const how =
    lang === 'ko'
      ? [
          '## 작업 방법',
          '',
          '이 폴더에서 실행하십시오. 단계의 "검사"는 `meshdojo check`입니다.',
          '',
          `- \`meshdojo shell\`: 이 실습의 클러스터에 연결된 터미널입니다. Istio의 \`samples/\`가 이 폴더에 있는 것처럼 동작하고, 여기서 한 일은 \`${JOURNAL_PATH}\`에 남아 다시 열어도 클러스터가 그대로입니다.`,
          '- `meshdojo check`: 아직 통과하지 못한 첫 단계를 채점합니다.',
          '- `meshdojo check --all`: 모든 단계를 채점합니다.',
        ]
      : [
          '## How to work',
          '',
          'Run these in this folder. A step\'s "Check" is `meshdojo check`.',
          '',
          `- \`meshdojo shell\`: a terminal on this lab's cluster. Istio's \`samples/\` are there as if in this folder, and what you do is kept in \`${JOURNAL_PATH}\`, so the cluster is still there when you come back.`,
          '- `meshdojo check`: grades the first step that does not pass yet.',
          '- `meshdojo check --all`: grades every step.',
        ];
  const steps = lab.steps.map(
    (step: LabStep, i) =>
      `## ${i + 1}. ${step.title[lang]} (${w.minutes(step.minutes)})\n\n${step.body[lang]}\n` +
      (step.kind === 'quiz' ? `\n${quizReadme(step, lang)}` : ''),
  );
  return [
    `# ${lab.meta.lesson} ${lab.meta.title[lang]}`,
    '',
    lab.meta.summary[lang],
    '',
    `${w.difficulty[lab.meta.difficulty]} · ${w.minutes(total)}`,
    '',
    ...how,
    '',
    ...steps,
  ].join('\n');
}
