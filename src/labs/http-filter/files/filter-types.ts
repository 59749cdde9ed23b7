/**
 * The contract of lab 1.4 (read-only): every sidecar calls your HTTP filter only through these types. They are a
 * small typed slice of Envoy's own filter interface (StreamDecoderFilter / StreamEncoderFilter).
 */

/** The request as the filter sees it. Header names are lower-case, as Envoy carries them whatever the client sent. */
export interface FilterRequest {
  readonly method: string;
  /** Path with query string, e.g. `/get?x=1`. */
  readonly path: string;
  /** Host / :authority, e.g. `httpbin:8000`. */
  readonly authority: string;
  /** Several values of one header arrive joined with commas (`x-tenant: blue,green`). */
  readonly headers: Readonly<Record<string, string>>;
}

/** A response on its way back to the client: change `headers` in place. */
export interface FilterResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
}

/** An answer the filter gives itself instead of passing the request on (Envoy: sendLocalReply). */
export interface LocalReply {
  /** An HTTP status, 200–599. */
  readonly status: number;
  /** Sent as text/plain. */
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What decodeHeaders returns: `'continue'` passes the request to the next filter; a LocalReply answers it here. */
export type DecodeResult = 'continue' | LocalReply;

/** One filter in a connection manager's chain. Both hooks are optional; neither may be async. */
export interface HttpFilter {
  /** Every request, in chain order, before the router picks an upstream. */
  decodeHeaders?(request: FilterRequest): DecodeResult;
  /** Every response, local replies included, in reverse chain order. */
  encodeHeaders?(request: FilterRequest, response: FilterResponse): void;
}

/** What the proxy gives a filter when it builds one. */
export interface FilterContext {
  /**
   * Adds 1 to this filter's counter `name` (lower-case letters, digits, `_`). The proxy's stats show it as
   * `http.<stat_prefix>.<filter>.<name>`, e.g. `http.inbound_0.0.0.0_8000.tenant_guard.rejected`.
   */
  count(name: string): void;
}

/** An HTTP filter as the proxy registers it by name (Envoy: NamedHttpFilterConfigFactory). */
export interface HttpFilterFactory<Config> {
  /** What an `http_filters` entry (e.g. inserted by an EnvoyFilter) calls it. */
  readonly name: string;
  /**
   * Builds the filter for one connection manager from its typed_config's `value`, as the EnvoyFilter wrote it:
   * nothing has checked it against `Config` (an entry without typed_config gives undefined). Called each time a
   * listener is built, not once per request.
   */
  createFilter(config: Config, context: FilterContext): HttpFilter;
}
