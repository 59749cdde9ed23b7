import type { Clock, Timer } from './clock';
import { settle } from './settle';
import { SimulationError } from './simulation-error';
import { TimerHeap } from './timer-heap';
import { sleepOn, type TimerOwner } from './timer-owner';

/** Limits for one call of a driver (`run`, `advance`, `runUntilIdle`). */
export interface DriveOptions {
  /** Most timers this call may fire before it fails with `EventLimit` (default: the clock's `maxEvents`). */
  maxEvents?: number;
  /** Most virtual milliseconds this call may move time forward before it fails with `TimeLimit`. */
  maxTimeMs?: number;
  /** Ctrl-C: the call stops between two batches of timers and fails with the signal's reason. */
  signal?: AbortSignal;
}

/** Owners of the timers fired in one run, busiest first (owners of one name counted together). */
export interface OwnerTally {
  name: string;
  fired: number;
  owners: TimerOwner[];
}

export interface VirtualClockOptions {
  /** Virtual time at construction (default 0). */
  startMs?: number;
  /** Default loop limit per driver call (default 1,000,000 timers). */
  maxEvents?: number;
}

type DriveMode = 'scenario' | 'idle' | 'advance';

/**
 * Simulated time. Nothing happens by itself: a driver repeatedly lets every pending promise continuation
 * settle, then jumps time to the earliest timer and fires every timer due at that instant in (time,
 * sequence) order. So a 3-minute `sleep` completes as soon as nothing else is left to do first, and the
 * same program always sees the same times in the same order.
 *
 * Timers due at one instant fire as one batch before the next settle: paying a macrotask per distinct
 * instant rather than per timer is what keeps the simulated data plane fast.
 */
export class VirtualClock implements Clock {
  readonly maxEvents: number;
  private time: number;
  private seq = 0;
  private live = 0;
  private fired = 0;
  private driving = false;
  private readonly heap = new TimerHeap<VirtualTimer>();
  /** The run (a command) whose timers are being counted per owner, and the owners seen in it. */
  private runNumber = 0;
  private runOwners: TimerOwner[] = [];

  constructor(options: VirtualClockOptions = {}) {
    this.time = options.startMs ?? 0;
    this.maxEvents = options.maxEvents ?? 1_000_000;
  }

  now(): number {
    return this.time;
  }

  /** Whether drivers move this clock's time (a BootClock stops once it runs on the wall clock). */
  get drivesVirtually(): boolean {
    return true;
  }

  /** Timers scheduled and neither fired nor cancelled. */
  get pendingTimers(): number {
    return this.live;
  }

  /** Timers fired since construction (all driver calls). */
  get eventsFired(): number {
    return this.fired;
  }

  /** When the earliest live timer is due, if any. */
  nextTimerAt(): number | undefined {
    return this.peekLive()?.time;
  }

  /** `owner`: what the timer works for, blamed (and its timers dropped) when a run goes past the loop limit. */
  setTimer(delayMs: number, fn: () => void, owner?: TimerOwner): Timer {
    if (delayMs === Infinity) throw new RangeError('VirtualClock.setTimer: delay must be finite');
    // NaN and negative delays mean "as soon as possible", as they do for setTimeout.
    const delay = delayMs > 0 ? delayMs : 0;
    const entry = new VirtualTimer(this, this.time + delay, this.seq++, fn, owner);
    this.heap.push(entry);
    this.live++;
    return entry;
  }

  /** @internal Called by a VirtualTimer the first time it is cancelled. */
  timerCancelled(): void {
    this.live--;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn((delayMs, fn) => this.setTimer(delayMs, fn), ms, signal);
  }

  /** Starts counting fired timers per owner afresh: a command's run begins. */
  beginRun(): void {
    this.runNumber++;
    this.runOwners = [];
  }

  /** Who the timers fired since `beginRun` worked for, busiest first; timers without an owner are left out. */
  ownersOfRun(): OwnerTally[] {
    const byName = new Map<string, OwnerTally>();
    for (const owner of this.runOwners) {
      const name = owner.name;
      const tally = byName.get(name) ?? { name, fired: 0, owners: [] };
      tally.fired += owner.fired;
      tally.owners.push(owner);
      byName.set(name, tally);
    }
    return [...byName.values()].sort((a, b) => b.fired - a.fired || (a.name < b.name ? -1 : 1));
  }

  /** Cancels every pending timer of `owners`, then tells each (`onDropped`); returns how many were cancelled. */
  dropTimers(owners: readonly TimerOwner[]): number {
    const dropped = new Set(owners);
    let cancelled = 0;
    for (const timer of this.heap.all()) {
      if (timer.fn === undefined || timer.owner === undefined || !dropped.has(timer.owner)) continue;
      timer.cancel();
      cancelled++;
    }
    for (const owner of dropped) owner.onDropped?.();
    return cancelled;
  }

