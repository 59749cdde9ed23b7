/**
 * Drives a learner's breaker on a hand-held clock and turns the first surprise into a precise
 * expected/seen pair. Checks are scripts over a Trial; a Mismatch ends the script as a failing check.
 */
import { both } from '../grader/text';
import type { Bilingual, CheckContext, CheckOutcome } from '../schema';
import type { Breaker, BreakerOptions } from './files/breaker-types';

export class Mismatch extends Error {
  constructor(
    readonly expected: Bilingual,
    readonly seen: Bilingual,
  ) {
    super(seen.en);
  }
}

type BreakerClass = new (options: BreakerOptions) => Breaker;

/** The learner's class, or a Mismatch that says it is missing. */
export function breakerClass(ctx: Pick<CheckContext, 'load'>): BreakerClass {
  const exported = ctx.load()['CircuitBreaker'];
  if (typeof exported !== 'function') {
    throw new Mismatch(
      both(
        'circuit-breaker.ts가 CircuitBreaker 클래스를 export해야 합니다',
        'circuit-breaker.ts exports a class CircuitBreaker',
      ),
      both('CircuitBreaker export가 없습니다', 'no CircuitBreaker export'),
    );
  }
  return exported as BreakerClass;
}

export class Trial {
  /** Virtual time in ms, moved only by `advance`. */
  time = 0;
  readonly breaker: Breaker;

  constructor(
    ctx: CheckContext,
    readonly threshold: number,
    readonly coolDownMs: number,
    // Longer than any earlier step's check keeps a probe waiting, so those steps never meet the timeout.
    readonly probeTimeoutMs = 60_000,
  ) {
    const Breaker = breakerClass(ctx);
    this.breaker = new Breaker({ failureThreshold: threshold, coolDownMs, probeTimeoutMs, now: () => this.time });
  }

  advance(ms: number): void {
    this.time += ms;
  }

  /** One call through the breaker; reports `result` if admitted. Returns whether it was admitted. */
  call(result: 'success' | 'failure'): boolean {
    const admitted = this.breaker.allowRequest();
    if (admitted) {
      if (result === 'success') this.breaker.onSuccess();
      else this.breaker.onFailure();
    }
    return admitted;
  }

  /** `n` failing calls, each of which must be admitted (the circuit is still closed while they happen). */
  failClosed(n: number): void {
    for (let i = 1; i <= n; i++) {
      if (!this.call('failure')) {
        throw new Mismatch(
          both(
            `임계값(${this.threshold})에 이르기 전까지 호출 ${n}건이 모두 허용됨`,
            `all ${n} calls admitted before the threshold (${this.threshold}) is reached`,
          ),
          both(
            `${i}번째 호출이 거부됨(상태: ${this.stateText()})`,
            `call ${i} was refused (state: ${this.stateText()})`,
          ),
        );
      }
    }
  }

  /** Opens the circuit with `threshold` failures and proves it refuses right away. */
  open(): void {
    this.failClosed(this.threshold);
    this.expectRefused(
      both(
        `연속 실패 ${this.threshold}번 뒤 회로가 열려 다음 호출을 거부함`,
        `after ${this.threshold} consecutive failures the circuit is open and refuses the next call`,
      ),
    );
  }

  /** The probe after a cool-down: it must be admitted; its result is reported. */
  probe(result: 'success' | 'failure'): void {
    if (!this.call(result)) {
      throw new Mismatch(
        both('쿨다운이 끝나면 시험 호출 하나가 허용됨', 'once the cool-down is over, one probe is admitted'),
        this.refusal('거부됨', 'refused'),
      );
    }
  }

  expectAdmitted(expected: Bilingual): void {
    if (!this.breaker.allowRequest()) throw new Mismatch(expected, this.refusal('거부됨', 'refused'));
  }

  expectRefused(expected: Bilingual): void {
    if (this.breaker.allowRequest()) throw new Mismatch(expected, this.refusal('허용됨', 'admitted'));
  }

  /** `count` calls in a row, all refused. */
  expectAllRefused(count: number, expected: Bilingual): void {
    for (let i = 1; i <= count; i++) {
      if (this.breaker.allowRequest()) {
        throw new Mismatch(
          expected,
          both(
            `t=${this.time}ms에 ${i}번째 호출이 허용됨(상태: ${this.stateText()})`,
            `call ${i} at t=${this.time}ms was admitted (state: ${this.stateText()})`,
          ),
        );
      }
    }
  }

  /** `state` must read `want` now. */
  expectState(want: string, expected: Bilingual): void {
    const state = this.stateText();
    if (state !== want) {
      throw new Mismatch(
        expected,
        both(`t=${this.time}ms에 state가 '${state}'`, `at t=${this.time}ms state read '${state}'`),
      );
    }
  }

  stateText(): string {
    try {
      return String(this.breaker.state);
    } catch (error) {
      return `state threw ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  private refusal(ko: string, en: string): Bilingual {
    return both(
      `t=${this.time}ms에 호출이 ${ko}(상태: ${this.stateText()})`,
      `at t=${this.time}ms the call was ${en} (state: ${this.stateText()})`,
    );
  }
}

/** Runs a script; a Mismatch becomes a failing outcome, any other throw is the grader's to report. */
export function script(run: () => CheckOutcome | void, passed: Bilingual): CheckOutcome {
  try {
    return run() ?? { pass: true, seen: passed };
  } catch (error) {
    if (error instanceof Mismatch) return { pass: false, expected: error.expected, seen: error.seen };
    throw error;
  }
}
