import { KubeError, type Pod } from '../../index';
import { parseGoDuration } from '../args';
import type { Kubectl, Subcommand } from './context';
import { untilInterrupted } from './interrupt';
import { chooseContainer, podsBySelector, resolvePod } from './pods';

/** How often `logs -f` looks at a sidecar's access log, which keeps lines without telling anyone of new ones. */
const ACCESS_LOG_POLL_MS = 1_000;

export const logs: Subcommand = {
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'tail', type: 'int' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'all-containers', type: 'bool' },
    { name: 'timestamps', type: 'bool' },
    { name: 'since', type: 'string' },
  ],
  run: async (k) => {
    const pods: Pod[] = [];
    if (k.flags.has('selector')) pods.push(...podsBySelector(k, k.flags.string('selector')!));
    else {
      const [target] = k.args;
      if (target === undefined)
        return k.fail(
          "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command",
        );
      const pod = resolvePod(k, target);
      if (pod instanceof KubeError) return k.failError(pod);
      pods.push(pod);
    }
    const tail = k.flags.int('tail') ?? (k.flags.has('selector') ? 10 : undefined);
    const sinceMs = k.flags.has('since') ? parseGoDuration(k.flags.string('since')!) : undefined;
    const follow = k.flags.bool('follow') && !k.flags.bool('previous');
    const stops: (() => void)[] = [];
    for (const pod of pods) {
      const containers = k.flags.bool('all-containers')
        ? (pod.spec?.containers ?? []).map((c) => c.name)
        : [chooseContainer(k, pod, k.flags.string('container'))];
      for (const container of containers) {
        if (typeof container !== 'string') {
          for (const stop of stops) stop();
          return container === undefined ? 1 : k.failError(container);
        }
        const ns = pod.metadata.namespace ?? k.namespace;
        const proxy = container === 'istio-proxy' ? k.cluster.proxy(ns, pod.metadata.name) : undefined;
        if (proxy !== undefined) {
          // The sidecar's output is its access log.
          const shown = proxy.logs(tail !== undefined && tail >= 0 ? tail : undefined);
          for (const line of shown) k.out(`${line}\n`);
          if (follow) stops.push(followAccessLog(k, () => proxy.logs(), proxy.logs()));
          continue;
        }
        const entries = k.kube.logs.read(ns, pod.metadata.name, container, {
          ...(tail !== undefined && tail >= 0 && { tail }),
          ...(sinceMs !== undefined && { sinceMs: k.cluster.clock.now() - sinceMs }),
          previous: k.flags.bool('previous'),
        });
        for (const entry of entries) k.out(`${entry.text}\n`);
        if (follow) stops.push(k.kube.logs.follow(ns, pod.metadata.name, container, (e) => k.out(`${e.text}\n`)));
      }
    }
    if (!follow) return 0;
    try {
      return await untilInterrupted(k);
    } finally {
      for (const stop of stops) stop();
    }
  },
};

/**
 * Prints the lines an access log gains after `seen`. The log is a ring of its latest lines, so what is new is
 * what follows the longest run of the old lines' end that the current lines start with.
 */
function followAccessLog(k: Kubectl, read: () => string[], seen: string[]): () => void {
  let previous = seen;
  let timer = k.cluster.clock.setTimer(ACCESS_LOG_POLL_MS, function look() {
    const current = read();
    for (const line of current.slice(overlap(previous, current))) k.out(`${line}\n`);
    previous = current;
    timer = k.cluster.clock.setTimer(ACCESS_LOG_POLL_MS, look);
  });
  return () => timer.cancel();
}

function overlap(previous: readonly string[], current: readonly string[]): number {
  for (let length = Math.min(previous.length, current.length); length > 0; length--) {
    const start = previous.length - length;
    let same = true;
    for (let i = 0; i < length && same; i++) same = previous[start + i] === current[i];
    if (same) return length;
  }
  return 0;
}
