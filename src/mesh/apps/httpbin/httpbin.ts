import type { Headers, HttpRequest, HttpResponse, Listening, PeerInfo } from '../../net';
import { parseGoDuration } from '../go-format';
import { respond, serveHttp } from '../http-server';
import { parseUrlEncoded, splitPath, utf8Length } from '../http-text';
import type { Workload, WorkloadContext } from '../types';
import { isoTimestamp } from '../../sim';
import { commonLogTimestamp, httpDate, wallClockOf } from '../wall-clock';
import { bodyEcho, echoRequest, formatJson, getBody, headersJson, pickStatus, uuid4, type HttpbinFlavor } from './echo';

export interface HttpbinSettings {
  flavor: HttpbinFlavor;
  port: number;
  /** Longest `/delay` honoured: Python caps at 10 s, go-httpbin refuses more than `-max-duration` (10 s). */
  maxDelayMs: number;
  /** Whether each request is logged (go-httpbin always; gunicorn only with `--access-logfile`). */
  accessLog: boolean;
}

/** Reads the port and limits from the container's env and args, as each httpbin does. */
export function httpbinSettings(flavor: HttpbinFlavor, context: WorkloadContext): HttpbinSettings {
  const argv = [...(context.command ?? []), ...(context.args ?? [])];
  const flag = (...names: string[]): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      for (const name of names) {
        if (arg === name) return argv[i + 1];
        if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      }
    }
    return undefined;
  };
  if (flavor === 'go') {
    const maxDuration = flag('-max-duration', '--max-duration') ?? context.env['MAX_DURATION'];
    return {
      flavor,
      port: Number(flag('-port', '--port') ?? context.env['PORT'] ?? 8080),
      maxDelayMs: maxDuration === undefined ? 10_000 : (parseGoDuration(maxDuration) ?? 10e9) / 1e6,
      accessLog: true,
    };
  }
  const bind = flag('-b', '--bind');
  return {
    flavor,
    port: bind === undefined ? 80 : Number(bind.split(':').pop()),
    maxDelayMs: 10_000,
    accessLog: argv.includes('--access-logfile'),
  };
}

/** httpbin's request-inspection endpoints: /get, /headers, /ip, /status, /delay, /anything, … */
export function httpbinHandler(
  settings: HttpbinSettings,
  context: Pick<WorkloadContext, 'clock' | 'random' | 'log' | 'wallClockMs'>,
) {
  const { flavor } = settings;
  const { clock, random } = context;
  const now = context.wallClockMs ?? wallClockOf(clock);

  const baseHeaders = (): Headers =>
    flavor === 'go'
      ? { 'access-control-allow-credentials': 'true', 'access-control-allow-origin': '*', date: httpDate(now()) }
      : {
          server: 'gunicorn/19.9.0',
          date: httpDate(now()),
          connection: 'keep-alive',
          'access-control-allow-origin': '*',
          'access-control-allow-credentials': 'true',
        };
  const jsonType = flavor === 'go' ? 'application/json; charset=utf-8' : 'application/json';
  const json = (status: number, value: Parameters<typeof formatJson>[0], extra: Headers = {}): HttpResponse =>
    respond(status, formatJson(value, flavor), { ...baseHeaders(), 'content-type': jsonType, ...extra });
  const plain = (status: number, body: string, extra: Headers = {}): HttpResponse =>
    respond(status, body, {
      ...baseHeaders(),
      'content-type': flavor === 'go' ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8',
      ...extra,
    });
  const failure = (status: number, message: string): HttpResponse =>
    flavor === 'go' ? json(status, { status_code: status, error: message }) : plain(status, message);

  async function route(request: HttpRequest, peer: PeerInfo, signal: AbortSignal): Promise<HttpResponse> {
    const { pathname, query } = splitPath(request.path);
    const method = request.method.toUpperCase();
    const echoed = (): ReturnType<typeof echoRequest> => echoRequest(request, peer, flavor, random);
    const allow = (...methods: string[]): boolean =>
      methods.includes(method) || (methods.includes('GET') && method === 'HEAD');

    if (pathname === '/' && allow('GET'))
      return respond(200, INDEX_HTML, { ...baseHeaders(), 'content-type': 'text/html; charset=utf-8' });
    if (pathname === '/get') return allow('GET') ? json(200, getBody(echoed(), flavor)) : methodNotAllowed();
    if (pathname === '/headers') return json(200, { headers: headersJson(echoed(), flavor) });
    if (pathname === '/ip') return json(200, { origin: echoed().origin });
    if (pathname === '/user-agent') return json(200, { 'user-agent': request.headers['user-agent'] ?? '' });
    if (pathname === '/uuid') return json(200, { uuid: uuid4(random) });
    if (pathname === '/anything' || pathname.startsWith('/anything/'))
      return json(200, bodyEcho(echoed(), flavor, true));
    const verb = /^\/(post|put|patch|delete)$/.exec(pathname)?.[1];
    if (verb !== undefined)
      return allow(verb.toUpperCase()) ? json(200, bodyEcho(echoed(), flavor, false)) : methodNotAllowed();

    const status = /^\/status\/([^/]+)$/.exec(pathname);
    if (status !== null) {
      const code = pickStatus(decodeURIComponent(status[1] ?? ''), random);
      return code === undefined ? failure(400, 'Invalid status code') : statusResponse(code);
    }
    const delay = /^\/delay\/([^/]+)$/.exec(pathname);
    if (delay !== null) {
      const delayMs = parseDelay(delay[1] ?? '');
      if (delayMs === undefined || delayMs < 0) return failure(400, 'invalid duration');
      if (flavor === 'go' && delayMs > settings.maxDelayMs) {
        return failure(400, `duration must be between 0 and ${settings.maxDelayMs / 1000}s`);
      }
      await clock.sleep(Math.min(delayMs, settings.maxDelayMs), signal);
      return json(200, flavor === 'go' ? getBody(echoed(), flavor) : bodyEcho(echoed(), flavor, false));
    }
    if (pathname === '/response-headers') return responseHeaders(parseUrlEncoded(query));
    return plain(404, flavor === 'go' ? '404 page not found\n' : NOT_FOUND_HTML);
  }

  function methodNotAllowed(): HttpResponse {
    return flavor === 'go' ? failure(405, 'Method Not Allowed') : plain(405, METHOD_NOT_ALLOWED_HTML);
  }

  function statusResponse(code: number): HttpResponse {
    if ([301, 302, 303, 305, 307, 308].includes(code)) return plain(code, '', { location: '/redirect/1' });
    if (code === 401) return plain(code, '', { 'www-authenticate': 'Basic realm="Fake Realm"' });
    if (code === 407) return plain(code, '', { 'proxy-authenticate': 'Basic realm="Fake Realm"' });
    if (code === 418) return plain(code, TEAPOT, { 'x-more-info': 'http://tools.ietf.org/html/rfc2324' });
    return plain(code, '');
  }

  /** Echoes each query pair as a response header, and lists them (with the final Content-Length) as JSON. */
  function responseHeaders(pairs: [string, string][]): HttpResponse {
    const extra: Headers = {};
    for (const [name, value] of pairs) extra[name.toLowerCase()] = value;
    const listed: Record<string, string | string[]> = { 'Content-Type': jsonType };
    for (const [name, value] of pairs) listed[name] = flavor === 'go' ? [value] : value;
    // The body lists its own length: iterate until the number stops changing its own width.
    let body = '';
    for (let length = 0, i = 0; i < 4; i++) {
      listed['Content-Length'] = String(length);
      body = formatJson(listed, flavor);
      if (utf8Length(body) === length) break;
      length = utf8Length(body);
    }
    return respond(200, body, { ...baseHeaders(), 'content-type': jsonType, ...extra });
  }

  function parseDelay(text: string): number | undefined {
    const seconds = Number(text);
    if (text !== '' && Number.isFinite(seconds)) return seconds * 1000;
    const ns = flavor === 'go' ? parseGoDuration(text) : undefined;
    return ns === undefined ? undefined : ns / 1e6;
  }

  return async (request: HttpRequest, peer: PeerInfo, signal: AbortSignal): Promise<HttpResponse> => {
    const started = clock.now();
    const response = await route(request, peer, signal);
    if (settings.accessLog)
      context.log(accessLogLine(settings.flavor, request, peer, response, now(), clock.now() - started));
    return response;
  };
}

