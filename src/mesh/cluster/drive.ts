import { type Clock, yieldToMacrotask, SimulationError, VirtualClock } from '../sim';

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

  constructor(private readonly clock: Clock) {}

  /** Marks `promise` as work the virtual clock must wait for. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.external++;
    return promise.finally(() => void this.external--);
  }

  /**
   * Queues `work` behind every earlier command. Commands must not call this for their own sub-steps. When
   * `signal` aborts (Ctrl-C) the command stops waiting at once and fails with the signal's reason; what it
   * started goes on in the cluster, as a real cluster goes on when kubectl is interrupted.
   */
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const next = this.queue.then(() => this.drive(work, signal));
    this.queue = next.catch(() => undefined);
    return next;
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

  private async drive<T>(work: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    signal?.throwIfAborted();
    const clock = this.clock;
    if (!(clock instanceof VirtualClock && clock.drivesVirtually)) return abortable(work(), signal);
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    (async () => work())().then(
      (value) => void (outcome = { ok: true, value }),
      (error: unknown) => void (outcome = { ok: false, error }),
    );
    for (let steps = 0; outcome === undefined; steps++) {
      signal?.throwIfAborted();
      if (steps > 5_000_000)
        throw new SimulationError('EventLimit', 'a command kept the simulation busy for too many steps');
      await clock.advance(0);
      if (outcome !== undefined) break;
      if (this.external > 0) {
        await yieldToMacrotask();
        continue;
      }
      const next = clock.nextTimerAt();
      if (next === undefined) {
        throw new SimulationError(
          'Deadlock',
          `deadlock at t=${clock.now()}ms: the command waits for something no timer will bring`,
        );
      }
      await clock.advance(next - clock.now());
    }
    const done = outcome as { ok: true; value: T } | { ok: false; error: unknown };
    if (!done.ok) throw done.error;
    return done.value;
  }
}

/** `promise`, or the signal's reason as soon as it aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
