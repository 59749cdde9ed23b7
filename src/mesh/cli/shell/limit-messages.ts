/**
 * What the terminal says when one of its limits stops a line, in the learner's language: what happened and what
 * to do — never the name of a setting the learner cannot change (just-bash's own messages end with
 * `increase executionLimits.maxCommandCount`).
 */
import type { RunawayError } from '../../index';

export type ShellLocale = 'ko' | 'en';

type Texts = Readonly<Record<ShellLocale, string>>;

/** just-bash's limits that name a setting, by that setting: what the terminal stops. */
const STOPS: Readonly<Record<string, (limit: string) => Texts>> = {
  maxCommandCount: (n) => ({
    en: `the terminal stops a line that runs more than ${n} commands`,
    ko: `터미널은 명령을 ${n}개 넘게 실행하는 줄을 멈춥니다`,
  }),
  maxLoopIterations: (n) => ({
    en: `the terminal stops a loop (for, while, until) that goes round more than ${n} times`,
    ko: `터미널은 ${n}번 넘게 도는 반복문(for, while, until)을 멈춥니다`,
  }),
  maxCallDepth: (n) => ({
    en: `the terminal stops functions that call each other more than ${n} deep`,
    ko: `터미널은 ${n}단계 넘게 서로를 부르는 함수를 멈춥니다`,
  }),
  maxSourceDepth: (n) => ({
    en: `the terminal stops \`source\` nested more than ${n} deep`,
    ko: `터미널은 ${n}단계 넘게 중첩된 \`source\`를 멈춥니다`,
  }),
  maxOutputSize: (n) => ({
    en: `the terminal stops a line that prints more than ${n} bytes`,
    ko: `터미널은 ${n}바이트 넘게 출력하는 줄을 멈춥니다`,
  }),
};

const DEFAULT_STOP = (): Texts => ({
  en: 'the terminal stops a line that goes past one of its limits',
  ko: '터미널은 한계를 넘는 줄을 멈춥니다',
});

const WHY_AND_WHAT: Texts = {
  en: ', so that a loop that never ends cannot freeze it. Do less in one line: fewer rounds, less output (| head), or the work split over several lines.',
  ko: '. 끝나지 않는 반복 때문에 터미널이 멈추지 않도록 하기 위해서입니다. 한 줄에서 하는 일을 줄이십시오. 반복 횟수나 출력(| head)을 줄이거나 작업을 여러 줄로 나누면 됩니다.',
};

const LIMIT_LINE = /^(.*?),? increase executionLimits\.(\w+)$/;

/**
 * just-bash's limit lines in `stderr`, each without the setting's name and followed by a line of ours saying why
 * the terminal stopped and what to do instead.
 */
export function explainLimits(stderr: string, locale: ShellLocale): string {
  if (!stderr.includes('executionLimits.')) return stderr;
  return stderr
    .split('\n')
    .map((line) => {
      const match = LIMIT_LINE.exec(line);
      if (match === null) return line;
      const [, what = '', setting = ''] = match;
      const limit = /\(>?\s*(\d+)/.exec(what)?.[1];
      const stop =
        limit !== undefined && STOPS[setting] !== undefined ? STOPS[setting](grouped(limit, locale)) : DEFAULT_STOP();
      return `${what}\nmeshdojo: ${stop[locale]}${WHY_AND_WHAT[locale]}`;
    })
    .join('\n');
}

/**
 * A command the simulator stopped because it fired more timers than the loop limit allows: what it did (the
 * blamed objects' pending work dropped, the rest going on) and what to do instead.
 */
export function runawayMessage(command: string, error: RunawayError, locale: ShellLocale): string {
  const limit = grouped(String(error.limit), locale);
  const blamed = error.blamed.join(', ');
  if (locale === 'ko') {
    return (
      `meshdojo: ${command} 명령을 멈췄습니다. 명령 하나에서 시뮬레이터의 타이머가 ${limit}개 넘게 실행되었습니다(끝나지 않는 반복일 수 있습니다). ` +
      (blamed === ''
        ? '클러스터는 계속 동작합니다. '
        : `대부분 ${blamed}의 타이머였으며, 그 대기 중인 작업은 버렸습니다. 클러스터의 나머지는 계속 동작합니다. `) +
      '요청 수나 실행 시간을 줄여 다시 실행하거나, Ctrl-C를 더 일찍 누르십시오.\n'
    );
  }
  return (
    `meshdojo: ${command} was stopped: it made the simulator fire more than ${limit} timers in one command (a loop that never ends?). ` +
    (blamed === ''
      ? 'The cluster goes on. '
      : `Most were for ${blamed}; their pending work was dropped and the rest of the cluster goes on. `) +
    'Ask for less (fewer requests, a shorter duration) or press Ctrl-C sooner.\n'
  );
}

/** 1000000 → 1,000,000 (the same in both languages). */
function grouped(digits: string, locale: ShellLocale): string {
  return Number(digits).toLocaleString(locale === 'ko' ? 'ko-KR' : 'en-US');
}
