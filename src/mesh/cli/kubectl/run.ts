import { TYPES, type Pod } from '../../index';
import { parseGoDuration } from '../args';
import type { Kubectl, Subcommand } from './context';
import { podManifest } from './generators';
import { poll } from './poll';
import { runInContainer } from './runtime-verbs';
import { createGenerated } from './write-verbs';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

/**
 * `kubectl run NAME --image=IMAGE [--restart=Never] [--command] [-- ARGS…]`: one pod. Attached (`-i`, `-it`,
 * `--attach`) it waits for the pod to run, then runs the arguments in its container as `kubectl exec` would
 * and prints their output — what a learner sees of a one-shot client pod — and with `--rm` deletes the pod.
 */
export const run: Subcommand = {
  flags: [
    { name: 'image', type: 'string' },
    { name: 'restart', type: 'string' },
    { name: 'command', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'env', type: 'strings' },
    { name: 'port', type: 'int' },
    { name: 'pod-running-timeout', type: 'string' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'dry-run', type: 'string', noValue: 'unchanged' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run: async (k) => {
    const [name] = k.args;
    if (name === undefined)
      return k.fail("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
    const image = k.flags.string('image');
    if (image === undefined) return k.fail('error: required flag(s) "image" not set');
    const restartPolicy = k.flags.string('restart') ?? 'Always';
    if (!RESTART_POLICIES.includes(restartPolicy)) return k.fail(`error: invalid restart policy: ${restartPolicy}`);
    const attach = k.flags.bool('attach') || k.flags.bool('stdin');
    if (k.flags.bool('rm') && !attach) return k.fail('error: --rm should only be used for attached containers');
    const port = k.flags.int('port');
    const manifest = podManifest({
      name,
      namespace: k.namespace,
      image,
      restartPolicy,
      labels: k.flags.has('labels') ? labelsOf(k.flags.string('labels')!) : { run: name },
      env: k.flags.strings('env'),
      ...(port !== undefined && { port }),
      argv: [...k.args.slice(1), ...(k.rest ?? [])],
      command: k.flags.bool('command'),
      stdin: k.flags.bool('stdin'),
      tty: k.flags.bool('tty'),
    });
    if (!attach || k.flags.has('dry-run')) return createGenerated(k, manifest);
    const created = k.kube.createAll([manifest], { namespace: k.namespace });
    if (!created.every((r) => r.ok)) return k.report(created);
    return attachTo(k, name, entrypointArgv(image, manifest));
  },
};

/**
 * What runs when attached: the container's command and args. curlimages/curl's entrypoint runs curl when the
 * first argument is an option (`-- -s http://…`), and the command itself otherwise (`-- curl -s http://…`).
 */
function entrypointArgv(image: string, manifest: ReturnType<typeof podManifest>): string[] {
  const container = (manifest['spec'] as { containers: { command?: string[]; args?: string[] }[] }).containers[0]!;
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const curlImage = image.split(/[:@]/)[0]!.endsWith('curlimages/curl');
  return curlImage && container.command === undefined && argv[0]?.startsWith('-') === true ? ['curl', ...argv] : argv;
}

async function attachTo(k: Kubectl, name: string, argv: readonly string[]): Promise<number> {
  const timeoutMs = parseGoDuration(k.flags.string('pod-running-timeout') ?? '1m') ?? 60_000;
  const pod = (): Pod | undefined => k.kube.get<Pod>(TYPES.Pod, k.namespace, name);
  const running = await poll(k, () => pod()?.status?.phase === 'Running', timeoutMs);
  let exitCode: number;
  if (!running) exitCode = k.fail('error: timed out waiting for the condition');
  else if (argv.length === 0) {
    // Attached to the container's own process: what it has printed so far.
    for (const entry of k.kube.logs.read(k.namespace, name, name)) k.out(`${entry.text}\n`);
    exitCode = 0;
  } else exitCode = await runInContainer(k, pod()!, name, argv);
  if (k.flags.bool('rm')) {
    const deleted = k.kube.delete(TYPES.Pod, [name], { namespace: k.namespace });
    for (const result of deleted) if (result.ok) k.out(`${result.message}\n`);
  }
  return exitCode;
}

/** `--labels=a=b,c=d`. */
function labelsOf(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(',')
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}
