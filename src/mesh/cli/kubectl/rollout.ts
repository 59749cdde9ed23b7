import { TYPES, type KubeObject, type ResourceType } from '../../index';
import { parseGoDuration } from '../args';
import type { Kubectl, Subcommand } from './context';
import { poll } from './poll';
import { parseLabelSelector } from './selectors';

/** `TYPE/NAME…` or `TYPE [NAME…]`, as kubectl's resource builder reads rollout's arguments. */
function targets(args: readonly string[]): { typeName: string; names: string[] } {
  const [first = '', ...rest] = args;
  if (first.includes('/')) {
    const [typeName = '', name = ''] = first.split('/', 2);
    return { typeName, names: [name, ...rest.map((a) => a.slice(a.indexOf('/') + 1))] };
  }
  return { typeName: first, names: rest };
}

/** With no name, the builder selects every object of the kind in the namespace (narrowed by `-l`). */
function selected(k: Kubectl, type: ResourceType, names: string[]): string[] {
  if (names.length > 0) return names;
  const selector = k.flags.has('selector') ? parseLabelSelector(k.flags.string('selector')!) : () => true;
  return k
    .listTargets(type)
    .filter((o: KubeObject) => selector(o.metadata.labels ?? {}))
    .map((o) => o.metadata.name);
}

export const rollout: Subcommand = {
  flags: [
    { name: 'timeout', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  run: async (k) => {
    const [action, ...args] = k.args;
    if (action !== 'restart' && action !== 'status') {
      return k.fail(`error: unknown command "${action ?? ''}" for "kubectl rollout"`);
    }
    if (args.length === 0) return k.fail('error: required resource not specified');
    const { typeName, names } = targets(args);
    const type = k.resolveType(typeName);
    if (!('kind' in type)) return k.failError(type);
    const chosen = selected(k, type, names);
    if (action === 'restart') {
      if (chosen.length === 0) {
        k.err(`No resources found in ${k.namespace} namespace.\n`);
        return 0;
      }
      return k.report(chosen.map((name) => k.kube.rolloutRestart(type, name, { namespace: k.namespace })));
    }
    // kubectl 1.33 follows one object's rollout at a time.
    if (names.length === 0 && chosen.length !== 1) {
      return k.fail(
        `error: rollout status is only supported on individual resources and resource collections - ${chosen.length} resources were found`,
      );
    }
    return status(k, chosen[0]!);
  },
};

async function status(k: Kubectl, name: string): Promise<number> {
  let last = '';
  const timeoutMs = parseGoDuration(k.flags.string('timeout') ?? '0s') || Infinity;
  const done = await poll(
    k,
    () => {
      const current = k.kube.rolloutStatus(name, k.namespace);
      if (current === undefined) return true;
      if (!current.done && current.message !== last) k.out(`${current.message}\n`);
      last = current.message;
      return current.done;
    },
    timeoutMs === Infinity ? 3_600_000 : timeoutMs,
  );
  if (k.kube.get(TYPES.Deployment, k.namespace, name) === undefined)
    return k.fail(`Error from server (NotFound): deployments.apps "${name}" not found`);
  if (!done) return k.fail('error: timed out waiting for the condition');
  k.out(`deployment "${name}" successfully rolled out\n`);
  return 0;
}