  /**
   * Runs `scenario` to completion on virtual time and returns its result. Fails with SimulationError
   * `Deadlock` when the scenario waits on something no timer can ever bring, or `EventLimit`/`TimeLimit`.
   * Timers still pending when the scenario finishes stay scheduled (a later driver call may fire them).
   */
  async run<T>(scenario: () => Promise<T>, options: DriveOptions = {}): Promise<T> {
    this.beginDrive();
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    try {
      const started = (async () => scenario())();
      started.then(
        (value) => void (outcome = { ok: true, value }),
        (error: unknown) => void (outcome = { ok: false, error }),
      );
      await this.drive('scenario', () => outcome !== undefined, Infinity, options);
    } finally {
      this.driving = false;
    }
    if (outcome === undefined) throw new Error('VirtualClock.run: scenario neither finished nor failed');
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Fires every timer until none is left. A periodic timer never lets this finish: it hits a limit. */
  async runUntilIdle(options: DriveOptions = {}): Promise<void> {
    this.beginDrive();
    try {
      await this.drive('idle', () => false, Infinity, options);
    } finally {
      this.driving = false;
    }
  }

  /** Moves time forward by `ms`, firing every timer due on the way, and settles at the new time. */
  async advance(ms: number, options: DriveOptions = {}): Promise<void> {
    if (!(ms >= 0) || ms === Infinity) throw new RangeError(`VirtualClock.advance: bad duration ${ms}`);
    this.beginDrive();
    try {
      const target = this.time + ms;
      await this.drive('advance', () => false, target, options);
      this.time = Math.max(this.time, target);
      await settle();
    } finally {
      this.driving = false;
    }
  }

  private beginDrive(): void {
    if (this.driving) {
      throw new Error('VirtualClock is already being driven: drivers (run, advance, runUntilIdle) cannot nest');
    }
    this.driving = true;
  }

  private async drive(mode: DriveMode, done: () => boolean, until: number, options: DriveOptions): Promise<void> {
    const maxEvents = options.maxEvents ?? this.maxEvents;
    const deadline = options.maxTimeMs === undefined ? Infinity : this.time + options.maxTimeMs;
    let events = 0;
    for (;;) {
      await settle();
      if (done()) return;
      options.signal?.throwIfAborted();
      const next = this.peekLive();
      if (next === undefined) {
        if (mode === 'scenario') {
          throw new SimulationError(
            'Deadlock',
            `deadlock at t=${this.time}ms: the scenario is still waiting but no timer is pending ` +
              '(is it awaiting something outside the virtual clock, or a promise nobody resolves?)',
          );
        }
        return;
      }
      if (next.time > until) return;
      if (next.time > deadline) {
        throw new SimulationError(
          'TimeLimit',
          `time limit: next timer at t=${next.time}ms is past the allowed ${options.maxTimeMs}ms of virtual time`,
        );
      }
      if (next.time > this.time) this.time = next.time;
      events += this.fireBatch(maxEvents - events, maxEvents);
    }
  }

  /** Fires the timers due now that were scheduled before the batch began; returns how many fired. */
  private fireBatch(budget: number, maxEvents: number): number {
    const batchEnd = this.seq;
    let fired = 0;
    for (;;) {
      const top = this.peekLive();
      if (top === undefined || top.time > this.time || top.seq >= batchEnd) return fired;
      if (fired >= budget) {
        throw new SimulationError(
          'EventLimit',
          `loop limit: more than ${maxEvents} timers fired in one run ` +
            `(t=${this.time}ms, ${this.live} still pending): a runaway loop? raise maxEvents if this is expected`,
        );
      }
      this.heap.pop();
      const fn = top.fn!;
      top.fn = undefined;
      this.live--;
      this.fired++;
      fired++;
      const owner = top.owner;
      if (owner !== undefined) {
        if (owner.run !== this.runNumber) {
          owner.run = this.runNumber;
          owner.fired = 0;
          this.runOwners.push(owner);
        }
        owner.fired++;
      }
      fn();
    }
  }

  private peekLive(): VirtualTimer | undefined {
    let top = this.heap.peek();
    while (top !== undefined && top.fn === undefined) {
      this.heap.pop();
      top = this.heap.peek();
    }
    return top;
  }
}

/** A heap entry that is also the Timer handed out: one allocation per timer on the hot path. */
class VirtualTimer implements Timer {
  constructor(
    private readonly clock: VirtualClock,
    readonly time: number,
    readonly seq: number,
    public fn: (() => void) | undefined,
    readonly owner: TimerOwner | undefined,
  ) {}

  cancel(): void {
    if (this.fn === undefined) return;
    this.fn = undefined;
    this.clock.timerCancelled();
  }
}
