/** One scheduled callback. `seq` breaks ties so timers due at the same instant fire in scheduling order. */
export interface ScheduledTimer {
  readonly time: number;
  readonly seq: number;
  fn: (() => void) | undefined;
}

/**
 * Binary min-heap ordered by (time, seq). Cancelled timers stay in the heap with `fn` cleared and are
 * skipped when they reach the top (lazy deletion keeps cancel O(1)).
 */
export class TimerHeap<T extends ScheduledTimer = ScheduledTimer> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Every timer in the heap, cancelled ones included, in no particular order. */
  all(): readonly T[] {
    return this.items;
  }

  push(timer: T): void {
    const items = this.items;
    items.push(timer);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!before(timer, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = timer;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && before(items[right]!, items[left]!)) child = right;
      if (!before(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}

function before(x: ScheduledTimer, y: ScheduledTimer): boolean {
  return x.time < y.time || (x.time === y.time && x.seq < y.seq);
}
