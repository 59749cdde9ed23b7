/**
 * `history` and `help` as the learner's shell answers them: the lines typed in this session, numbered as bash
 * numbers them, and a help that starts with the programs a lab is about (bash's own list of builtins follows
 * with `help NAME` for one of them).
 */
import { defineCommand, type Command } from 'just-bash';
import type { ShellLocale } from './limit-messages';

/** One line each, in the learner's language: what the programs on the learner's laptop do (ourCommands()). */
const OUR_PROGRAMS: ReadonlyArray<readonly [string, Readonly<Record<ShellLocale, string>>]> = [
  [
    'kubectl',
    {
      en: 'the Kubernetes API: apply, get, describe, logs, exec, scale, delete, …',
      ko: 'Kubernetes API: apply, get, describe, logs, exec, scale, delete 등',
    },
  ],
  [
    'istioctl',
    {
      en: 'Istio: install, proxy-config, proxy-status, analyze, dashboard, x describe, …',
      ko: 'Istio: install, proxy-config, proxy-status, analyze, dashboard, x describe 등',
    },
  ],
  [
    'curl',
    {
      en: 'HTTP requests from your laptop (the ingress gateway) or, with kubectl exec, from a pod',
      ko: '노트북에서(인그레스 게이트웨이로), 또는 kubectl exec로 파드 안에서 보내는 HTTP 요청',
    },
  ],
  [
    'meshdojo',
    {
      en: "this course's own tools: meshdojo trace last explains why a request got its answer",
      ko: '이 코스의 도구: meshdojo trace last는 요청이 그 응답을 받은 이유를 설명합니다',
    },
  ],
  [
    'fortio',
    {
      en: 'load testing (fortio load -c 2 -qps 0 -n 20 URL), usually through kubectl exec',
      ko: '부하 테스트(fortio load -c 2 -qps 0 -n 20 URL), 보통 kubectl exec로 실행',
    },
  ],
  [
    'openssl',
    {
      en: 'keys and certificates for TLS at the gateway (req -x509, req -newkey, x509 -req)',
      ko: '게이트웨이 TLS용 키와 인증서 만들기(req -x509, req -newkey, x509 -req)',
    },
  ],
  [
    'xdg-open, open',
    { en: "open a web address in the lab page's browser tab", ko: '실습 페이지의 브라우저 탭에서 웹 주소 열기' },
  ],
  [
    'ncp-iam-authenticator',
    {
      en: "Ncloud's kubeconfig helper for NKS (create-kubeconfig)",
      ko: 'NKS용 Ncloud kubeconfig 도우미(create-kubeconfig)',
    },
  ],
];

const HELP_TEXT: Readonly<Record<ShellLocale, { programs: string; shell: string[] }>> = {
  en: {
    programs: 'Programs in this lab (NAME --help for more):',
    shell: [
      'The shell is bash-like: pipes, $(…), heredocs, for/while loops, and grep, sed, awk, jq, head, tail, wc,',
      'sort, cut, seq, sleep, cat, ls, cd, export. Tab completes; ↑/↓ (and Ctrl-R in the lab page) recall',
      'earlier lines; history lists them; Ctrl-C stops a command. help NAME explains a shell builtin (help cd).',
    ],
  },
  ko: {
    programs: '이 실습의 프로그램(자세한 내용은 NAME --help):',
    shell: [
      '셸은 bash와 비슷합니다. 파이프, $(…), 히어독, for/while 반복문과 grep, sed, awk, jq, head, tail, wc, sort,',
      'cut, seq, sleep, cat, ls, cd, export를 쓸 수 있습니다. Tab은 자동 완성, ↑/↓(실습 페이지에서는 Ctrl-R도)는',
      '이전 명령 불러오기, history는 명령 목록, Ctrl-C는 명령 중지입니다. help NAME은 셸 내장 명령을 설명합니다(help cd).',
    ],
  },
};

export interface SessionHistory {
  /** Lines the learner ran, oldest first. */
  readonly lines: string[];
}

export function historyCommand(history: SessionHistory): Command {
  return defineCommand('history', async (args) => {
    if (args[0] === '-c') {
      history.lines.length = 0;
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    const count = args[0] === undefined ? history.lines.length : Number(args[0]);
    if (!Number.isInteger(count) || count < 0)
      return { stdout: '', stderr: `bash: history: ${args[0]}: numeric argument required\n`, exitCode: 1 };
    const first = Math.max(0, history.lines.length - count);
    const stdout = history.lines
      .slice(first)
      .map((line, index) => `${String(first + index + 1).padStart(5)}  ${line}\n`)
      .join('');
    return { stdout, stderr: '', exitCode: 0 };
  });
}

/** `help`: our programs, then how to ask about the shell's builtins (`help NAME`, answered by just-bash). */
export function helpText(locale: ShellLocale): string {
  const text = HELP_TEXT[locale];
  const width = Math.max(...OUR_PROGRAMS.map(([name]) => name.length));
  return [
    text.programs,
    ...OUR_PROGRAMS.map(([name, what]) => `  ${name.padEnd(width)}  ${what[locale]}`),
    '',
    ...text.shell,
    '',
  ].join('\n');
}
