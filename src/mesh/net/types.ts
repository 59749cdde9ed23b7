import type { Clock, Random } from '../sim';

/** Header names are lower-case, as HTTP/2 and Envoy carry them. */
export type Headers = Record<string, string>;

export interface HttpRequest {
  method: string;
  /** Path with query string, e.g. `/status/503?x=1`. */
  path: string;
  /** Host / :authority, e.g. `httpbin:8000`. */
  authority: string;
  headers: Headers;
  body: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** What a server learns about the connection a request came on. */
export interface PeerInfo {
  remoteAddress: string;
  /** The client's ephemeral port, where the network gives one (access logs print `address:port`). */
  remotePort?: number;
  localAddress: string;
  localPort: number;
  /** Where the client meant to connect before capture redirected it (iptables REDIRECT's SO_ORIGINAL_DST). */
  originalDestination?: { address: string; port: number };
  /** Present when the connection is mutual TLS. */
  tls?: TlsInfo;
  /** Present when this listener terminated a client's TLS (ListenOptions.acceptTls). */
  tlsSession?: TlsSession;
}

export interface TlsInfo {
  /** SPIFFE URI of the client's certificate, e.g. `spiffe://cluster.local/ns/default/sa/sleep`. */
  peerIdentity: string;
  /** SPIFFE URI of the server's certificate. */
  localIdentity: string;
  /** The SNI the client sent (Istio's `outbound_.<port>_._.<host>`), when it sent one. */
  serverName?: string;
}

export type HttpHandler = (request: HttpRequest, peer: PeerInfo, signal: AbortSignal) => Promise<HttpResponse>;

export type NetErrorCode =
  | 'ECONNREFUSED' // nothing listens there: curl exit 7
  | 'ECONNRESET' // peer reset the connection (e.g. plaintext to a STRICT mTLS server): curl exit 56
  | 'EHOSTUNREACH'
  | 'ETIMEDOUT'
  | 'ENOTFOUND' // DNS has no such name: curl exit 6
  | 'EADDRNOTAVAIL' // every local port toward that destination is in use: curl exit 7
  | 'EPROTO'; // a TLS handshake failed (TlsHandshakeError): curl exit 35

export class NetError extends Error {
  constructor(
    readonly code: NetErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = 'NetError';
  }
}

export interface ConnectOptions {
  /** The Envoy sidecar's own traffic (uid 1337) is not captured again, except toward its own pod address. */
  bypassCapture?: boolean;
  /** Bind to this local address (Envoy's upstream_bind_config); 127.0.0.6 is never captured. */
  sourceAddress?: string;
  /** Offer mutual TLS with this identity; the server must accept TLS or the connection fails. */
  tls?: { identity: string; serverIdentity?: string; serverName?: string };
  /** Start TLS with this hello (a TLS client such as curl for https, or Envoy originating TLS). */
  tlsHello?: ClientHello;
}

/** One HTTP/1.1 connection: requests on it are served one at a time (keep-alive reuse). */
export interface Connection {
  readonly id: number;
  readonly localAddress: string;
  /** The ephemeral port this end was given, where the network gives one. */
  readonly localPort?: number | undefined;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** How many requests this connection has carried. */
  readonly requestCount: number;
  readonly closed: boolean;
  /** What the TLS handshake settled, when the connection was opened with a `tlsHello`. */
  readonly tls?: TlsSession | undefined;
  /** Rejects with NetError when the connection fails or with the signal's reason when aborted (which closes it). */
  request(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse>;
  close(): void;
  onClose(listener: () => void): void;
}

export interface ListenOptions {
  /** `STRICT`: only mTLS connections; `PERMISSIVE`: both; absent: plaintext only (TLS offers fail). */
  tls?: { mode: 'STRICT' | 'PERMISSIVE'; identity: string };
  /** How a TLS hello is taken (terminated here or relayed on); without it the port speaks plaintext only. */
  acceptTls?: TlsAcceptor;
}

export interface Listening {
  readonly port: number;
  close(): void;
}

/** iptables-style capture in a pod's network namespace, as istio-init sets it up. */
export interface CaptureRules {
  /** Outbound connections (except bypassCapture ones) go to this local port (Envoy's 15001). */
  outboundPort?: number;
  /** Inbound connections to any other port go to this local port (Envoy's 15006). */
  inboundPort?: number;
  /** Ports never captured (e.g. 15000-15090 for Envoy's own admin and health). */
  excludePorts?: number[];
}

/** One network endpoint (a pod, a node, the learner's laptop). */
export interface NetHost {
  readonly address: string;
  listen(port: number, handler: HttpHandler, options?: ListenOptions): Listening;
  connect(address: string, port: number, options?: ConnectOptions): Promise<Connection>;
  /** DNS as seen from this host (search domains apply); undefined when the name does not resolve. */
  resolve(name: string): string | undefined;
  setCapture(rules: CaptureRules | undefined): void;
}

export interface LinkBehaviour {
  /**
   * One-way latency per message: a request and its response each take it once; a connect takes a round
   * trip (TCP's handshake), two with TLS — also to learn that it was refused.
   */
  latencyMs?: number;
  /** Fraction of connection attempts refused (0..1). */
  refuseProbability?: number;
  /** Fraction of requests whose connection is reset before a response (0..1). */
  resetProbability?: number;
}

export interface Net {
  readonly clock: Clock;
  readonly random: Random;
  /** Creates (or returns) the host with this address. */
  host(address: string): NetHost;
  removeHost(address: string): void;
  /** Adds or replaces a DNS name (fully qualified, e.g. `httpbin.default.svc.cluster.local`). */
  setDnsRecord(name: string, address: string | undefined): void;
  /** Search domains a host tries for short names, e.g. `default.svc.cluster.local`. */
  setSearchDomains(address: string, domains: string[]): void;
  /** Link behaviour from one address to another; `*` matches any. */
  setLink(from: string, to: string, behaviour: LinkBehaviour | undefined): void;
}

/**
 * TLS as the simulated network carries it: no bytes are encrypted, but a handshake happens when a connection
 * opens — the client's hello (SNI, ALPN, its certificate) reaches whoever terminates TLS, possibly through
 * L4 relays (kube-proxy, a load balancer, Envoy's tcp_proxy), and the certificate chain comes back for the
 * client to verify. Mesh mutual TLS between sidecars (`ConnectOptions.tls`) stays the identity-level model.
 */

/** A distinguished name in certificate order: `[['CN', 'httpbin.org']]`. */
export type DistinguishedName = readonly (readonly [attribute: string, value: string])[];

/** What a client reads from one certificate of the chain it is sent. */
export interface Certificate {
  readonly subject: DistinguishedName;
  readonly issuer: DistinguishedName;
  /** subjectAltName DNS entries (`*.example.com` wildcards included). */
  readonly dnsNames: readonly string[];
  /** Calendar time, milliseconds since 1970. */
  readonly notBefore: number;
  readonly notAfter: number;
  readonly serialNumber: string;
  /** Identifies the certificate's public key: a trust anchor is its subject and this key. */
  readonly keyId: string;
  /** The key that signed it (authorityKeyIdentifier), when the certificate says. */
  readonly authorityKeyId?: string;
  readonly isCa: boolean;
  /** As OpenSSL names it: `RSA (2048/112 Bits/secBits)`. */
  readonly publicKey: { readonly type: 'RSA' | 'EC'; readonly bits: number };
  /** e.g. `sha256WithRSAEncryption`. */
  readonly signatureAlgorithm: string;
  /** The PEM the certificate was read from, when it came from one. */
  readonly pem?: string;
}

/** What a TLS client says first. */
export interface ClientHello {
  /** SNI: the host name the client wants (absent for an address, as curl sends none then). */
  readonly serverName?: string;
  /** ALPN protocols offered, most wanted first (`h2`, `http/1.1`). */
  readonly alpn: readonly string[];
  /** The client's certificate chain (curl --cert/--key), offered when the server asks for one. */
  readonly certificates?: readonly Certificate[];
}

/** What the handshake settled, as the client learns it. */
export interface TlsSession {
  readonly version: 'TLSv1.3' | 'TLSv1.2';
  readonly cipher: string;
  /** Key exchange group, e.g. `X25519`. */
  readonly group: string;
  /** The server's signature scheme, e.g. `RSASSA-PSS` or `id-ecPublicKey`. */
  readonly signatureScheme: string;
  /** The protocol ALPN chose; absent when the server chose none (HTTP/1.1). */
  readonly alpn?: string;
  readonly serverName?: string;
  /** The server's chain, leaf first. */
  readonly certificates: readonly Certificate[];
  /** Whether the server sent a CertificateRequest (mutual TLS). */
  readonly certificateRequested: boolean;
  /** The client chain the server accepted, for the server's own use (peer identity, XFCC). */
  readonly clientCertificates?: readonly Certificate[];
  /**
   * A TLS 1.3 server checks the client's certificate after the client considers the handshake done: a
   * missing or refused one arrives as this alert on the first read (curl's `SSL_read` error, exit 56).
   */
  readonly alertOnFirstRead?: string;
}

/** How a listener takes a TLS hello: it terminates TLS itself, or relays the connection to one that does. */
export type TlsAcceptance = { readonly session: TlsSession } | { readonly upstream: Connection };

/** A listener's side of the handshake; rejects with TlsHandshakeError to refuse it. */
export type TlsAcceptor = (hello: ClientHello, peer: PeerInfo) => Promise<TlsAcceptance>;
