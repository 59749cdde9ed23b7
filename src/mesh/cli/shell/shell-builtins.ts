/**
 * `history` and `help` as the learner's shell answers them: the lines typed in this session, numbered as bash
 * numbers them, and a help that starts with the programs a lab is about (bash's own list of builtins follows
 * with `help NAME` for one of them).
 */
import { defineCommand, type Command } from 'just-bash';

/** One line each: what the programs on the learner's laptop do (ourCommands()). */
const OUR_PROGRAMS: ReadonlyArray<readonly [string, string]> = [
  ['kubectl', 'the Kubernetes API: apply, get, describe, logs, exec, scale, delete, …'],
  ['istioctl', 'Istio: install, proxy-config, proxy-status, analyze, dashboard, x describe, …'],
  ['curl', 'HTTP requests from your laptop (the ingress gateway) or, with kubectl exec, from a pod'],
  ['fortio', 'load testing (fortio load -c 2 -qps 0 -n 20 URL), usually through kubectl exec'],
  ['xdg-open, open', "open a web address in the lab page's browser tab"],
  ['ncp-iam-authenticator', "Ncloud's kubeconfig helper for NKS (create-kubeconfig)"],
];

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
export function helpText(): string {
  const width = Math.max(...OUR_PROGRAMS.map(([name]) => name.length));
  return [
    'Programs in this lab (NAME --help for more):',
    ...OUR_PROGRAMS.map(([name, what]) => `  ${name.padEnd(width)}  ${what}`),
    '',
    'The shell is bash-like: pipes, $(…), heredocs, for/while loops, and grep, sed, awk, jq, head, tail, wc,',
    'sort, cut, seq, sleep, cat, ls, cd, export. Tab completes; ↑/↓ (and Ctrl-R in the lab page) recall',
    'earlier lines; history lists them; Ctrl-C stops a command. help NAME explains a shell builtin (help cd).',
    '',
  ].join('\n');
}
