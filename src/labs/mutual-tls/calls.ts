/**
 * Traffic for the mutual-tls checks: a client's curl pod calls a server from inside its pod, as the learner does with
 * `kubectl exec`, and the outcome is the HTTP status or, when no HTTP came back (STRICT resetting plaintext), the
 * curl exit code. The clients and servers are istio.io's migration task's, plus helloworld in bar, so a policy
 * that covers the whole of bar and one that covers httpbin alone give different tables.
 */
import { both } from '../grader/text';
import type { Bilingual, CheckContext, CheckOutcome } from '../schema';

/** The namespace of a `curl` pod: foo and bar have sidecars, legacy has none. */
export type Client = 'foo' | 'bar' | 'legacy';

export interface Server {
  readonly name: string;
  readonly url: string;
}

export const HTTPBIN_FOO: Server = { name: 'httpbin.foo', url: 'http://httpbin.foo:8000/ip' };
export const HTTPBIN_BAR: Server = { name: 'httpbin.bar', url: 'http://httpbin.bar:8000/ip' };
export const HELLOWORLD_BAR: Server = { name: 'helloworld.bar', url: 'http://helloworld.bar:5000/hello' };
export const SERVERS: readonly Server[] = [HTTPBIN_FOO, HTTPBIN_BAR, HELLOWORLD_BAR];

export type Outcome = 'ok' | 'reset' | 'other';

interface Call {
  readonly client: Client;
  readonly server: Server;
  readonly status: number;
  readonly curlExit: number;
  /** kubectl's own error when the exec never ran curl (no such pod, no such namespace). */
  readonly kubectlError?: string;
}

async function call(ctx: CheckContext, client: Client, server: Server): Promise<Call> {
  const shell = await ctx.shell();
  const result = await shell.run(
    `kubectl exec deploy/curl -n ${client} -c curl -- curl -s -o /dev/null -w "%{http_code}" --max-time 5 ${server.url}`,
  );
  const exited = /command terminated with exit code (\d+)/.exec(result.stderr);
  const status = Number(result.stdout.trim()) || 0;
  if (result.exitCode !== 0 && exited === null) {
    return { client, server, status, curlExit: 0, kubectlError: result.stderr.trim().split('\n')[0] ?? '' };
  }
  return { client, server, status, curlExit: exited === null ? 0 : Number(exited[1]) };
}

/** 200 is a call that went through; 000 with curl's exit 56 is the server's sidecar resetting the connection. */
function outcomeOf({ status, curlExit }: Call): Outcome {
  if (status === 200) return 'ok';
  return status === 0 && curlExit === 56 ? 'reset' : 'other';
}

/** One cell of the table, in the task's own words: `curl.legacy to httpbin.bar: 000 (curl exit 56)`. */
function describeCall({ client, server, status, curlExit, kubectlError }: Call): Bilingual {
  if (kubectlError !== undefined) return both(`curl.${client}: ${kubectlError}`, `curl.${client}: ${kubectlError}`);
  const cell = `curl.${client} to ${server.name}: ${String(status).padStart(3, '0')}`;
  if (status !== 0) return both(cell, cell);
  return both(`${cell} (curl 종료 코드 ${curlExit})`, `${cell} (curl exit ${curlExit})`);
}

/** Calls every server from every client and passes when each call had the outcome `wanted`. */
export async function expectTable(
  ctx: CheckContext,
  clients: readonly Client[],
  servers: readonly Server[],
  wanted: Outcome,
): Promise<CheckOutcome> {
  const calls: Call[] = [];
  for (const client of clients) for (const server of servers) calls.push(await call(ctx, client, server));
  // A missing pod fails every call of its client the same way: say it once.
  const cells = [...new Map(calls.map(describeCall).map((cell) => [cell.en, cell])).values()];
  const expected = calls.map((c) => `curl.${c.client} to ${c.server.name}: ${wanted === 'ok' ? '200' : '000'}`);
  const suffix = wanted === 'reset' ? both(' (curl 종료 코드 56)', ' (curl exit 56)') : both('', '');
  return {
    pass: calls.every((c) => outcomeOf(c) === wanted),
    expected: both(expected.map((e) => e + suffix.ko).join('; '), expected.map((e) => e + suffix.en).join('; ')),
    seen: both(cells.map((c) => c.ko).join('; '), cells.map((c) => c.en).join('; ')),
  };
}

/** Passes when legacy's curl pod runs the curl container alone, with no `istio-proxy` beside it. */
export async function legacyContainers(ctx: CheckContext): Promise<CheckOutcome> {
  const shell = await ctx.shell();
  const result = await shell.run(
    "kubectl get pods -n legacy -l app=curl -o jsonpath='{.items[*].spec.containers[*].name}'",
  );
  const names = result.stdout.trim();
  const seen = names === '' ? both('legacy에 curl 파드가 없음', 'no curl pod in legacy') : both(names, names);
  return { pass: names === 'curl', expected: both('curl', 'curl'), seen };
}
