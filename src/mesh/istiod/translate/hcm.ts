import type { FilterChain, HttpConnectionManager, HttpFilter } from '../../xds';
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
