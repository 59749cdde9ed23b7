/**
 * The grading session behind a check's context: one lab session per graded step (fixed seed, virtual clock),
 * built the way the step's kind says (step-sessions.ts), created on first use so a code lab's unit checks never
 * pay for a cluster.
 */
import type { MeshSession, SimCluster } from '../mesh';
import type { CheckContext, LabMeta } from '../schema';
import { loadModule, type CompiledModules } from './module-loader';
import type { WorkMeter } from './work-meter';

/** A check spent more simulated time than its budget (a request that never returns, a sleep too long). */
export class VirtualBudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`the check used more than ${budgetMs / 1000} s of simulated time and was stopped`);
    this.name = 'VirtualBudgetExceeded';
  }
}

/** The learner's state could not be replayed: kubectl refused their YAML (message is kubectl's). */
export class ReplayError extends Error {
  constructor(
    readonly file: string,
    readonly output: string,
  ) {
    super(output);
    this.name = 'ReplayError';
  }
}

export class GradingSession {
  private sessionPromise: Promise<MeshSession> | undefined;
  private disposed = false;

  constructor(
    readonly lab: LabMeta,
    readonly files: Readonly<Record<string, string>>,
    private readonly modules: CompiledModules | undefined,
    private readonly build: () => Promise<MeshSession>,
  ) {}

  /** Builds the lab session and brings it to the learner's state (once); rejects with ReplayError on bad YAML. */
  ready(): Promise<MeshSession> {
    this.sessionPromise ??= this.build();
    return this.sessionPromise;
  }

  /** A check's context: `budgetMs` of simulated time, and the learner's code counting its work on `meter`. */
  contextFor(budgetMs: number, meter: WorkMeter): CheckContext {
    return {
      lab: this.lab,
      files: this.files,
      load: () => {
        if (this.modules === undefined) throw new Error(`lab ${this.lab.id} has no TypeScript module to load`);
        return loadModule(this.modules, this.lab.main, meter.tick);
      },
      cluster: async () => (await this.ready()).cluster,
      shell: async () => (await this.ready()).shell,
      sim: async (work) => {
        const { cluster } = await this.ready();
        return cluster.run(() => withinBudget(cluster, budgetMs, () => work(cluster)));
      },
    };
  }

  /** Virtual time on the cluster's clock, 0 before any cluster exists. */
  async now(): Promise<number> {
    return this.sessionPromise === undefined ? 0 : (await this.sessionPromise).cluster.clock.now();
  }

  async dispose(): Promise<void> {
    if (this.disposed || this.sessionPromise === undefined) return;
    this.disposed = true;
    const built = await this.sessionPromise.catch(() => undefined);
    built?.dispose();
  }
}

/** Races `work` against a virtual-time alarm; the alarm is cancelled when work ends first. */
async function withinBudget<T>(cluster: SimCluster, budgetMs: number, work: () => Promise<T>): Promise<T> {
  const alarm = new AbortController();
  const expired = cluster.clock.sleep(budgetMs, alarm.signal).then(
    () => Promise.reject(new VirtualBudgetExceeded(budgetMs)),
    () => new Promise<never>(() => undefined),
  );
  try {
    return await Promise.race([work(), expired]);
  } finally {
    alarm.abort();
  }
}
