import { type Clock, type OwnerTally, RunawayError, SimulationError, VirtualClock, yieldToMacrotask } from '../sim';

/**
 * Runs the learner's commands one at a time against the clock. On virtual time a command's work is driven
 * to completion (time jumps over its waits); commands never overlap, so drivers never nest even when the
 * shell evaluates a pipeline's stages concurrently.
 *
 * Some work is outside the clock's reach: the CA's WebCrypto signing resolves on the host's thread pool.
 * Such promises are `track`ed; while any is in flight the driver waits in real time instead of jumping
 * virtual time ahead, so a certificate is issued at the same virtual instant on every run.
 */
export class CommandDriver {
  private queue: Promise<unknown> = Promise.resolve();
  private external = 0;
  /** Commands being driven now (0 or 1: they queue). */
  private running = 0;

  constructor(private readonly clock: Clock) {}

  /** Marks `promise` as work the virtual clock must wait for. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.external++;
    return promise.finally(() => void this.external--);
  }

  /**
   * Queues `work` behind every earlier command. Commands must not call this for their own sub-steps. When
   * `signal` aborts (Ctrl-C) the command has a moment to wind down (it sees the signal too: fortio prints its
   * summary, `logs -f` ends), then the wait fails with the signal's reason; what it started goes on in the
   * cluster, as a real cluster goes on when kubectl is interrupted.
   */
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const next = this.queue.then(async () => {
      signal?.throwIfAborted();
      const { clock } = this;
      this.running++;
      try {
        return await (clock instanceof VirtualClock && clock.drivesVirtually
          ? driveVirtually(clock, work, signal, () => this.external > 0)
          : windDown(clock, work(), signal));
      } finally {
        this.running--;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs `work` beside the command in flight, if any (a page the browser loads while `kubectl get -w` waits):
   * that command's driver moves time for both, and what is left of `work` when it ends is driven after it.
   * Without a command in flight it is `run`.
   */
  runBeside<T>(work: () => Promise<T>): Promise<T> {
    if (this.running === 0) return this.run(work);
    const started = work();
    return this.run(() => started);
  }

  /**
   * Lets time pass in steps until `converged()` holds (pods started, config pushed), `limitMs` is spent or
   * `signal` aborts: instantly on virtual time; on real time the learner waits as for a real cluster.
   */
  settle(converged: () => boolean, options: { stepMs: number; limitMs: number; signal?: AbortSignal }): Promise<void> {
    const { clock } = this;
    const { signal } = options;
    return this.run(async () => {
      const start = clock.now();
      // A write's reconciles run on 0 ms timers: let them run before asking whether all is done.
      await clock.sleep(0, signal);
      while (!converged() && clock.now() - start < options.limitMs) await clock.sleep(options.stepMs, signal);
    }, signal);
  }
}

/** How long an interrupted command may go on winding down: cluster time, and timers on the virtual clock. */
const WIND_DOWN_MS = 1_000;
const WIND_DOWN_TIMERS = 10_000;

/**
 * Drives `work` to completion on virtual time: time jumps to each next timer. One command may fire at most the
 * clock's loop limit of timers, all its waits together; past it the command is a runaway (see `runaway`).
 * Ctrl-C stops a long batch of timers at once, then the work winds down within WIND_DOWN_MS and
 * WIND_DOWN_TIMERS.
 */
async function driveVirtually<T>(
  clock: VirtualClock,
  work: () => Promise<T>,
  signal: AbortSignal | undefined,
  waitingOutside: () => boolean,
): Promise<T> {
  const limit = clock.maxEvents;
  const start = clock.eventsFired;
  clock.beginRun();
  let interrupted: { fired: number; at: number } | undefined;
  const advance = async (ms: number): Promise<void> => {
    let maxEvents = limit - (clock.eventsFired - start);
    if (interrupted !== undefined) {
      maxEvents = Math.min(maxEvents, WIND_DOWN_TIMERS - (clock.eventsFired - interrupted.fired));
      ms = Math.min(ms, interrupted.at + WIND_DOWN_MS - clock.now());
    }
    try {
      // Until Ctrl-C the signal stops a long batch; after it, the work winds down undisturbed.
      await clock.advance(Math.max(0, ms), {
        maxEvents: Math.max(0, maxEvents),
        ...(signal !== undefined && interrupted === undefined && { signal }),
      });
    } catch (error) {
      if (signal?.aborted !== true) throw error;
      if (interrupted === undefined && error === signal.reason) {
        interrupted = { fired: clock.eventsFired, at: clock.now() };
        return;
      }
      throw signal.reason;
    }
  };
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  (async () => work())().then(
    (value) => void (outcome = { ok: true, value }),
    (error: unknown) => void (outcome = { ok: false, error }),
  );
  try {
    while (outcome === undefined) {
      if (signal?.aborted === true && interrupted === undefined)
        interrupted = { fired: clock.eventsFired, at: clock.now() };
      if (interrupted !== undefined && clock.now() >= interrupted.at + WIND_DOWN_MS) throw signal!.reason;
      await advance(0);
      if (outcome !== undefined) break;
      if (waitingOutside()) {
        await yieldToMacrotask();
        continue;
      }
      const next = clock.nextTimerAt();
      if (next === undefined) {
        if (interrupted !== undefined) throw signal!.reason;
        throw new SimulationError(
          'Deadlock',
          `deadlock at t=${clock.now()}ms: the command waits for something no timer will bring`,
        );
      }
      await advance(next - clock.now());
    }
  } catch (error) {
    if (error instanceof SimulationError && error.reason === 'EventLimit') throw runaway(clock, limit);
    throw error;
  }
  const done = outcome as { ok: true; value: T } | { ok: false; error: unknown };
  if (!done.ok) throw done.error;
  return done.value;
}

/**
 * Past the loop limit: blames the owners that fired most of the run's timers (those covering half of the owned
 * ones, three at most) and drops their pending timers, so a loop of theirs stops and the cluster keeps serving.
 */
function runaway(clock: VirtualClock, limit: number): RunawayError {
  const tallies = clock.ownersOfRun();
  const owned = tallies.reduce((sum, tally) => sum + tally.fired, 0);
  const blamed: OwnerTally[] = [];
  let covered = 0;
  for (const tally of tallies) {
    if (blamed.length === 3 || covered * 2 > owned) break;
    blamed.push(tally);
    covered += tally.fired;
  }
  clock.dropTimers(blamed.flatMap((tally) => tally.owners));
  return new RunawayError(
    limit,
    clock.now(),
    blamed.map((tally) => tally.name),
  );
}

/** On the wall clock: `promise`, or, once `signal` aborts and WIND_DOWN_MS have passed without it settling, the signal's reason. */
function windDown<T>(clock: Clock, promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => void clock.sleep(WIND_DOWN_MS).then(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
