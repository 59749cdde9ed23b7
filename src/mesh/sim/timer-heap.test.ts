import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';
import { TimerHeap, type ScheduledTimer } from './timer-heap';

describe('TimerHeap', () => {
  it('pops timers by time, and by sequence number among timers due at the same time', () => {
    const heap = new TimerHeap();
    const times = [5, 1, 5, 3, 1, 0, 5];
    times.forEach((time, seq) => heap.push({ time, seq, fn: () => {} }));
    const order: string[] = [];
    for (let t = heap.pop(); t !== undefined; t = heap.pop()) order.push(`${t.time}/${t.seq}`);
    expect(order).toEqual(['0/5', '1/1', '1/4', '3/3', '5/0', '5/2', '5/6']);
  });

  it('keeps (time, seq) order over thousands of random pushes and pops', () => {
    const heap = new TimerHeap();
    const random = new SeededRandom(7);
    const reference: ScheduledTimer[] = [];
    let seq = 0;
    const popped: ScheduledTimer[] = [];
    const expected: ScheduledTimer[] = [];
    for (let i = 0; i < 5000; i++) {
      if (random.next() < 0.6 || reference.length === 0) {
        const timer = { time: random.int(50), seq: seq++, fn: undefined };
        heap.push(timer);
        reference.push(timer);
      } else {
        reference.sort((a, b) => a.time - b.time || a.seq - b.seq);
        expected.push(reference.shift()!);
        popped.push(heap.pop()!);
      }
    }
    expect(popped).toEqual(expected);
    expect(heap.size).toBe(reference.length);
  });
});
