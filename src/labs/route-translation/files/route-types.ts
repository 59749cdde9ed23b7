/**
 * The contract of lab 1.5 (read-only). The input is a slice of a VirtualService's `spec.http`, as you write it in
 * YAML; the output is a slice of the routes istiod puts into a sidecar's route table (RDS), with the field names
 * `istioctl proxy-config routes <pod> -o json` prints: protobuf's JSON names (`weightedClusters`). Envoy's
 * own docs and `/config_dump` spell the same fields as in the .proto files (`weighted_clusters`); Envoy reads both.
 * What istiod also writes and this lab leaves out: a route's `name`, `metadata`, `decorator`,
 * `match.caseSensitive`, and in a retry policy `retryHostPredicate` (previous_hosts) and
 * `hostSelectionRetryMaxAttempts: 5`.
 */

// ---- Input: a VirtualService's http rules ----

/** Exactly one of the three. `regex` is RE2 and must match the whole value. */
export interface StringMatch {
  readonly exact?: string;
  readonly prefix?: string;
  readonly regex?: string;
}

/** One way a request can match a rule. Everything in one HttpMatch must hold. */
export interface HttpMatch {
  readonly uri?: StringMatch;
  /** Header name → how its value must match. */
  readonly headers?: Readonly<Record<string, StringMatch>>;
}

export interface Destination {
  /** A short name (`reviews`) resolves in the VirtualService's namespace; a name with a dot is taken as written. */
  readonly host: string;
  /** A subset a DestinationRule defines; none means every endpoint of the service. */
  readonly subset?: string;
  readonly port?: { readonly number: number };
}

export interface HttpRouteDestination {
  readonly destination: Destination;
  /** The share of traffic, relative to the other destinations' weights. */
  readonly weight?: number;
}

export interface HttpRetry {
  /** How many retries (not tries): a request is tried at most 1 + attempts times. */
  readonly attempts?: number;
  /** e.g. `2s`, `500ms`. */
  readonly perTryTimeout?: string;
  /** Comma-separated Envoy retry conditions (`5xx`, `gateway-error`, `connect-failure`, …) and HTTP status codes. */
  readonly retryOn?: string;
}

/** One rule of `spec.http`: if any of `match` holds (or there is none), send to `route`. */
export interface HttpRoute {
  readonly match?: readonly HttpMatch[];
  readonly route: readonly HttpRouteDestination[];
  /** e.g. `10s`, `1.5s`, `250ms`. */
  readonly timeout?: string;
  readonly retries?: HttpRetry;
}

/** A Kubernetes Service the rules may send to, by its ports. */
export interface ServicePorts {
  readonly name: string;
  readonly namespace: string;
  readonly ports: readonly number[];
}

/** What istiod knows when it builds one sidecar's routes for one VirtualService. */
export interface TranslationInput {
  /** The VirtualService's namespace. */
  readonly namespace: string;
  /** The service port whose route table is being built (the outbound listener's port, e.g. 9080). */
  readonly listenPort: number;
  /** The services of the mesh (the domain suffix is `cluster.local`). */
  readonly services: readonly ServicePorts[];
  readonly http: readonly HttpRoute[];
}

// ---- Output: Envoy routes, as istioctl prints them ----

/** Exactly one of the three. */
export interface EnvoyStringMatcher {
  exact?: string;
  prefix?: string;
  safeRegex?: { regex: string };
}

export interface EnvoyHeaderMatcher {
  /** Lower-case: HTTP/2 and Envoy carry header names in lower case. */
  name: string;
  stringMatch: EnvoyStringMatcher;
}

/** Exactly one of `path` (whole path), `prefix` and `safeRegex`; every header matcher must hold too. */
export interface EnvoyRouteMatch {
  path?: string;
  prefix?: string;
  safeRegex?: { regex: string };
  headers?: EnvoyHeaderMatcher[];
}

export interface EnvoyWeightedCluster {
  name: string;
  weight: number;
}

export interface EnvoyRetryPolicy {
  /** Comma-separated retry conditions. */
  retryOn: string;
  numRetries: number;
  /** A duration in Envoy's JSON form: seconds with an `s`, e.g. `2s`, `0.25s`. */
  perTryTimeout?: string;
  retriableStatusCodes?: number[];
}

/** Exactly one of `cluster` and `weightedClusters`. Cluster names: `outbound|<port>|<subset>|<host FQDN>`. */
export interface EnvoyRouteAction {
  cluster?: string;
  weightedClusters?: { clusters: EnvoyWeightedCluster[] };
  /** Envoy's JSON form (`10s`, `0.25s`); `0s` means no timeout. */
  timeout: string;
  /** Absent: no retries at all. */
  retryPolicy?: EnvoyRetryPolicy;
}

export interface EnvoyRoute {
  match: EnvoyRouteMatch;
  route: EnvoyRouteAction;
}

/** What `translate-routes.ts` exports: istiod's work for one VirtualService, one listener port. */
export type TranslateRoutes = (input: TranslationInput) => EnvoyRoute[];
