import type { HttpRequest, HttpResponse, PeerInfo } from '../../net';
import type { Clock, Random } from '../../sim';
import { respond } from '../http-server';
import { httpbinHandler } from '../httpbin/httpbin';
import { httpDate } from '../wall-clock';
import { RAW_GITHUB_FILES } from './raw-github-files';

/** Serves one public site; `scheme` is how the request came (a site may redirect plain http to https). */
export type SiteHandler = (
  request: HttpRequest,
  peer: PeerInfo,
  signal: AbortSignal,
  scheme: 'http' | 'https',
) => Promise<HttpResponse>;

export interface SiteContext {
  readonly clock: Clock;
  readonly random: Random;
  readonly nowMs: () => number;
}

/**
 * httpbin.org: the Python httpbin behind an AWS load balancer, which adds `X-Amzn-Trace-Id` to each request
 * and answers `/delay` up to 10 s. The load balancer takes the client's `X-Forwarded-*` headers over (httpbin.org
 * shows none of them in `/headers`).
 */
export function httpbinOrg(context: SiteContext): SiteHandler {
  const handler = httpbinHandler(
    { flavor: 'python', port: 80, maxDelayMs: 10_000, accessLog: false },
    { clock: context.clock, random: context.random, log: () => undefined, wallClockMs: context.nowMs },
  );
  return (request, peer, signal) => {
    const seconds = Math.floor(context.nowMs() / 1000).toString(16);
    const traceId = `Root=1-${seconds}-${randomHex(context.random, 24)}`;
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !FORWARDED.test(name)));
    return handler({ ...request, headers: { ...headers, 'x-amzn-trace-id': traceId } }, peer, signal);
  };
}

const FORWARDED = /^x-forwarded-/i;

function randomHex(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += random.int(16).toString(16);
  return out;
}

/** A site's front page; `redirectHttp` sends plain http to the https URL with a 301, as CNN does. */
export function pageSite(
  context: SiteContext,
  { server, page, redirectHttp }: { server: string; page: string; redirectHttp: boolean },
): SiteHandler {
  return async (request, _peer, _signal, scheme) => {
    const host = request.authority.replace(/:\d+$/, '');
    const base = { date: httpDate(context.nowMs()), server };
    if (scheme === 'http' && redirectHttp)
      return respond(301, '', { ...base, location: `https://${host}${request.path}`, 'content-length': '0' });
    const response = respond(200, page, { ...base, 'content-type': 'text/html; charset=utf-8' });
    return request.method === 'HEAD' ? { ...response, body: '' } : response;
  };
}

/** raw.githubusercontent.com: the registered files as text/plain, 404 for any other path. */
export function rawGithub(context: SiteContext): SiteHandler {
  return async (request) => {
    const path = request.path.split('?')[0]!.replace(/^\//, '');
    const file = RAW_GITHUB_FILES.get(path);
    const headers = { date: httpDate(context.nowMs()), 'content-type': 'text/plain; charset=utf-8' };
    const response = file === undefined ? respond(404, '404: Not Found', headers) : respond(200, file, headers);
    return request.method === 'HEAD' ? { ...response, body: '' } : response;
  };
}
