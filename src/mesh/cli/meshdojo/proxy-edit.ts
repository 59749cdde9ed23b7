import type { InspectLocale, SimCluster } from '../../index';
import { Flags, parseArgs, parseGoDuration, UsageError } from '../args';
import type { CommandIo } from '../io';
import { resolvePod } from '../istioctl/proxy-config-command';

const WORDS: Record<
  InspectLocale,
  { edited: (proxy: string, routes: number, host: string, timeout: string) => string; usage: string }
> = {
  en: {
    edited: (proxy, routes, host, timeout) =>
      `${proxy}: ${routes} route${routes === 1 ? '' : 's'} to ${host} now time out after ${timeout} ` +
      '(edited by hand: istiod was not told)',
    usage: 'usage: meshdojo proxy edit POD[.NAMESPACE] --host HOST --timeout DURATION',
  },
  ko: {
    edited: (proxy, routes, host, timeout) =>
      `${proxy}: ${host}로 가는 라우트 ${routes}개의 타임아웃을 ${timeout}로 바꿨습니다 ` +
      '(손으로 고친 것이라 istiod는 모릅니다)',
    usage: '사용법: meshdojo proxy edit POD[.NAMESPACE] --host HOST --timeout DURATION',
  },
};

/**
 * `meshdojo proxy edit POD --host HOST --timeout D`: the simulator's stand-in for an admin editing one Envoy
 * by hand. Real Envoy takes its routes only from xDS; the command exists so a learner can make one proxy drift
 * from what istiod sent and see how `istioctl proxy-status POD` finds it and how the next push undoes it.
 */
export function proxyEdit(
  argv: readonly string[],
  io: CommandIo,
  cluster: SimCluster,
  locale: InspectLocale,
  fail: (message: string) => number,
): number {
  const words = WORDS[locale];
  let flags: Flags;
  let args: string[];
  try {
    const parsed = parseArgs(argv, [
      { name: 'host', type: 'string' },
      { name: 'timeout', type: 'string' },
      { name: 'namespace', short: 'n', type: 'string' },
    ]);
    flags = new Flags(parsed);
    args = parsed.args;
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}\n${words.usage}`);
    throw error;
  }
  const [target, ...extra] = args;
  const host = flags.string('host');
  const timeout = flags.string('timeout');
  if (target === undefined || extra.length > 0 || host === undefined || timeout === undefined) return fail(words.usage);
  const timeoutMs = parseGoDuration(timeout);
  if (timeoutMs === undefined || timeoutMs <= 0)
    return fail(`invalid argument "${timeout}" for "--timeout" flag: a duration such as 500ms or 2s`);
  const { pod, namespace: ns } = resolvePod(cluster, target, flags.string('namespace') ?? 'default');
  const result = cluster.editProxyRouteTimeout(ns, pod, host, timeoutMs);
  if (result === undefined) return fail(`pod "${pod}" in namespace "${ns}" has no running proxy`);
  if ('error' in result) return fail(result.error);
  io.stdout.write(`${words.edited(`${pod}.${ns}`, result.routes, host, timeout)}\n`);
  return 0;
}
