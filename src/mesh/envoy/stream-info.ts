/**
 * Envoy's response flags as the access log prints them. A request can carry several (e.g. `UF,URX`:
 * connection failure, then the retry limit was reached); they print in Envoy's fixed order.
 */
export const ResponseFlag = {
  /** No healthy upstream host. */
  NoHealthyUpstream: 'UH',
  /** Upstream connection failure. */
  UpstreamConnectionFailure: 'UF',
  /** Circuit breaker overflow. */
  UpstreamOverflow: 'UO',
  /** No route configured for the request. */
  NoRouteFound: 'NR',
  /** Retries exhausted. */
  UpstreamRetryLimitExceeded: 'URX',
  /** Upstream request timeout. */
  UpstreamRequestTimeout: 'UT',
  /** Upstream connection terminated (reset) before a response. */
  UpstreamConnectionTermination: 'UC',
  /** Fault filter delay. */
  DelayInjected: 'DI',
  /** Fault filter abort. */
  FaultInjected: 'FI',
  /** Local rate limit. */
  RateLimited: 'RL',
  /** The cluster named by the route does not exist. */
  NoClusterFound: 'NC',
  /** Downstream went away before the response. */
  DownstreamConnectionTermination: 'DC',
} as const;
export type ResponseFlag = (typeof ResponseFlag)[keyof typeof ResponseFlag];

/** Envoy's bit order (StreamInfo::CoreResponseFlag), which is the order the access log prints them in. */
const FLAG_ORDER: readonly ResponseFlag[] = ['UH', 'UT', 'UF', 'UC', 'UO', 'NR', 'DI', 'FI', 'RL', 'DC', 'URX', 'NC'];
const FLAG_BIT = new Map<ResponseFlag, number>(FLAG_ORDER.map((f, i) => [f, 1 << i]));

/** Flags as a bit set, so setting one on the hot path allocates nothing. */
export function flagBit(flag: ResponseFlag): number {
  return FLAG_BIT.get(flag) ?? 0;
}

const formatted = new Map<number, string>();

/** `-` for none, else the flags joined with commas in Envoy's order (memoised per combination). */
export function formatResponseFlags(bits: number): string {
  if (bits === 0) return '-';
  let text = formatted.get(bits);
  if (text === undefined) {
    text = FLAG_ORDER.filter((f) => (bits & (FLAG_BIT.get(f) ?? 0)) !== 0).join(',');
    formatted.set(bits, text);
  }
  return text;
}

export const FLAG_UH = flagBit('UH');
export const FLAG_UF = flagBit('UF');
export const FLAG_UO = flagBit('UO');
export const FLAG_NR = flagBit('NR');
export const FLAG_URX = flagBit('URX');
export const FLAG_UT = flagBit('UT');
export const FLAG_UC = flagBit('UC');
export const FLAG_DI = flagBit('DI');
export const FLAG_FI = flagBit('FI');
export const FLAG_RL = flagBit('RL');
export const FLAG_NC = flagBit('NC');
export const FLAG_DC = flagBit('DC');
