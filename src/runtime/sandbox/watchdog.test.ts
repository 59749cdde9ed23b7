import { describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_MS, STALL_MS, watchHeartbeat, type HeartbeatClock } from './watchdog';

/** A clock the test moves: `tick(ms)` advances time and runs the heartbeat when it is due (late when `ms` is). */
function testClock() {
  let now = 0;
  let tick: (() => void) | undefined;
  const clock: HeartbeatClock = {
    now: () => now,
    every: (_ms, run) => ((tick = run), () => (tick = undefined)),
  };
  return {
    clock,
    advance: async (ms: number) => {
      now += ms;
      tick?.();
      await Promise.resolve();
    },
    get running() {
      return tick !== undefined;
    },
  };
}

describe('watchHeartbeat', () => {
  it('says nothing while the Worker answers, however long it works between beats', async () => {
    const time = testClock();
    const stalled = vi.fn();
    const ping = vi.fn(() => Promise.resolve(null));
    watchHeartbeat(ping, stalled, time.clock);
    for (let i = 0; i < 20; i++) await time.advance(HEARTBEAT_MS);
    expect(ping).toHaveBeenCalledTimes(20);
    expect(stalled).not.toHaveBeenCalled();
  });

  it(`calls a Worker stalled once a ping goes unanswered for ${STALL_MS} ms, and stops`, async () => {
    const time = testClock();
    const stalled = vi.fn();
    const ping = vi.fn(() => new Promise<never>(() => {}));
    watchHeartbeat(ping, stalled, time.clock);
    // The first beat pings; the ping is STALL_MS old on the beat that finds it unanswered.
    for (let beat = 0; beat < STALL_MS / HEARTBEAT_MS; beat++) await time.advance(HEARTBEAT_MS);
    expect(stalled).not.toHaveBeenCalled();
    await time.advance(HEARTBEAT_MS);
    expect(stalled).toHaveBeenCalledOnce();
    expect(ping).toHaveBeenCalledOnce();
    expect(time.running).toBe(false);
  });

  it('judges nothing on a late beat (the page itself was held up): it pings afresh', async () => {
    const time = testClock();
    const stalled = vi.fn();
    let answer: (() => void) | undefined;
    const ping = vi.fn(() => new Promise<void>((resolve) => (answer = resolve)));
    watchHeartbeat(ping, stalled, time.clock);
    await time.advance(HEARTBEAT_MS);
    await time.advance(STALL_MS + HEARTBEAT_MS); // the page was busy: the answer may be queued behind this beat
    expect(stalled).not.toHaveBeenCalled();
    expect(ping).toHaveBeenCalledTimes(2);
    answer?.();
    await time.advance(HEARTBEAT_MS);
    expect(stalled).not.toHaveBeenCalled();
  });
});
