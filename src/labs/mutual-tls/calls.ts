/**
 * Traffic for the mutual-tls checks: a client's curl pod calls a server from inside its pod, as the learner does with
 * `kubectl exec`, and the outcome is the HTTP status or, when no HTTP came back (STRICT resetting plaintext), the
 * curl exit code. The clients and servers are istio.io's migration task's, plus helloworld in bar, so a policy
 * that covers the whole of bar and one that covers httpbin alone give different tables.
 */
import { recordedBy } from '../grader/requests';
import { both } from '../grader/text';
import type { HopRecord } from '../mesh';
import type { Bilingual, CheckContext, CheckOutcome, Facts } from '../schema';

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
  /**
   * How the request reached the server's sidecar, as the request inspector recorded it: `mtls` with the client
   * identity the sidecar read from the certificate, `plaintext`, or `none` when no HTTP request was ever made
   * (a reset connection) or no sidecar recorded one.
   */
  readonly arrival: { kind: 'mtls'; peer: string } | { kind: 'plaintext' } | { kind: 'none' };
}

async function call(ctx: CheckContext, client: Client, server: Server): Promise<Call> {
  const shell = await ctx.shell();
  const { result, records } = await recordedBy(await ctx.cluster(), () =>
    shell.run(
      `kubectl exec deploy/curl -n ${client} -c curl -- curl -s -o /dev/null -w "%{http_code}" --max-time 5 ${server.url}`,
    ),
  );
  const exited = /command terminated with exit code (\d+)/.exec(result.stderr);
  const status = Number(result.stdout.trim()) || 0;
  const arrival = arrivalOf(records.at(-1)?.hops.find((hop) => hop.kind === 'inbound'));
  if (result.exitCode !== 0 && exited === null) {
    return { client, server, status, curlExit: 0, kubectlError: result.stderr.trim().split('\n')[0] ?? '', arrival };
  }
  return { client, server, status, curlExit: exited === null ? 0 : Number(exited[1]), arrival };
}

function arrivalOf(inbound: HopRecord | undefined): Call['arrival'] {
  if (inbound === undefined) return { kind: 'none' };
  return inbound.downstreamPeer === undefined ? { kind: 'plaintext' } : { kind: 'mtls', peer: inbound.downstreamPeer };
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
    facts: tableFacts(calls),
    expected: both(expected.map((e) => e + suffix.ko).join('; '), expected.map((e) => e + suffix.en).join('; ')),
    seen: both(cells.map((c) => c.ko).join('; '), cells.map((c) => c.en).join('; ')),
  };
}

/**
 * What the table measured, for the step's "your run" text: how many calls got 200 or a reset, how many reached a
 * server's sidecar over mTLS or in plaintext and how many left no request record at all, the last call's status as
 * curl printed it and the exit code of the last reset, and the identity each sidecar client presented
 * (`fooIdentity`: `spiffe://cluster.local/ns/foo/sa/curl`).
 */
function tableFacts(calls: readonly Call[]): Facts {
  const count = (test: (c: Call) => boolean): number => calls.filter(test).length;
  const facts: Facts = {
    calls: calls.length,
    ok: count((c) => outcomeOf(c) === 'ok'),
    resets: count((c) => outcomeOf(c) === 'reset'),
    mtls: count((c) => c.arrival.kind === 'mtls'),
    plaintext: count((c) => c.arrival.kind === 'plaintext'),
    unrecorded: count((c) => c.arrival.kind === 'none'),
  };
  const last = calls.at(-1);
  if (last !== undefined) facts['status'] = String(last.status).padStart(3, '0');
  const reset = calls.filter((c) => outcomeOf(c) === 'reset').at(-1);
  if (reset !== undefined) facts['curlExit'] = reset.curlExit;
  for (const { client, arrival } of calls) if (arrival.kind === 'mtls') facts[`${client}Identity`] = arrival.peer;
  return facts;
}

/** Passes when legacy's curl pod runs the curl container alone, with no `istio-proxy` beside it. */
export async function legacyContainers(ctx: CheckContext): Promise<CheckOutcome> {
  const shell = await ctx.shell();
  const result = await shell.run(
    "kubectl get pods -n legacy -l app=curl -o jsonpath='{.items[*].spec.containers[*].name}'",
  );
  const names = result.stdout.trim();
  const seen = names === '' ? both('legacy에 curl 파드가 없음', 'no curl pod in legacy') : both(names, names);
  const facts = { containers: names, containerCount: names.split(/\s+/).filter(Boolean).length };
  return { pass: names === 'curl', expected: both('curl', 'curl'), seen, facts };
}