function accessLogLine(
  flavor: HttpbinFlavor,
  request: HttpRequest,
  peer: PeerInfo,
  response: HttpResponse,
  epochMs: number,
  durationMs: number,
): string {
  const agent = request.headers['user-agent'] ?? '-';
  if (flavor === 'go') {
    return (
      `time="${isoTimestamp(epochMs)}" status=${response.status} method="${request.method}" uri="${request.path}" ` +
      `size_bytes=${utf8Length(response.body)} duration_ms=${durationMs.toFixed(2)} user_agent="${agent}" client_ip=${peer.remoteAddress}`
    );
  }
  return `${peer.remoteAddress} - - [${commonLogTimestamp(epochMs)}] "${request.method} ${request.path} HTTP/1.1" ${response.status} ${utf8Length(response.body)} "-" "${agent}"`;
}

export function createHttpbin(image: string, flavor: HttpbinFlavor, context: WorkloadContext): Workload {
  const settings = httpbinSettings(flavor, context);
  let listening: Listening | undefined;
  return {
    image,
    ports: [settings.port],
    start() {
      if (listening !== undefined) return;
      listening = serveHttp(context.host, settings.port, httpbinHandler(settings, context));
      const now = (context.wallClockMs ?? wallClockOf(context.clock))();
      context.log(
        flavor === 'go'
          ? `time="${isoTimestamp(now)}" msg="go-httpbin listening on http://0.0.0.0:${settings.port}"`
          : `[${commonLogTimestamp(now)}] [1] [INFO] Listening at: http://0.0.0.0:${settings.port} (1)`,
      );
    },
    stop() {
      listening?.close();
      listening = undefined;
    },
  };
}

const INDEX_HTML = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>httpbin.org</title></head>
<body>
<h1>httpbin.org</h1>
<p>A simple HTTP Request &amp; Response Service.</p>
</body>
</html>
`;

const NOT_FOUND_HTML =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
  '<p>The requested URL was not found on the server.  If you entered the URL manually please check your spelling and try again.</p>\n';

const METHOD_NOT_ALLOWED_HTML =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>405 Method Not Allowed</title>\n' +
  '<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n';

const TEAPOT = `
    -=[ teapot ]=-

       _...._
     .'  _ _ \`.
    | ."\` ^ \`". _,
    \\_;\`"---"\`|//
      |       ;/
      \\_     _/
        \`"""\`
`;
