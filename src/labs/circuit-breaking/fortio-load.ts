/**
 * The traffic the circuit-breaking checks send: fortio's own `load` and `curl` in the fortio pod, as the istio.io
 * task runs them, so a check counts exactly what the learner would see in the terminal. The pending-overflow
 * counter of fortio's sidecar is read around each load, so a 503 can be told apart as the breaker's (UO).
 */
import { both } from '../grader/text';
import { CommandFailed, commandOutput } from '../grader/terminal-commands';
import type { Bilingual, CheckContext } from '../schema';

const FORTIO = 'kubectl exec deploy/fortio-deploy -c fortio --';
const HTTPBIN = 'outbound|8000||httpbin.default.svc.cluster.local';
const OVERFLOW = `${HTTPBIN}.upstream_rq_pending_overflow`;
/** Ejections outlier detection carried out on httpbin's hosts in fortio's sidecar. */
export const EJECTIONS = `${HTTPBIN}.outlier_detection.ejections_enforced_total`;

export interface Load {
  readonly calls: number;
  readonly ok: number;
  readonly unavailable: number;
  /** How many requests fortio's sidecar refused for a full pending queue during this load (flag UO). */
  readonly overflowed: number;
}

/** A counter of fortio's sidecar (`cluster.<name>` in its stats), as `pilot-agent request GET stats` prints it. */
export async function sidecarStat(ctx: CheckContext, name: string): Promise<number> {
  const stats = await commandOutput(
    ctx,
    `kubectl exec deploy/fortio-deploy -c istio-proxy -- pilot-agent request GET stats`,
  );
  const line = stats.split('\n').find((l) => l.includes(`cluster.${name}:`));
  return Number(line?.slice(line.lastIndexOf(':') + 1).trim() ?? 0);
}

const codeCount = (out: string, code: number): number =>
  Number(new RegExp(`^Code ${code} : (\\d+)`, 'm').exec(out)?.[1] ?? 0);

/** `fortio load -c <connections> -qps 0 -n <calls>` against httpbin's /get, as the task runs it. */
export async function fortioLoad(ctx: CheckContext, connections: number, calls: number): Promise<Load> {
  const before = await sidecarStat(ctx, OVERFLOW);
  const out = await commandOutput(
    ctx,
    `${FORTIO} fortio load -c ${connections} -qps 0 -n ${calls} -loglevel Warning http://httpbin:8000/get`,
  );
  return {
    calls,
    ok: codeCount(out, 200),
    unavailable: codeCount(out, 503),
    overflowed: (await sidecarStat(ctx, OVERFLOW)) - before,
  };
}

/** fortio's `curl` from its pod: the status code it got (fortio exits 1 on any other than 200, and says which). */
export async function fortioCurl(ctx: CheckContext, url: string): Promise<number> {
  const line = `${FORTIO} fortio curl -quiet ${url}`;
  const result = await (await ctx.shell()).run(line);
  const code = /^HTTP\/1\.1 (\d+)/.exec(result.stdout)?.[1] ?? /"code":(\d+)/.exec(result.stderr)?.[1];
  if (code === undefined) throw new CommandFailed(`${line}: ${(result.stderr || result.stdout).trim()}`);
  return Number(code);
}

/** The output of a kubectl query that has to work. */
export async function query(ctx: CheckContext, line: string): Promise<string> {
  return (await commandOutput(ctx, line)).trim();
}

/** Waits on the cluster's virtual clock, as `sleep` in the terminal does. */
export async function sleep(ctx: CheckContext, seconds: number): Promise<void> {
  await commandOutput(ctx, `sleep ${seconds}`);
}

export function describeLoad(load: Load, connections: number): Bilingual {
  return both(
    `동시 연결 ${connections}개로 ${load.calls}번 호출: 200 ${load.ok}번, 503 ${load.unavailable}번(그중 UO ${load.overflowed}번)`,
    `${load.calls} calls over ${connections} connections: 200 × ${load.ok}, 503 × ${load.unavailable} (UO: ${load.overflowed})`,
  );
}
