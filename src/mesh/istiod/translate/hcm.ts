import type { FilterChain, HcmTracing, HttpConnectionManager, HttpFilter } from '../../xds';
import type { MeshConfig } from '../model/mesh-config';
import { FILTER_NAME, TYPE_URL } from '../../xds';

export function faultFilter(): HttpFilter {
  return { name: FILTER_NAME.fault, typed_config: { '@type': TYPE_URL.httpFault } };
}

export function statsFilter(): HttpFilter {
  return { name: FILTER_NAME.istioStats, typed_config: { '@type': TYPE_URL.istioStats } };
}

export function routerFilter(): HttpFilter {
  return { name: FILTER_NAME.router, typed_config: { '@type': TYPE_URL.router } };
}

/**
 * Istio's configureTracing without a Telemetry resource: with meshConfig.enableTracing every connection
 * manager traces, sampling all client-forced requests and PILOT_TRACE_SAMPLING (1%) of the rest.
 */
export function hcmTracing(mesh: MeshConfig): { tracing?: HcmTracing } {
  if (!mesh.enableTracing) return {};
  return {
    tracing: { client_sampling: { value: 100 }, random_sampling: { value: 1 }, overall_sampling: { value: 100 } },
  };
}

/** A filter chain whose only network filter is an HTTP connection manager. */
export function httpFilterChain(
  hcm: Omit<HttpConnectionManager, '@type'>,
  extra: Omit<FilterChain, 'filters'> = {},
): FilterChain {
  return {
    ...extra,
    filters: [
      { name: FILTER_NAME.httpConnectionManager, typed_config: { '@type': TYPE_URL.httpConnectionManager, ...hcm } },
    ],
  };
}
