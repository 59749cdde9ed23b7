/**
 * What `meshdojo check` says about the sandbox it grades in (sandbox/), in both languages: `check --help`, the
 * `--verbose` account of each grading process, and why nothing was graded when no Node can sandbox.
 */
import { CHECK_TIME_LIMIT_MS } from '../grader/report';
import type { Lang } from '../schema';
import { PINNED_NODE_MAJOR } from './sandbox/grading-node';
import type { GraderLog } from './sandbox/run-checks-in-sandbox';
import { MAX_HEAP_MB } from './sandbox/spawn-grader';

const SECONDS_PER_CHECK = CHECK_TIME_LIMIT_MS / 1000;

/** `meshdojo check --help`: what check does, and what the code it runs may and may not do. */
/** The flags of `meshdojo check` in English, as its help and meshdojo's usage list them. */
export const CHECK_FLAGS_EN = `  --all       Grade every step, not only the first one that does not pass yet
  --json      Print the whole report as JSON (both languages)
  --verbose   Also show what the grading process printed (your code's console output, an error's stack)
  --answer    Answer a quiz question without being asked: its id, =, a choice's number (several: 1,3) or the
              text of a short answer; repeatable. Answers are kept in DIR/.meshdojo/answers.json
  --lang      ko or en (default: from LANG)
`;

export function checkHelp(lang: Lang): string {
  if (lang === 'ko')
    return `사용법: meshdojo check [DIR] [--all] [--json] [--verbose] [--answer ID=ANSWER]... [--lang ko|en]

실습 폴더 DIR(기본: 지금 폴더)를 채점합니다. 폴더의 파일, 클러스터 작업 기록(.meshdojo/journal.json), 퀴즈 단계의
답(.meshdojo/answers.json)을 봅니다. 지금 단계(아직 통과하지 못한 첫 단계, n/N)를 보여 주고, --all이면 모든 단계를
보여 줍니다. 통과하지 못하면 종료 코드 1로 끝납니다. 지금 단계가 퀴즈이고 표준 입력이 터미널이면 질문을 묻습니다.

  --all       아직 통과하지 못한 첫 단계만이 아니라 모든 단계를 채점합니다
  --json      보고서 전체를 JSON(두 언어)으로 출력합니다
  --verbose   채점 프로세스가 출력한 내용(코드의 console 출력, 오류의 스택)도 보여 줍니다
  --answer    묻지 않고 퀴즈 질문에 답합니다. 질문 id, =, 선택지 번호(여럿이면 1,3)나 단답의 글을 씁니다.
              여러 번 쓸 수 있고, 답은 DIR/.meshdojo/answers.json에 남습니다
  --lang      ko 또는 en (기본: LANG에서)

채점하는 코드는 여러분의 컴퓨터에서 실행됩니다. meshdojo check는 그 코드를 Node의 권한 모델(permission model)
아래에서 도는 별도의 Node ${PINNED_NODE_MAJOR} 프로세스에서 실행하고, 검사마다 ${SECONDS_PER_CHECK}초, 메모리 ${MAX_HEAP_MB} MB로 제한합니다.
  할 수 있는 일  meshdojo 자신의 파일(소스와 node_modules)을 읽고, 끝나면 지워지는 임시 폴더에 쓰고, 출력합니다
                 (출력은 --verbose일 때만 보입니다).
  할 수 없는 일  다른 파일을 읽거나(실습 폴더, 홈 폴더, ~/.ssh 등) 다른 곳에 쓰지 못합니다. 프로그램, 워커,
                 네이티브 애드온을 실행하거나 인스펙터를 열지 못하고, 여러분의 환경 변수를 보거나 다른 프로세스에
                 시그널을 보내지 못하고, 네트워크를 쓰지 못합니다.
  남는 틈       Node ${PINNED_NODE_MAJOR}의 권한 모델은 네트워크를 다루지 않습니다. 그래서 meshdojo가 코드를 실행하기 전에
                 프로세스 안에서 Node의 네트워크 모듈(net, http, https, fetch, dns, dgram 등)을 닫습니다. 운영체제가
                 아니라 JavaScript가 막는 것입니다. CPU는 시간 제한 안에서 쓸 수 있고, 어느 프로그램이나 알 수 있는
                 컴퓨터 정보(이름, CPU, 메모리)는 볼 수 있습니다.
  보고          코드가 직접 출력하거나 쓴 보고는 인정하지 않습니다. 채점기가 보낸 보고만 셉니다. 크래시,
                 process.exit, 아무도 받지 않은 예외는 그때 돌던 검사를 오류로 만들고 종료 코드 1로 끝납니다.
`;
  return `Usage: meshdojo check [DIR] [--all] [--json] [--verbose] [--answer ID=ANSWER]... [--lang ko|en]

Grades the lab folder DIR (default: this folder): its files, the journal of its cluster (.meshdojo/journal.json)
and the answers to its quiz steps (.meshdojo/answers.json). Shows the current step (the first that does not pass
yet, n/N), or every step with --all; exits 1 unless they pass. When the current step is a quiz and stdin is a
terminal, its questions are asked.

${CHECK_FLAGS_EN}
The code it checks runs on your machine. meshdojo check runs it in a separate Node ${PINNED_NODE_MAJOR} process under Node's
permission model, with ${SECONDS_PER_CHECK} s per check and ${MAX_HEAP_MB} MB of memory.
  It can      read meshdojo's own files (its sources and node_modules), write in a temporary folder that is
              deleted afterwards, and print (shown only with --verbose).
  It cannot   read your other files (the lab folder, your home folder, ~/.ssh…) or write anywhere else; start
              programs, workers or native addons, or open the inspector; see your environment variables or signal
              other processes; use the network.
  What stays  Node ${PINNED_NODE_MAJOR}'s permission model does not cover the network, so meshdojo closes Node's network
  open        modules (net, http, https, fetch, dns, dgram…) inside the process before your code runs: a guard
              in JavaScript, not one the operating system enforces. CPU time is its own within the time limit, and
              so is what any program may learn about the machine (its name, CPUs, memory).
  Reports     Nothing your code prints or writes counts as a report: only the grader's own do. A crash,
              process.exit or an error nothing caught makes the check it interrupted an error, and the exit code 1.
`;
}

