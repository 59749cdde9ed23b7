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
  private running = 0;

  constructor(private readonly clock: Clock) {}

  /** Marks `promise` as work the virtual clock must wait for. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.external++;
    return promise.finally(() => void this.external--);
  }

  /** Queues `work` behind every earlier command. Commands must not call this for their own sub-steps. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.drive(work));
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
   * Lets time pass in steps until `converged()` holds (pods started, config pushed) or `limitMs` is spent:
   * instantly on virtual time; on real time the learner waits as for a real cluster (a few seconds).
   */
  settle(converged: () => boolean, options: { stepMs: number; limitMs: number }): Promise<void> {
    const clock = this.clock;
    return this.run(async () => {
      const start = clock.now();
      // A write's reconciles run on 0 ms timers: let them run before asking whether all is done.
      await clock.sleep(0);
      while (!converged() && clock.now() - start < options.limitMs) await clock.sleep(options.stepMs);
    });
  }

  private async drive<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await this.driveNow(work);
    } finally {
      this.running--;
    }
  }

  private async driveNow<T>(work: () => Promise<T>): Promise<T> {
    const clock = this.clock;
    if (!(clock instanceof VirtualClock && clock.drivesVirtually)) return work();
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    (async () => work())().then(
      (value) => void (outcome = { ok: true, value }),
      (error: unknown) => void (outcome = { ok: false, error }),
    );
    for (let steps = 0; outcome === undefined; steps++) {
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
