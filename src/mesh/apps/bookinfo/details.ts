import type { HttpRequest, HttpResponse, Listening, PeerInfo } from '../../net';
import { htmlResponse, jsonResponse, serveHttp } from '../http-server';
import { splitPath } from '../http-text';
import type { Workload, WorkloadContext } from '../types';
import { commonLogTimestamp, wallClockOf } from '../wall-clock';

export const DETAILS_PORT = 9080;

/** The one book the store sells; details answers with it for any numeric id. */
export function bookDetails(id: number): Record<string, string | number> {
  return {
    id,
    author: 'William Shakespeare',
    year: 1595,
    type: 'paperback',
    pages: 200,
    publisher: 'PublisherA',
    language: 'English',
    'ISBN-10': '1234567890',
    'ISBN-13': '123-1234567890',
  };
}

/** details (Ruby WEBrick): `GET /details/<id>` and `GET /health`. */
export function detailsHandler(context: WorkloadContext) {
  const now = context.wallClockMs ?? wallClockOf(context.clock);
  return async (request: HttpRequest, peer: PeerInfo): Promise<HttpResponse> => {
    const response = route(request);
    // WEBrick's access log line.
    context.log(
      `${peer.remoteAddress} - - [${commonLogTimestamp(now())}] "${request.method} ${request.path} HTTP/1.1" ${response.status} ${response.body.length}`,
    );
    return response;
  };
}

function route(request: HttpRequest): HttpResponse {
  const { pathname } = splitPath(request.path);
  if (pathname === '/health') return jsonResponse(200, { status: 'Details is healthy' });
  if (pathname === '/details' || pathname.startsWith('/details/')) {
    const last = pathname.split('/').pop() ?? '';
    // Ruby's Integer() accepts only a whole number, so `/details/abc` is a 400, not a book.
    if (!/^[+-]?\d+$/.test(last)) return jsonResponse(400, { error: 'please provide numeric product id' });
    return jsonResponse(200, bookDetails(Number(last)));
  }
  return htmlResponse(404, webrickNotFound(request.path));
}

export function createDetails(image: string, context: WorkloadContext): Workload {
  let listening: Listening | undefined;
  return {
    image,
    ports: [DETAILS_PORT],
    start() {
      if (listening !== undefined) return;
      listening = serveHttp(context.host, DETAILS_PORT, detailsHandler(context));
      context.log(`[INFO] WEBrick::HTTPServer#start: pid=1 port=${DETAILS_PORT}`);
    },
    stop() {
      listening?.close();
      listening = undefined;
    },
  };
}

function webrickNotFound(path: string): string {
  return (
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0//EN">\n<HTML>\n  <HEAD><TITLE>Not Found</TITLE></HEAD>\n' +
    `  <BODY>\n    <H1>Not Found</H1>\n    \`${path}' not found.\n    <HR>\n  </BODY>\n</HTML>\n`
  );
}
