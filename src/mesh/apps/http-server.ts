import {
  byteStreamReply,
  isByteStream,
  type Headers,
  type HttpHandler,
  type HttpResponse,
  type Listening,
  type NetHost,
} from '../net';
import { utf8Length } from './http-text';

/** A response with Content-Length filled in, the way every real server frames an HTTP/1.1 body. */
export function respond(status: number, body: string, headers: Headers = {}): HttpResponse {
  return { status, headers: { ...headers, 'content-length': String(utf8Length(body)) }, body };
}

export function jsonResponse(status: number, value: unknown, headers: Headers = {}): HttpResponse {
  return respond(status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });
}

export function htmlResponse(status: number, body: string, headers: Headers = {}): HttpResponse {
  return respond(status, body, { 'content-type': 'text/html; charset=utf-8', ...headers });
}

export function textResponse(status: number, body: string, headers: Headers = {}): HttpResponse {
  return respond(status, body, { 'content-type': 'text/plain; charset=utf-8', ...headers });
}

/** What an HTTP server (Go's net/http, as most of ours) writes back to bytes that are not a request, then closes. */
const NOT_HTTP = byteStreamReply(
  'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request',
);

/**
 * Listens on `port` with `handler`; an exception in the handler becomes a 500 the way a web framework
 * answers it, unless the client is already gone (then there is nobody to answer). Bytes that are not HTTP get
 * a 400 and a closed connection.
 */
export function serveHttp(
  host: NetHost,
  port: number,
  handler: HttpHandler,
  onError: (error: unknown) => HttpResponse = () => htmlResponse(500, '<h1>Internal Server Error</h1>\n'),
): Listening {
  return host.listen(port, async (request, peer, signal) => {
    if (isByteStream(request)) return NOT_HTTP;
    try {
      return await handler(request, peer, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      return onError(error);
    }
  });
}

/** Flask/Werkzeug's 404 page, also what productpage answers for unknown paths. */
export const WERKZEUG_NOT_FOUND =
  '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
  '<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';

export const WERKZEUG_METHOD_NOT_ALLOWED =
  '<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n' +
  '<p>The method is not allowed for the requested URL.</p>\n';
