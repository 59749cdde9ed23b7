import { describe, expect, it, vi } from 'vitest';
import { runScenario } from './run-scenario';
import { SimulationError } from './simulation-error';
import { Trace } from './trace';
import { VirtualClock } from './virtual-clock';

describe('VirtualClock', () => {
  it('completes a 3-minute sleep without a host timer and reports 180000 ms of virtual time', async () => {
    const clock = new VirtualClock();
    // Counted, not timed: the host's timers are what would make the sleep cost wall time.
    const hostTimers = vi.spyOn(globalThis, 'setTimeout');
    try {
      const t = await clock.run(async () => {
        await clock.sleep(180_000);
        return clock.now();
      });
      expect(t).toBe(180_000);
      expect(hostTimers.mock.calls.map(([, ms]) => ms ?? 0).filter((ms) => ms > 0)).toEqual([]);
    } finally {
      hostTimers.mockRestore();
    }
  });

  it('fires timers in time order, and same-time timers in the order they were scheduled', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimer(20, () => fired.push('b@20'));
    clock.setTimer(10, () => fired.push('a@10'));
    clock.setTimer(20, () => fired.push('c@20'));
    clock.setTimer(0, () => fired.push('z@0'));
    await clock.runUntilIdle();
    expect(fired).toEqual(['z@0', 'a@10', 'b@20', 'c@20']);
  });

  it('runs a zero-delay timer scheduled inside a timer after the timers already due at that instant', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimer(5, () => {
      fired.push('first');
      clock.setTimer(0, () => fired.push('nested'));
    });
    clock.setTimer(5, () => fired.push('second'));
    await clock.runUntilIdle();
    expect(fired).toEqual(['first', 'second', 'nested']);
    expect(clock.now()).toBe(5);
  });

  it('lets promise continuations settle before time moves on', async () => {
    const clock = new VirtualClock();
    const seen = await clock.run(async () => {
      const times: number[] = [];
      const worker = async (delay: number) => {
        await clock.sleep(delay);
        await Promise.resolve();
        await Promise.resolve();
        times.push(clock.now());
        await clock.sleep(delay);
        times.push(clock.now());
      };
      await Promise.all([worker(10), worker(15)]);
      return times;
    });
    expect(seen).toEqual([10, 15, 20, 30]);
  });

  it('does not fire a cancelled timer', async () => {
    const clock = new VirtualClock();
    let fired = false;
    const timer = clock.setTimer(10, () => (fired = true));
    timer.cancel();
    timer.cancel();
    await clock.runUntilIdle();
    expect(fired).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects sleep with the abort reason when its signal aborts first, and stops its timer', async () => {
    const clock = new VirtualClock();
    const result = await clock.run(async () => {
      const controller = new AbortController();
      clock.setTimer(50, () => controller.abort(new Error('stop')));
      const outcome = await clock.sleep(1000, controller.signal).then(
        () => 'slept',
        (e: Error) => e.message,
      );
      return { outcome, at: clock.now(), pending: clock.pendingTimers };
    });
    expect(result).toEqual({ outcome: 'stop', at: 50, pending: 0 });
  });

  it('rejects sleep at once when the signal is already aborted', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    controller.abort(new Error('already'));
    await expect(clock.sleep(10, controller.signal)).rejects.toThrow('already');
  });

  it('fails with EventLimit when a runaway loop fires more timers than the loop limit', async () => {
    const clock = new VirtualClock({ maxEvents: 1000 });
    const tick = (): void => void clock.setTimer(1, tick);
    tick();
    const error = await clock.runUntilIdle().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as SimulationError).reason).toBe('EventLimit');
    expect((error as SimulationError).message).toMatch(/loop limit: more than 1000 timers/);
  });

  it('fails a scenario with Deadlock when it waits on a promise no timer will resolve', async () => {
    const clock = new VirtualClock();
    const error = await clock.run(() => new Promise(() => {})).catch((e: unknown) => e);
    expect((error as SimulationError).reason).toBe('Deadlock');
  });

  it('fails with TimeLimit when virtual time would pass the budget', async () => {
    const clock = new VirtualClock();
    const error = await clock.run(() => clock.sleep(5000), { maxTimeMs: 1000 }).catch((e: unknown) => e);
    expect((error as SimulationError).reason).toBe('TimeLimit');
  });

  it('advance(ms) fires the timers due within the window and ends exactly at now + ms', async () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.setTimer(100, () => fired.push(clock.now()));
    clock.setTimer(300, () => fired.push(clock.now()));
    await clock.advance(250);
    expect(fired).toEqual([100]);
    expect(clock.now()).toBe(250);
    await clock.advance(50);
    expect(fired).toEqual([100, 300]);
  });

  it('refuses to nest drivers', async () => {
    const clock = new VirtualClock();
    const outer = clock.run(() => clock.sleep(10));
    await expect(clock.advance(5)).rejects.toThrow(/already being driven/);
    await outer;
  });

  it('passes a scenario failure through run unchanged', async () => {
    const clock = new VirtualClock();
    await expect(
      clock.run(async () => {
        await clock.sleep(1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });

  it('runScenario drives a VirtualClock and returns the scenario result', async () => {
    const clock = new VirtualClock();
    expect(await runScenario(clock, async () => (await clock.sleep(60_000), 'done'))).toBe('done');
    expect(clock.now()).toBe(60_000);
  });

  it('produces the same trace for the same program', async () => {
    const once = async (): Promise<string> => {
      const clock = new VirtualClock();
      const trace = new Trace(clock);
      await clock.run(async () => {
        await Promise.all(
          [30, 10, 20].map(async (d, i) => {
            await clock.sleep(d);
            trace.record('worker.woke', { worker: i, note: 'a b' });
          }),
        );
      });
      return trace.toString();
    };
    const first = await once();
    expect(first).toBe(await once());
    expect(first.split('\n')[0]).toBe('      10.000ms worker.woke worker=1 note="a b"');
  });
});

describe('settling between instants', () => {
  it('lets a 1000-step promise chain finish before time moves to the next timer', async () => {
    const clock = new VirtualClock();
    const seenAt = await clock.run(async () => {
      let finishedAt = -1;
      clock.setTimer(5, () => {
        void (async () => {
          for (let i = 0; i < 1000; i++) await null;
          finishedAt = clock.now();
        })();
      });
      await clock.sleep(6);
      return finishedAt;
    });
    expect(seenAt).toBe(5);
  });

  it('settles microtasks queued before a driver starts from synchronous code', async () => {
    const clock = new VirtualClock();
    let chainDone = false;
    void (async () => {
      for (let i = 0; i < 200; i++) await null;
      chainDone = true;
    })();
    clock.setTimer(1, () => {});
    const timing = clock.runUntilIdle();
    await timing;
    expect(chainDone).toBe(true);
  });

  it('keeps working across the periodic real macrotask yield', async () => {
    const clock = new VirtualClock();
    const n = await clock.run(async () => {
      let steps = 0;
      for (let i = 0; i < 3000; i++) {
        await clock.sleep(1);
        steps++;
      }
      return steps;
    });
    expect(n).toBe(3000);
    expect(clock.now()).toBe(3000);
  });
});
