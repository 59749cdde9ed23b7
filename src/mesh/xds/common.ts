/** Building blocks shared by several xDS resource types, with Envoy's field names. */

export interface SocketAddress {
  address: string;
  port_value: number;
  protocol?: 'TCP' | 'UDP';
}

export interface Address {
  socket_address: SocketAddress;
}

/**
 * Envoy's FractionalPercent. We use this one representation for every sampled percentage (fault
 * delay/abort, mirroring, rate-limit enforcement): `numerator / denominator`, where the denominator is
 * HUNDRED (default), TEN_THOUSAND or MILLION. Istio turns `percentage.value: 12.5` into
 * `{ numerator: 125000, denominator: 'MILLION' }`.
 */
export interface FractionalPercent {
  numerator: number;
  denominator?: 'HUNDRED' | 'TEN_THOUSAND' | 'MILLION';
}

export interface RuntimeFractionalPercent {
  default_value: FractionalPercent;
  runtime_key?: string;
}

/** A plain 0–100 percentage (Envoy's `type.v3.Percent`), used for thresholds such as panic mode. */
export interface Percent {
  value: number;
}

/** `filter_metadata` keyed by filter namespace (`istio`, `envoy.transport_socket_match`, …). */
export interface Metadata {
  filter_metadata?: Record<string, Record<string, unknown>>;
}

export interface RegexMatcher {
  /** RE2 syntax; a match must cover the whole value. */
  regex: string;
  google_re2?: Record<string, never>;
}

/** Exactly one of exact / prefix / suffix / contains / safe_regex. */
export interface StringMatcher {
  exact?: string;
  prefix?: string;
  suffix?: string;
  contains?: string;
  safe_regex?: RegexMatcher;
  ignore_case?: boolean;
}

/**
 * A typed extension config as Envoy's JSON carries a `google.protobuf.Any`: the message's own fields next
 * to its `@type`. What the fields are is up to the extension that reads it.
 */
export interface TypedConfig {
  '@type'?: string;
  [field: string]: unknown;
}

export interface DataSource {
  inline_string?: string;
  inline_bytes?: string;
  filename?: string;
}

export interface ConfigSource {
  ads?: Record<string, never>;
  resource_api_version?: 'V3';
  initial_fetch_timeout?: string;
}

/** Denominator of a FractionalPercent as a number. */
export function fractionDenominator(p: FractionalPercent): number {
  switch (p.denominator) {
    case 'MILLION':
      return 1_000_000;
    case 'TEN_THOUSAND':
      return 10_000;
    default:
      return 100;
  }
}

/** The fraction in [0, 1] a FractionalPercent stands for (values above 100% clamp to 1). */
export function fractionOf(p: FractionalPercent | undefined): number {
  if (p === undefined) return 0;
  return Math.min(1, Math.max(0, p.numerator / fractionDenominator(p)));
}

/** Istio's translation of a 0–100 percentage to a FractionalPercent with a MILLION denominator. */
export function percentToFraction(percent: number): FractionalPercent {
  return { numerator: Math.round(percent * 10_000), denominator: 'MILLION' };
}
