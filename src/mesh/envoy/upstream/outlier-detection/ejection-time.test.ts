import { describe, expect, it } from 'vitest';
import { resolveOutlierConfig } from './config';
import { S, setupOutlierCluster as setup } from '../../testing/outlier-fixture';

describe('outlier detection: ejection time, return and backoff', () => {
  it('the first ejection lasts base_ejection_time; the host returns at the first interval tick after it', async () => {
    const { host, fail, clock, sink, detector } = setup(); // interval 10 s, base 30 s
    await clock.advance(5 * S);
    fail(0, 5); // ejected at t=5 s
    await clock.advance(30 * S); // t=35 s: time is up, but ticks are at 10, 20, 30, 40 s
    expect(host(0).outlier.ejected).toBe(true);
    await clock.advance(5 * S); // t=40 s tick
    expect(host(0).outlier.ejected).toBe(false);
    expect(host(0).healthFlagsString()).toBe('healthy');
    expect(detector.stats().ejections_active).toBe(0);
    expect(sink.events().at(-1)).toMatchObject({ action: 'UNEJECT', time: 40 * S, numEjections: 1 });
  });

  it('an ejection shorter than base is never lifted early: at the tick 30 s after, exactly, it returns', async () => {
    const { host, fail, clock } = setup();
    fail(0, 5); // t=0
    await clock.advance(20 * S);
    expect(host(0).outlier.ejected).toBe(true);
    await clock.advance(10 * S);
    expect(host(0).outlier.ejected).toBe(false);
  });

  it('the second ejection in a row lasts 2 × base', async () => {
    const { host, fail, clock } = setup();
    fail(0, 5); // t=0, 30 s
    await clock.advance(30 * S); // back at t=30
    fail(0, 5); // t=30 s, ejected again before any decay
    expect(host(0).outlier.ejectTimeBackoff).toBe(2);
    expect(host(0).outlier.ejectedUntil).toBe(90 * S);
    await clock.advance(50 * S); // t=80
    expect(host(0).outlier.ejected).toBe(true);
    await clock.advance(10 * S); // t=90
    expect(host(0).outlier.ejected).toBe(false);
  });

  it('ejection time is capped at max_ejection_time (default max(300 s, base))', async () => {
    expect(resolveOutlierConfig({}).maxEjectionTimeMs).toBe(300 * S);
    expect(resolveOutlierConfig({ baseEjectionTimeMs: 400 * S }).maxEjectionTimeMs).toBe(400 * S);
    const { host, fail, clock } = setup({ baseEjectionTimeMs: 30 * S, maxEjectionTimeMs: 60 * S });
    fail(0, 5); // 30 s
    await clock.advance(30 * S);
    fail(0, 5); // 60 s
    await clock.advance(60 * S);
    fail(0, 5); // would be 90 s: capped at 60 s
    expect(host(0).outlier.ejectedUntil! - clock.now()).toBe(60 * S);
    await clock.advance(60 * S);
    expect(host(0).outlier.ejected).toBe(false);
  });

  it('the multiplier decays by one per interval while the host stays un-ejected, back to base', async () => {
    const { host, fail, clock } = setup();
    fail(0, 5);
    await clock.advance(30 * S);
    fail(0, 5);
    await clock.advance(60 * S); // back at t=90 with backoff 2
    expect(host(0).outlier.ejected).toBe(false);
    expect(host(0).outlier.ejectTimeBackoff).toBe(2);
    await clock.advance(10 * S); // first full interval healthy
    expect(host(0).outlier.ejectTimeBackoff).toBe(1);
    await clock.advance(10 * S);
    expect(host(0).outlier.ejectTimeBackoff).toBe(0);
    await clock.advance(10 * S);
    expect(host(0).outlier.ejectTimeBackoff).toBe(0);
    fail(0, 5);
    expect(host(0).outlier.ejectedUntil! - clock.now()).toBe(30 * S); // base again
    expect(host(0).outlier.numEjections).toBe(3); // the count of ejections itself never decays
  });

  it('a returning host starts with clean counters: 4 more errors do not eject it again', async () => {
    const { host, fail, clock } = setup();
    fail(0, 5);
    fail(0, 3); // ignored while ejected, but counted by the monitor
    await clock.advance(30 * S);
    fail(0, 4);
    expect(host(0).outlier.ejected).toBe(false);
  });

  it('the interval timer runs on the clock: nothing returns without time passing', () => {
    const { host, fail, clock } = setup();
    fail(0, 5);
    expect(clock.pendingTimers).toBe(1);
    expect(host(0).outlier.ejected).toBe(true);
  });
});
