/** What `meshdojo labs | lab | check` print, in both languages. */
import type { CheckReport, Lab, Lang } from '../schema';

export function usage(): string {
  return `Usage:
  meshdojo labs                                 List the labs
  meshdojo lab <id> [DIR] [--solution] [--force]  Write a lab's files to DIR (default ./<id>)
  meshdojo check [DIR] [--json]                 Run the checks of the lab in DIR (default .)

Flags:
  --solution  Write the reference solution instead of the starter files
  --force     Overwrite files in DIR that differ from the lab's
  --json      Print the whole report as JSON (both languages)
  --lang      ko or en (default: from LANG)
`;
}

const list = (paths: readonly string[]): string => paths.map((p) => `  ${p}\n`).join('');

export const MESSAGES = {
  unknownLab: {
    ko: (id: string, ids: string[]) => `meshdojo: "${id}"라는 실습은 없습니다. 있는 실습: ${ids.join(', ')}\n`,
    en: (id: string, ids: string[]) => `meshdojo: there is no lab "${id}". Labs: ${ids.join(', ')}\n`,
  },
  wouldOverwrite: {
    ko: (paths: string[]) =>
      `meshdojo: 아래 파일이 이미 있고 내용이 달라 아무것도 쓰지 않았습니다. 다른 폴더를 고르거나 --force를 붙이세요.\n${list(paths)}`,
    en: (paths: string[]) =>
      `meshdojo: these files exist with other content, so nothing was written. Pick another folder or add --force.\n${list(paths)}`,
  },
  wrote: {
    ko: (lab: Lab, dir: string, paths: string[]) =>
      `실습 ${lab.meta.lesson} "${lab.meta.title.ko}" 파일을 ${dir}에 만들었습니다.\n${list(paths)}` +
      `편집할 파일: ${lab.meta.editable.join(', ')}\n채점: meshdojo check ${dir}\n`,
    en: (lab: Lab, dir: string, paths: string[]) =>
      `Wrote lab ${lab.meta.lesson} "${lab.meta.title.en}" to ${dir}\n${list(paths)}` +
      `Edit: ${lab.meta.editable.join(', ')}\nCheck: meshdojo check ${dir}\n`,
  },
  noMarker: {
    ko: (dir: string) => `meshdojo: ${dir}는 실습 폴더가 아닙니다. 먼저 meshdojo lab <id> ${dir}로 만드세요.\n`,
    en: (dir: string) => `meshdojo: ${dir} is not a lab folder. Create one with meshdojo lab <id> ${dir} first.\n`,
  },
  badMarker: {
    ko: (path: string) => `meshdojo: ${path}을(를) 읽을 수 없습니다. meshdojo lab으로 폴더를 다시 만드세요.\n`,
    en: (path: string) => `meshdojo: ${path} cannot be read. Recreate the folder with meshdojo lab.\n`,
  },
  missingFiles: {
    ko: (paths: string[]) => `meshdojo: 채점할 파일이 없습니다.\n${list(paths)}`,
    en: (paths: string[]) => `meshdojo: files to check are missing.\n${list(paths)}`,
  },
} as const;

const WORDS = {
  ko: {
    expected: '기대',
    seen: '실제',
    hint: '힌트',
    passed: (n: number, of: number) => `검사 ${of}개 중 ${n}개 통과`,
  },
  en: {
    expected: 'expected',
    seen: 'seen',
    hint: 'Hint',
    passed: (n: number, of: number) => `${n} of ${of} checks passed`,
  },
} as const;

export function formatReport(lab: Lab, report: CheckReport, lang: Lang): string {
  const w = WORDS[lang];
  let out = `${lab.meta.lesson} ${lab.meta.title[lang]}\n`;
  if (report.error !== undefined) {
    return `${out}✗ ${report.error.title[lang]}\n  ${report.error.detail.split('\n').join('\n  ')}\n`;
  }
  for (const result of report.results) {
    out += `${result.status === 'pass' ? '✓' : '✗'} ${result.title[lang]}\n`;
    if (result.status === 'pass') continue;
    if (result.expected !== undefined) out += `    ${w.expected}: ${result.expected[lang]}\n`;
    if (result.seen !== undefined) out += `    ${w.seen}: ${result.seen[lang]}\n`;
    if (result.message !== undefined) out += `    ${result.message[lang]}\n`;
  }
  const passed = report.results.filter((r) => r.status === 'pass').length;
  out += `\n${w.passed(passed, lab.checks.length)}\n`;
  if (report.firstHint !== undefined) out += `${w.hint}: ${report.firstHint[lang]}\n`;
  return out;
}
