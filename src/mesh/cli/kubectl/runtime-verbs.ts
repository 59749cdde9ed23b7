import { KubeError, type KubeObject, type Pod } from '../../index';
import { parseGoDuration } from '../args';
import { runCurl } from '../curl/curl';
import { runPodScript, type PodShellTarget } from '../pod/pod-shell';
import { shellQuote } from '../pod/shell-quote';
import { evaluateJsonPath, formatValue } from '../format/jsonpath';
import { NAME_ACROSS_NAMESPACES, type Kubectl, type Subcommand } from './context';
import { poll } from './poll';
import { chooseContainer, resolvePod } from './pods';
import { parseLabelSelector } from './selectors';

function base(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}

const SHELLS = new Set(['sh', 'bash']);

/** `kubectl exec POD|deploy/NAME [-c C] -- cmd…`: the workload's own programs, or the image's (shell, curl, tools). */
export const exec: Subcommand = {
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
  ],
  run: async (k) => {
    const [target, ...before] = k.args;
    // Old kubectl took the command before `--` too (`exec POD -c C /usr/bin/fortio -- load …`); docs still show it.
    const argv = [...before, ...(k.rest ?? [])];
    if (target === undefined) return k.fail('error: pod, type/name or --filename must be specified');
    if (argv.length === 0) return k.fail('error: you must specify at least one command for the container');
    const pod = resolvePod(k, target);
    if (pod instanceof KubeError) return k.failError(pod);
    const container = chooseContainer(k, pod, k.flags.string('container'));
    if (typeof container !== 'string') return container === undefined ? 1 : k.failError(container);
    if (pod.status?.phase !== 'Running') {
      return k.fail(`error: unable to upgrade connection: container not found ("${container}")`);
    }
    return runInContainer(k, pod, container, argv);
  },
};

/**
 * Runs `argv` in a running pod's container: the workload's own program, or — where the image has it — curl on the
 * pod's network, a shell (`-c SCRIPT`, or the script on stdin with -i), or one of the image's tools in that shell.
 */
export async function runInContainer(
  k: Kubectl,
  pod: Pod,
  container: string,
  argv: readonly string[],
): Promise<number> {
  const ns = pod.metadata.namespace ?? k.namespace;
  const program = argv[0]!;
  const own = k.cluster.exec(ns, pod.metadata.name, container, argv, {
    tty: k.flags.bool('tty'),
    ...(k.io.signal !== undefined && { signal: k.io.signal }),
  });
  let exitCode: number;
  const binaries = k.cluster.binaries(ns, pod.metadata.name, container);
  const name = base(program);
  if (own !== undefined) {
    const result = await own;
    k.out(result.stdout);
    k.err(result.stderr);
    exitCode = result.exitCode;
  } else if (binaries.includes(name)) {
    const host = k.cluster.podHost(ns, pod.metadata.name);
    if (host === undefined) return k.fail(`error: unable to upgrade connection: container not found ("${container}")`);
    // An image with bash is Debian/Ubuntu based, where `sh` is dash; the others are Alpine's busybox.
    const podBase = binaries.includes('bash') ? 'dash' : 'ash';
    const target: PodShellTarget = {
      host,
      clock: k.cluster.clock,
      hostname: pod.metadata.name,
      binaries,
      base: podBase,
      shell: name === 'bash' ? 'bash' : podBase,
      own: (ownArgv, options) => k.cluster.exec(ns, pod.metadata.name, container, ownArgv, options),
    };
    if (name === 'curl') exitCode = await runCurl(argv.slice(1), k.io, { host, clock: k.cluster.clock });
    else if (!SHELLS.has(name)) exitCode = await runPodScript(argv.map(shellQuote).join(' '), k.io, target);
    else if (argv[1] === '-c' && argv[2] !== undefined) exitCode = await runPodScript(argv[2], k.io, target);
    // `exec -i POD -- sh <<EOF`: the shell reads its script from stdin.
    else if (k.flags.bool('stdin') && k.io.stdin !== '') exitCode = await runPodScript(k.io.stdin, k.io, target);
    else return k.fail("error: an interactive shell needs a terminal: run the command with -c '…' instead");
  } else {
    k.err(
      `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: ` +
        `OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown\n`,
    );
    return 1;
  }
  if (exitCode !== 0) k.err(`command terminated with exit code ${exitCode}\n`);
  return exitCode;
}

export const wait: Subcommand = {
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run: async (k) => {
    const condition = k.flags.string('for');
    if (condition === undefined) return k.fail('error: --for must be specified');
    const timeoutMs = parseGoDuration(k.flags.string('timeout') ?? '30s') ?? 30_000;
    const [first = '', ...names] = k.args;
    const [typeName, slashName] = first.includes('/') ? (first.split('/', 2) as [string, string]) : [first, undefined];
    const type = k.resolveType(typeName);
    if (!('kind' in type)) return k.failError(type);
    const ns = type.namespaced ? k.namespace : undefined;
    const selector = k.flags.has('selector') ? parseLabelSelector(k.flags.string('selector')!) : undefined;
    const named = slashName !== undefined ? [slashName] : names;
    if (named.length > 0 && k.allNamespaces) return k.fail(NAME_ACROSS_NAMESPACES);
    const targets =
      named.length > 0
        ? named.map((name) => ({ name, namespace: ns }))
        : k
            .listTargets(type)
            .filter((o) => selector === undefined || selector(o.metadata.labels ?? {}))
            .map((o) => ({ name: o.metadata.name, namespace: o.metadata.namespace }));
    if (targets.length === 0) return k.fail('error: no matching resources found');
    const ref = type.group === '' ? type.singular : `${type.singular}.${type.group}`;
    for (const { name, namespace } of targets) {
      const met = await poll(k, () => conditionMet(k.kube.get(type, namespace, name), condition), timeoutMs);
      if (!met)
        return k.fail(
          `error: timed out waiting for the condition on ${type.group === '' ? type.plural : `${type.plural}.${type.group}`}/${name}`,
        );
      k.out(`${ref}/${name} condition met\n`);
    }
    return 0;
  },
};

function conditionMet(object: KubeObject | undefined, condition: string): boolean {
  if (condition === 'delete') return object === undefined;
  if (object === undefined) return false;
  if (condition.startsWith('condition=')) {
    const [name = '', expected = 'True'] = condition.slice('condition='.length).split('=');
    const conditions =
      (object.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
    return conditions.some(
      (c) => c.type.toLowerCase() === name.toLowerCase() && c.status.toLowerCase() === expected.toLowerCase(),
    );
  }
  if (condition.startsWith('jsonpath=')) {
    const body = condition.slice('jsonpath='.length);
    const eq = body.lastIndexOf('=');
    const path = eq < 0 ? body : body.slice(0, eq);
    const values = evaluateJsonPath(path.replace(/^'|'$/g, ''), object);
    return eq < 0 ? values.length > 0 : values.some((v) => formatValue(v) === body.slice(eq + 1));
  }
  return false;
}
