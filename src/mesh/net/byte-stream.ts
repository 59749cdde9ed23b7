import type { HttpRequest, HttpResponse } from './types';

/**
 * A plain TCP conversation on a Net that carries messages: the client writes its bytes and half-closes, the
 * server writes back until it closes. One exchange on a Connection stands for it — the request's body is what
 * the client wrote, the response's body what came back before the server closed (empty: closed without a
 * word). HTTP servers and Envoy's HTTP chains tell it apart from a request by its method, which no HTTP
 * request has; tcp_proxy chains carry it through unchanged.
 */
const BYTE_STREAM_METHOD = '';

export function byteStream(bytes: string): HttpRequest {
  return { method: BYTE_STREAM_METHOD, path: '', authority: '', headers: {}, body: bytes };
}

export function isByteStream(request: HttpRequest): boolean {
  return request.method === BYTE_STREAM_METHOD;
}

/** What the server wrote before it closed the connection. */
export function byteStreamReply(bytes: string): HttpResponse {
  return { status: 0, headers: {}, body: bytes };
}
