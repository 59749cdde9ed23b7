import type { HttpRequest } from '../../net';
import type { UpstreamCluster } from '../upstream/upstream-cluster';
import type { ActiveStream } from '../http/active-stream';
import type { PluginGuard } from '../extensions';
import { AttemptResult, runAttempt, type AttemptOutcome } from './upstream-request';

/** `httpbin:8000` → `httpbin-shadow:8000`: Envoy marks mirrored traffic on the host part of the authority. */
export function shadowAuthority(authority: string): string {
  const colon = authority.lastIndexOf(':');
  if (colon > 0 && !authority.endsWith(']') && /^\d+$/.test(authority.slice(colon + 1))) {
    return `${authority.slice(0, colon)}-shadow${authority.slice(colon)}`;
  }
  return `${authority}-shadow`;
}

/**
 * Fire and forget: one try, no retries, the result only counts in the mirror cluster's stats. Nothing
 * that happens here — no host, overflow, failure, a throwing plugin — reaches the caller.
 */
export function sendMirror(
  cluster: UpstreamCluster,
  request: HttpRequest,
  stream: ActiveStream,
  guard: PluginGuard,
): void {
  const shadow: HttpRequest = {
    method: request.method,
    path: request.path,
    authority: shadowAuthority(request.authority),
    headers: { ...request.headers },
    body: request.body,
  };
  let host;
  try {
    host = guard.chooseHost(cluster, {}, stream.peer.originalDestination);
  } catch {
    return;
  }
  if (host === undefined) return;
  const out: AttemptOutcome = {
    result: AttemptResult.Response,
    response: undefined,
    serviceTimeMs: -1,
    peerIdentity: undefined,
    localAddress: '-',
  };
  runAttempt(cluster, host, shadow, undefined, 0, cluster.clock, out).catch(() => undefined);
}
