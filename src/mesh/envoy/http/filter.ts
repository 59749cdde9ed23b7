import type { AppLog } from '../admin/app-log';
import type { Clock, Random } from '../../sim';
import type { HttpResponse } from '../../net';
import type { ConfigCheck } from '../../xds/index';
import type { PeerMetadata } from '../node';
import type { RateLimiterFactory } from '../ratelimit/token-bucket';
import type { RouteSpecificConfigFactory } from '../router/per-filter-config';
import type { IstioMetrics } from '../stats/istio-metrics';
import type { StatsStore } from '../stats/store';
import type { ActiveStream } from './active-stream';

/** What a decoding hook returns: continue (undefined) or stop the chain with this reply. */
export type FilterResult = HttpResponse | undefined;

/**
 * An HTTP filter of one connection manager (Envoy: StreamDecoderFilter, StreamEncoderFilter and the
 * stream-complete log hook in one). Every hook is optional. Envoy creates a filter object per stream; here
 * one object serves every stream of its HCM and per-request state lives on the stream, which keeps the
 * request path free of allocations.
 */
export interface HttpFilter {
  /**
   * The request, in chain order (Envoy: decodeHeaders): continue (undefined), or answer with a local reply,
   * which stops the chain; the router never sees the request.
   */
  decodeHeaders?(stream: ActiveStream): FilterResult | Promise<FilterResult>;
  /** Every response on its way out, in reverse chain order; may change `response.headers` (Envoy: encodeHeaders). */
  encodeHeaders?(stream: ActiveStream, response: HttpResponse): void;
  /** The stream is done and its response final (Envoy: onStreamComplete, an access logger's log). */
  onStreamComplete?(stream: ActiveStream, response: HttpResponse): void;
}

/** The proxy's services a filter may use (Envoy: ServerFactoryContext). */
export interface ProxyServices {
  readonly clock: Clock;
  readonly random: Random;
  readonly stats: StatsStore;
  readonly metrics: IstioMetrics;
  /** This proxy's workload, as metadata exchange tells it to peers. */
  readonly localPeer: PeerMetadata;
  /** The proxy's current RateLimiterFactory: ours, or the one a lab plugged in. */
  readonly rateLimiterFactory: () => RateLimiterFactory;
  /** Calendar instant of clock 0 (ms since 1970): what a JWT's `exp` is compared with. */
  readonly epochMs: number;
  /**
   * Marks work that resolves outside the simulation clock (WebCrypto) so virtual time waits for it instead
   * of jumping ahead; the promise itself is returned.
   */
  readonly track: <T>(promise: Promise<T>) => Promise<T>;
  /** Envoy's own log (ENVOY_LOG): lines for `kubectl logs -c istio-proxy`, as the loggers' levels allow. */
  readonly appLog: AppLog;
}

/** What a filter is built with (Envoy: FactoryContext plus the HCM's stat prefix). */
export interface HttpFilterFactoryContext extends ProxyServices {
  /** The connection manager's stat_prefix (`inbound_0.0.0.0_8000`), for `http.<prefix>.*` stats. */
  readonly statPrefix: string;
  /** The listener's traffic_direction. */
  readonly direction: 'INBOUND' | 'OUTBOUND' | 'UNSPECIFIED';
}

/**
 * An HTTP filter as the proxy registers it by name (Envoy: NamedHttpFilterConfigFactory): how to check its
 * config, how to build it for a connection manager, and how to compile its per-route config.
 */
export interface HttpFilterFactory {
  /** The name `http_filters[].name` and `typed_per_filter_config` use, e.g. `envoy.filters.http.fault`. */
  readonly name: string;
  /** Field checks of `typed_config`; any problem refuses the push (NACK). */
  readonly checkConfig?: ConfigCheck;
  /** Field checks of the filter's `typed_per_filter_config` entries. */
  readonly checkPerRouteConfig?: ConfigCheck;
  /**
   * The filter for one connection manager, from its `typed_config` (absent: undefined) as it arrived, after
   * `checkConfig` passed (Envoy: createFilterFactoryFromProto); called each time its listener is built.
   */
  createFilter(config: unknown, context: HttpFilterFactoryContext): HttpFilter;
  /**
   * Compiles one `typed_per_filter_config` entry, once per route (Envoy: createRouteSpecificFilterConfig);
   * the filter reads it back per request with `stream.route?.perFilterConfig(name)`.
   */
  createRouteSpecificConfig?(config: unknown): unknown;
}

/** The HTTP filters a proxy has, by name. */
export interface HttpFilterFactories extends RouteSpecificConfigFactory {
  get(name: string): HttpFilterFactory | undefined;
}
