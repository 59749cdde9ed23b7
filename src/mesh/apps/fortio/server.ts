import type { Headers, HttpRequest, HttpResponse, PeerInfo } from '../../net';
import type { Clock, Random } from '../../sim';
import { formatGoDuration, parseGoDuration } from '../go-format';
import { htmlResponse, respond, textResponse } from '../http-server';
import { canonicalHeaderName, parseUrlEncoded, splitPath } from '../http-text';
import { httpDate } from '../wall-clock';
import { FORTIO_VERSION } from './target';

export const FORTIO_HTTP_PORT = 8080;

/** fortio caps `?delay=` at 1.5 s unless started with -maxdelay. */
const MAX_DELAY_MS = 1500;

export interface EchoServerContext {
  clock: Clock;
  random: Random;
  podName: string;
  epochMs: () => number;
  startedAt: number;
}

/**
 * `fortio server` on 8080: the echo handler (`?status=503:50`, `?delay=250ms:10`, `?size=`, `?header=`),
 * `/debug` describing the request, and the UI at `/fortio/`.
 */
export function echoHandler(context: EchoServerContext) {
  return async (request: HttpRequest, peer: PeerInfo, signal: AbortSignal): Promise<HttpResponse> => {
    const { pathname, query } = splitPath(request.path);
    const params = parseUrlEncoded(query);
    if (pathname === '/fortio' || pathname.startsWith('/fortio/')) return htmlResponse(200, UI_HTML);
    const delayMs = pickPercent(params, 'delay', context.random, (text) => {
      const ns = parseGoDuration(text);
      return ns === undefined ? undefined : Math.min(ns / 1e6, MAX_DELAY_MS);
    });
    if (delayMs !== undefined && delayMs > 0) await context.clock.sleep(delayMs, signal);
    const status =
      pickPercent(params, 'status', context.random, (text) => (/^\d{3}$/.test(text) ? Number(text) : undefined)) ?? 200;
    const headers: Headers = { date: httpDate(context.epochMs()) };
    for (const [key, value] of params) {
      if (key !== 'header') continue;
      const colon = value.indexOf(':');
      if (colon > 0) headers[value.slice(0, colon).trim().toLowerCase()] = value.slice(colon + 1).trim();
    }
    if (params.some(([key, value]) => key === 'close' && value !== 'false')) headers['connection'] = 'close';
    if (pathname === '/debug' || pathname.startsWith('/debug/')) {
      return textResponse(status, debugText(request, peer, context), headers);
    }
    const size = Number(params.find(([key]) => key === 'size')?.[1] ?? NaN);
    if (Number.isInteger(size) && size >= 0) {
      return respond(status, 'x'.repeat(Math.min(size, 256 * 1024)), {
        ...headers,
        'content-type': 'application/octet-stream',
      });
    }
    const contentType = request.headers['content-type'];
    return respond(
      status,
      request.body,
      contentType === undefined ? headers : { ...headers, 'content-type': contentType },
    );
  };
}

/**
 * fortio's `value:percent,value:percent` lists: each value wins with its percentage, the rest of the time
 * none does (a bare value means 100%).
 */
function pickPercent<T>(
  params: [string, string][],
  key: string,
  random: Random,
  parse: (text: string) => T | undefined,
): T | undefined {
  const spec = params.find(([name]) => name === key)?.[1];
  if (spec === undefined || spec === '') return undefined;
  const draw = random.next() * 100;
  let cumulative = 0;
  for (const entry of spec.split(',')) {
    const [valueText = '', percentText] = entry.split(':');
    const value = parse(valueText.trim());
    if (value === undefined) continue;
    cumulative += percentText === undefined ? 100 : Number(percentText);
    if (draw < cumulative) return value;
  }
  return undefined;
}

function debugText(request: HttpRequest, peer: PeerInfo, context: EchoServerContext): string {
  const uptime = formatGoDuration((context.clock.now() - context.startedAt) * 1e6);
  const lines = [
    `Φορτίο version ${FORTIO_VERSION} echo debug server up for ${uptime} on ${context.podName} - request from ${peer.remoteAddress}`,
    '',
    `${request.method} ${request.path} HTTP/1.1`,
    '',
    'headers:',
    '',
    `Host: ${request.authority}`,
    ...Object.entries(request.headers).map(([name, value]) => `${canonicalHeaderName(name)}: ${value}`),
    '',
    'body:',
    '',
    request.body,
    '',
  ];
  return lines.join('\n');
}

const UI_HTML = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Φορτίο (fortio) v${FORTIO_VERSION}</title></head>
<body>
<h1>Φορτίο (fortio) v${FORTIO_VERSION} control UI</h1>
<p>Up for load testing. Run <code>fortio load</code> from a terminal to drive traffic.</p>
</body>
</html>
`;
