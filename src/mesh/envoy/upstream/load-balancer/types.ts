/**
 * Load balancing (Envoy: `envoy/upstream/load_balancer.h`). One small contract, `chooseHost(context)`,
 * one file per policy. A lab may replace any policy with a learner's implementation through a
 * `LoadBalancerFactory`, or more simply through a `HostPicker` (see `createLoadBalancerFromPicker`), which
 * gets the hosts already filtered (ejected hosts removed, panic mode applied) and only has to pick one.
 */
import type { Random } from '../../../sim';
import type { HostSet } from '../host-set';
import type { UpstreamHost } from '../host';

/** Envoy's `Cluster.LbPolicy` values, the ones Istio's DestinationRule can produce. */
export const LbPolicy = {
  ROUND_ROBIN: 'ROUND_ROBIN',
  /** Istio's default since 1.14 (Istio calls it LEAST_REQUEST; the old LEAST_CONN maps here too). */
  LEAST_REQUEST: 'LEAST_REQUEST',
  RANDOM: 'RANDOM',
  /** Consistent hash (Istio `consistentHash`, ringHash). */
  RING_HASH: 'RING_HASH',
  /** Consistent hash (Istio `consistentHash.maglev`); shares the ring implementation here. */
  MAGLEV: 'MAGLEV',
} as const;
export type LbPolicy = (typeof LbPolicy)[keyof typeof LbPolicy];

/**
 * What the router knows about the request when it asks for a host (Envoy: `LoadBalancerContext`).
 * Every member is optional: `chooseHost()` with no context is a plain pick.
 */
export interface LoadBalancerContext {
  /**
   * Hash key for consistent-hash policies (Envoy computes a 64-bit hash from the route's hash_policy:
   * header, cookie, source IP, query parameter; we take the resulting key as a string). Ignored by other
   * policies. Absent for RING_HASH → a random host.
   */
  readonly hashKey?: string;
  /**
   * The retry host predicate (Istio's default retry policy uses `previous_hosts`): return true to ask for
   * another host. The load balancer re-picks at most `hostSelectionRetryMaxAttempts` times, then keeps
   * the last pick even if the predicate still rejects it (as Envoy does).
   */
  shouldSelectAnotherHost?(host: UpstreamHost): boolean;
  /** Envoy `host_selection_retry_max_attempts`; Istio sets 5 with previous_hosts. Default here: 5. */
  readonly hostSelectionRetryMaxAttempts?: number;
}

/** The one thing a load balancer does. `undefined` = no host: the router answers 503 `no healthy upstream` (UH). */
export interface LoadBalancer {
  chooseHost(context?: LoadBalancerContext): UpstreamHost | undefined;
}

/** Options common to all policies (Envoy: `Cluster.common_lb_config` plus the per-policy configs). */
export interface LoadBalancerOptions {
  /**
   * healthy_panic_threshold in percent (Istio's outlierDetection.minHealthPercent). When the share of
   * healthy hosts drops BELOW it, the balancer uses all hosts, ejected or not. Istio default 0 = never panic.
   */
  readonly healthyPanicThreshold?: number;
  /** LEAST_REQUEST `choice_count`: how many random hosts to compare. Default 2 (power of two choices). */
  readonly choiceCount?: number;
  /**
   * RING_HASH / MAGLEV: points on the ring per unit of host weight (default 160). Envoy instead spreads
   * `minimum_ring_size` (1024) points over all hosts, so a membership change resizes every host's share;
   * a fixed count per host keeps the textbook property that only the keys of the host that came or went
   * move.
   */
  readonly ringEntriesPerWeight?: number;
}

/** How a proxy builds the load balancer of one cluster. A lab swaps this to plug in a learner's policy. */
export type LoadBalancerFactory = (
  policy: LbPolicy,
  hostSet: HostSet,
  random: Random,
  options?: LoadBalancerOptions,
) => LoadBalancer;

/**
 * The simplest pluggable policy: pick one host out of `hosts` (never empty; already filtered: ejected hosts
 * removed unless in panic). Return undefined to refuse. Called again for each host-selection retry.
 */
export interface HostPicker {
  /** `attempt` is 0 for the first pick, then 1, 2, … for each host-selection retry. */
  pickHost(hosts: readonly UpstreamHost[], context: LoadBalancerContext, attempt: number): UpstreamHost | undefined;
}
