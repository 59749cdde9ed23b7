import { Bash } from 'just-bash';
import type { CommandIo } from '../io';
import { timedPipeline } from '../shell/shell-words';
import { timeReport } from '../shell/time-report';
import { timeAsApplet } from './busybox-time';
import { podPrograms, type PodContainer } from './pod-programs';

/** The container a script runs in, and which of its shells runs it. */
export interface PodShellTarget extends PodContainer {
  /**
   * Who runs the script and words its errors: bash (`bash: x: command not found`), Debian's dash as `sh`
   * (`sh: 1: x: not found`), or Alpine's busybox ash (`sh: x: not found`).
   */
  shell: 'bash' | 'dash' | 'ash';
}

/**
 * `kubectl exec POD -- sh -c '…'`: a shell inside the container with only the programs its image has (see
 * podPrograms). Its curl runs on the pod's network (through the sidecar, when there is one); `sleep` and `time`
 * measure the cluster clock. It runs inside the command already being driven, so it awaits the clock directly.
 */
export async function runPodScript(script: string, io: CommandIo, pod: PodShellTarget): Promise<number> {
  const { builtIn, custom } = podPrograms(pod, io);
  const bash = new Bash({
    commands: builtIn,
    customCommands: custom,
    cwd: '/',
    env: {
      HOME: '/root',
      HOSTNAME: pod.hostname,
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    },
    sleep: (ms) => pod.clock.sleep(ms, io.signal),
    executionLimits: { maxExecutionTimeMs: Infinity },
    // Our commands are host code running the cluster (real-clock timers included); no guest JavaScript runs
    // here (js-exec is off), so the globals guard would only break them.
    defenseInDepth: false,
  });
  // Only bash has a `time` keyword; in ash and dash `time` is a program (busybox's applet; not in Debian).
  if (pod.shell !== 'bash') bash.registerTransformPlugin(timeAsApplet);
  // bash's `time` keyword, on the cluster clock as at the learner's prompt (just-bash's reads the wall clock).
  const timed = pod.shell === 'bash' ? timedPipeline(script) : undefined;
  const started = pod.clock.now();
  const result = await bash.exec(timed ?? script, {
    rawScript: true,
    // `$0` names the shell that runs the script: `sh -c 'echo $0'` prints sh.
    env: { '0': pod.shell === 'bash' ? 'bash' : 'sh' },
    ...(io.signal !== undefined && { signal: io.signal }),
  });
  io.stdout.write(result.stdout);
  io.stderr.write(shellErrors(result.stderr, pod.shell));
  if (timed !== undefined) io.stderr.write(timeReport(pod.clock.now() - started));
  return result.exitCode;
}

/** just-bash words its own errors as bash does; an image's `sh` words them its way. */
function shellErrors(stderr: string, shell: PodShellTarget['shell']): string {
  if (shell === 'bash') return stderr;
  return stderr.replace(/^bash: (.*)$/gm, (_, rest: string) => {
    const missing = /^(.*): command not found$/.exec(rest);
    if (missing !== null) return shell === 'ash' ? `sh: ${missing[1]}: not found` : `sh: 1: ${missing[1]}: not found`;
    return `sh: ${rest}`;
  });
}
