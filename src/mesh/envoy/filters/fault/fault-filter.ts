import type { Clock, Random } from '../../../sim';
import { FILTER_NAME, type HTTPFault, fractionDenominator, parseDuration } from '../../../xds/index';
import type { ActiveStream } from '../../http/active-stream';
import type { FilterResult, HttpFilter } from '../../http/filter';
import { localReply } from '../../http/local-reply';
import { compileHeaderMatcher, type RequestPredicate } from '../../router/matchers';
import { MatchRequest } from '../../router/match-request';
import type { Counter, StatsStore } from '../../stats/store';
import { FLAG_DC, FLAG_DI, FLAG_FI } from '../../stream-info';

/** The body of an abort, word for word as Envoy writes it. */
export const FAULT_ABORT_BODY = 'fault filter abort';

/** A fault config parsed once. Percentages are numerator/denominator; absent percentage = never. */
export interface CompiledFault {
  readonly delayMs: number;
  readonly delayNumerator: number;
  readonly delayDenominator: number;
  readonly abortStatus: number;
  readonly abortNumerator: number;
  readonly abortDenominator: number;
  readonly headers: readonly RequestPredicate[];
}

export function compileFault(f: HTTPFault): CompiledFault {
  return {
    delayMs: f.delay === undefined ? 0 : (parseDuration(f.delay.fixed_delay) ?? 0),
    delayNumerator: f.delay?.percentage?.numerator ?? 0,
    delayDenominator: f.delay?.percentage === undefined ? 100 : fractionDenominator(f.delay.percentage),
    abortStatus: f.abort?.http_status ?? 0,
    abortNumerator: f.abort?.percentage?.numerator ?? 0,
    abortDenominator: f.abort?.percentage === undefined ? 100 : fractionDenominator(f.abort.percentage),
    headers: (f.headers ?? []).map(compileHeaderMatcher),
  };
}

/** Sampled like Envoy: a uniform integer below the denominator, compared with the numerator. */
function sample(random: Random, numerator: number, denominator: number): boolean {
  if (numerator <= 0) return false;
  if (numerator >= denominator) return true;
  return random.int(denominator) < numerator;
}

/**
 * envoy.filters.http.fault. The route's config (typed_per_filter_config) replaces the filter's own. Delay
 * first, then abort, each sampled on its own — so a request can be delayed and then aborted.
 */
export class FaultFilter implements HttpFilter {
  private readonly delaysInjected: Counter;
  private readonly abortsInjected: Counter;

  constructor(
    private readonly filterConfig: CompiledFault | undefined,
    statPrefix: string,
    stats: StatsStore,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {
    this.delaysInjected = stats.counter(`http.${statPrefix}.fault.delays_injected`);
    this.abortsInjected = stats.counter(`http.${statPrefix}.fault.aborts_injected`);
  }

  decodeHeaders(stream: ActiveStream): FilterResult | Promise<FilterResult> {
    const cfg = (stream.route?.perFilterConfig(FILTER_NAME.fault) as CompiledFault | undefined) ?? this.filterConfig;
    if (cfg === undefined) return undefined;
    if (cfg.headers.length > 0) {
      const req = new MatchRequest(
        stream.request.method,
        stream.request.path,
        stream.request.authority,
        stream.request.headers,
      );
      for (const h of cfg.headers) if (!h(req)) return undefined;
    }
    if (cfg.delayMs > 0 && sample(this.random, cfg.delayNumerator, cfg.delayDenominator)) {
      this.delaysInjected.value++;
      stream.flags |= FLAG_DI;
      stream.hop?.decisions.push({ kind: 'fault-delay', delayMs: cfg.delayMs });
      return this.clock.sleep(cfg.delayMs, stream.signal).then(
        () => this.maybeAbort(cfg, stream),
        () => downstreamGone(stream),
      );
    }
    return this.maybeAbort(cfg, stream);
  }

  private maybeAbort(cfg: CompiledFault, stream: ActiveStream): FilterResult {
    if (cfg.abortStatus === 0 || !sample(this.random, cfg.abortNumerator, cfg.abortDenominator)) return undefined;
    this.abortsInjected.value++;
    stream.flags |= FLAG_FI;
    stream.responseCodeDetails = 'fault_filter_abort';
    stream.hop?.decisions.push({ kind: 'fault-abort', status: cfg.abortStatus });
    return localReply(cfg.abortStatus, FAULT_ABORT_BODY);
  }
}

/** The client went away during the delay: nothing goes upstream, and the log says so (DI,DC), as the router's would. */
function downstreamGone(stream: ActiveStream): FilterResult {
  stream.flags |= FLAG_DC;
  stream.responseCodeDetails = 'downstream_remote_disconnect';
  stream.hop?.decisions.push({ kind: 'downstream-gone' });
  return { status: 503, headers: {}, body: '' };
}
