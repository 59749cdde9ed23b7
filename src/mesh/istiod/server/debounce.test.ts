import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../sim';
import { debounce } from './debounce';

function harness(options = { debounceAfterMs: 100, debounceMaxMs: 10_000 }) {
  const clock = new VirtualClock();
  const flushes: Array<{ at: number; events: number[] }> = [];
  const d = debounce<number[]>(
    clock,
    options,
    (m, e) => [...(m ?? []), ...e],
    (events) => void flushes.push({ at: clock.now(), events }),
  );
  return { clock, d, flushes };
}

describe('debounce on the virtual clock', () => {
  it('flushes one event after 100 ms of quiet', async () => {
    const { clock, d, flushes } = harness();
    d.push([1]);
    await clock.advance(99);
    expect(flushes).toEqual([]);
    await clock.advance(1);
    expect(flushes).toEqual([{ at: 100, events: [1] }]);
  });

  it('coalesces a burst into one push, 100 ms after the last event', async () => {
    const { clock, d, flushes } = harness();
    for (let i = 0; i < 5; i++) {
      d.push([i]);
      await clock.advance(30);
    }
    await clock.runUntilIdle();
    expect(flushes).toEqual([{ at: 220, events: [0, 1, 2, 3, 4] }]);
  });

  it('never holds events longer than the max wait under a steady stream', async () => {
    const { clock, d, flushes } = harness({ debounceAfterMs: 100, debounceMaxMs: 1000 });
    for (let t = 0; t < 1500; t += 50) {
      d.push([t]);
      await clock.advance(50);
    }
    await clock.runUntilIdle();
    expect(flushes[0]?.at).toBe(1000);
    expect(flushes[0]?.events).toHaveLength(20);
    expect(flushes.reduce((n, f) => n + f.events.length, 0)).toBe(30);
  });

  it('starts a fresh window after a flush', async () => {
    const { clock, d, flushes } = harness();
    d.push([1]);
    await clock.advance(500);
    d.push([2]);
    await clock.advance(100);
    expect(flushes).toEqual([
      { at: 100, events: [1] },
      { at: 600, events: [2] },
    ]);
  });

  it('holds the next flush while an asynchronous one is running', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    let release: () => void = () => undefined;
    const d = debounce<number[]>(
      clock,
      { debounceAfterMs: 100, debounceMaxMs: 10_000 },
      (m, e) => [...(m ?? []), ...e],
      (events) => {
        log.push(`start ${events.join(',')} @${clock.now()}`);
        return new Promise<void>((resolve) => {
          release = () => {
            log.push(`end @${clock.now()}`);
            resolve();
          };
        });
      },
    );
    d.push([1]);
    await clock.advance(100);
    d.push([2]);
    await clock.advance(500);
    expect(log).toEqual(['start 1 @100']);
    release();
    await clock.advance(0);
    expect(log).toEqual(['start 1 @100', 'end @600', 'start 2 @600']);
  });

  it('drops everything on stop', async () => {
    const { clock, d, flushes } = harness();
    d.push([1]);
    expect(d.pending).toBe(true);
    d.stop();
    await clock.runUntilIdle();
    expect(flushes).toEqual([]);
    expect(d.pending).toBe(false);
  });
});
