import { byteStreamReply, isByteStream, NetError, type HttpRequest, type HttpResponse, type PeerInfo } from '../../net';
import type { RequestConfig } from '../http/connection-manager';
import type { ActiveFilterChain } from '../listener/listener';

/**
 * What an HTTP connection manager writes back when the bytes are not HTTP (its HTTP/1 codec fails on the first
 * line) before it closes the connection.
 */
const CODEC_ERROR = byteStreamReply(
  'HTTP/1.1 400 Bad Request\r\ncontent-length: 11\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nBad Request',
);

/**
 * One connection through a filter chain's network filters, in order: the connection-level RBAC filter, then the
 * terminal filter — tcp_proxy relays a byte stream (and an HTTP request as is), the HTTP connection manager
 * serves HTTP. A connection RBAC denies is closed: a byte stream reads an orderly close, an HTTP client a reset.
 */
export function serveOnChain(
  chain: ActiveFilterChain,
  request: HttpRequest,
  peer: PeerInfo,
  signal: AbortSignal,
  config: RequestConfig,
): Promise<HttpResponse> {
  const bytes = isByteStream(request);
  if (chain.networkRbac !== undefined && !chain.networkRbac.allows(peer)) {
    if (bytes) return Promise.resolve(byteStreamReply(''));
    return Promise.reject(new NetError('ECONNRESET', `${chain.name}: connection denied by RBAC`));
  }
  if (bytes) {
    if (chain.tcpProxy === undefined) return Promise.resolve(CODEC_ERROR);
    return chain.tcpProxy.handle(request, peer, signal, config);
  }
  return chain.hcm.handle(request, peer, signal, config);
}
