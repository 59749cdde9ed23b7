import { describe, expect, it, vi } from 'vitest';
import { BootClock } from './boot-clock';
import { runScenario } from './run-scenario';

describe('BootClock', () => {
  it('jumps over waits while booting, in order', async () => {
    const clock = new BootClock();
    const order: number[] = [];
    // Counted, not timed: the host's timers are what would make the waits cost wall time.
    const hostTimers = vi.spyOn(globalThis, 'setTimeout');
    try {
      await runScenario(clock, () =>
        Promise.all([clock.sleep(60_000).then(() => order.push(2)), clock.sleep(1_000).then(() => order.push(1))]),
      );
      expect(order).toEqual([1, 2]);
      expect(clock.now()).toBe(60_000);
      expect(hostTimers.mock.calls.map(([, ms]) => ms ?? 0).filter((ms) => ms > 0)).toEqual([]);
    } finally {
      hostTimers.mockRestore();
    }
  });

  it('goes on from the virtual instant on the wall clock, keeping pending timers due', async () => {
    const clock = new BootClock();
    await runScenario(clock, () => clock.sleep(10_000));
    const fired: string[] = [];
    clock.setTimer(30, () => fired.push('soon'));
    clock.setTimer(60_000, () => fired.push('later'));
    const cancelled = clock.setTimer(10, () => fired.push('cancelled'));
    clock.goLive();
    expect(clock.drivesVirtually).toBe(false);
    expect(clock.now()).toBeGreaterThanOrEqual(10_000);
    cancelled.cancel();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(fired).toEqual(['soon']);
    expect(clock.now()).toBeGreaterThanOrEqual(10_060);
    expect(clock.now()).toBeLessThan(20_000);
    // On the wall clock a scenario simply runs: nothing drives time.
    expect(await runScenario(clock, async () => 'done')).toBe('done');
  });
});