/** Neither the pinned Node nor the running one can grade (grading-node.ts): nothing was run. */
export const NO_SANDBOX = {
  ko: (version: string) =>
    `meshdojo: meshdojo check는 Node ${PINNED_NODE_MAJOR}의 권한 모델 아래에서 채점하는데, meshdojo가 고정한 Node(npm 패키지 node)가 ` +
    `설치되어 있지 않고 지금 Node(${version})는 너무 오래되었습니다. meshdojo 폴더에서 npm install을 실행하거나 ` +
    `Node ${PINNED_NODE_MAJOR} 이상으로 실행하십시오. 아무 코드도 실행하지 않았습니다.\n`,
  en: (version: string) =>
    `meshdojo: meshdojo check grades under Node ${PINNED_NODE_MAJOR}'s permission model, but the Node meshdojo pins (the npm ` +
    `package node) is not installed and this Node (${version}) is too old. Run npm install in meshdojo's folder, ` +
    `or run it with Node ${PINNED_NODE_MAJOR} or newer. No code was run.\n`,
} as const;

const GRADER_OUTCOMES: Record<GraderLog['outcome'], Record<Lang, string>> = {
  complete: { ko: '끝까지 채점했습니다', en: 'graded to the end' },
  stopped: {
    ko: '검사 전에 멈췄습니다(컴파일 또는 준비 오류)',
    en: 'stopped before the checks (a compile or setup error)',
  },
  overran: { ko: '검사가 시간 제한을 넘겨 중단했습니다', en: 'a check ran past the time limit' },
  silent: { ko: '시간 제한을 넘도록 아무 보고가 없어 중단했습니다', en: 'said nothing past the time limit' },
  ended: { ko: '검사 도중 끝났습니다', en: 'ended during a check' },
  'out-of-memory': { ko: '메모리가 모자라 멈췄습니다', en: 'ran out of memory' },
  fault: { ko: '아무도 받지 않은 예외가 있었습니다', en: 'an error nothing caught' },
  refused: { ko: '채점기가 쓰지 않은 보고를 거부했습니다', en: 'a report the grader did not write was refused' },
};

/** How one grading process went (`meshdojo check --verbose`, on stderr). */
export function formatGraderLog(log: GraderLog, lang: Lang): string {
  const from = log.startAt + 1;
  const details = [log.exit, log.refused].filter((d) => d !== undefined).join('; ');
  const what = `${GRADER_OUTCOMES[log.outcome][lang]}${details === '' ? '' : ` (${details})`}`;
  const head =
    lang === 'ko'
      ? `meshdojo: 검사 ${from}부터 맡은 채점 프로세스: ${what}`
      : `meshdojo: the grading process from check ${from}: ${what}`;
  const output = log.output.trimEnd();
  const body = output === '' ? (lang === 'ko' ? '(출력 없음)' : '(no output)') : output;
  return `${head}\n  ${body.split('\n').join('\n  ')}\n`;
}
