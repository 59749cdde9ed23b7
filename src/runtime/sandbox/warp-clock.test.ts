import { describe, expect, it } from 'vitest';
import { WarpClock } from './warp-clock';

describe('WarpClock', () => {
  it('runs a long wait quickly at high speed and keeps order', async () => {
    const clock = new WarpClock(1000);
    const order: number[] = [];
    const started = performance.now();
    await Promise.all([clock.sleep(2000).then(() => order.push(2)), clock.sleep(1000).then(() => order.push(1))]);
    expect(order).toEqual([1, 2]);
    expect(clock.now()).toBeGreaterThanOrEqual(2000);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('keeps due times across a change to real time', async () => {
    const clock = new WarpClock(1000);
    let fired = false;
    clock.setTimer(30_000, () => (fired = true));
    clock.setSpeed(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fired).toBe(false);
  });
});
