/**
 * What a check gets to work with, and the grading session behind it: one fresh cluster per run (fixed seed,
 * virtual clock), brought to the lab's starting point and then to the learner's state, created on first use
 * so a code lab's unit checks never pay for a cluster.
 */
import { parseAllDocuments } from 'yaml';
import type { LabMeta } from '../schema';
import { createCluster, createShell, SAMPLE_FILES, type SimCluster, type Shell } from '../mesh';
import { loadModule, type CompiledModules } from './module-loader';

export interface CheckContext {
  readonly lab: LabMeta;
  /** The learner's files (read-only files are ours, whatever the learner's copy says). */
  readonly files: Readonly<Record<string, string>>;
  /** Code labs: a fresh instance of the learner's main module (throws what the module throws on load). */
  load(): Record<string, unknown>;
  /** The cluster with the preset, the lab's setup and the learner's state; shared by one run's checks. */
  cluster(): Promise<SimCluster>;
  /** Runs simulated work on the cluster's virtual clock, within this check's budget of virtual time. */
  sim<T>(work: (cluster: SimCluster) => Promise<T>): Promise<T>;
  /** The learner's shell on that cluster (commands are driven on the cluster's clock one by one). */
  shell(): Promise<Shell>;
}

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

/** Where lab files live in the grader's shell (and in the workbench's terminal). */
export const LAB_DIR = '/home/user/lab';

export interface SessionOptions {
  readonly seed: number;
}

export class GradingSession {
  private clusterPromise: Promise<{ cluster: SimCluster; shell: Shell }> | undefined;
  private disposed = false;

  constructor(
    readonly lab: LabMeta,
    readonly files: Readonly<Record<string, string>>,
    private readonly modules: CompiledModules | undefined,
    private readonly options: SessionOptions,
  ) {}

  /** Builds the cluster and replays the learner's state (once); rejects with ReplayError on bad YAML. */
  ready(): Promise<{ cluster: SimCluster; shell: Shell }> {
    this.clusterPromise ??= this.build();
    return this.clusterPromise;
  }

  contextFor(budgetMs: number): CheckContext {
    return {
      lab: this.lab,
      files: this.files,
      load: () => {
        if (this.modules === undefined) throw new Error(`lab ${this.lab.id} has no TypeScript module to load`);
        return loadModule(this.modules, this.lab.main);
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
    return this.clusterPromise === undefined ? 0 : (await this.clusterPromise).cluster.clock.now();
  }

  async dispose(): Promise<void> {
    if (this.disposed || this.clusterPromise === undefined) return;
    this.disposed = true;
    const built = await this.clusterPromise.catch(() => undefined);
    built?.cluster.dispose();
  }

  private async build(): Promise<{ cluster: SimCluster; shell: Shell }> {
    const cluster = await createCluster({ seed: this.options.seed, clock: 'virtual', preset: this.lab.preset });
    const files = Object.fromEntries(Object.entries(this.files).map(([path, text]) => [`${LAB_DIR}/${path}`, text]));
    const shell = await createShell(cluster, { files: { ...SAMPLE_FILES, ...files } });
    try {
      for (const line of this.lab.setup) {
        const result = await shell.run(line);
        if (result.exitCode !== 0) throw new Error(`lab setup failed: ${line}\n${result.stderr}${result.stdout}`);
      }
      for (const file of this.lab.apply) {
        // A file with only comments is "nothing written yet", not an error: kubectl would refuse it.
        if (!hasDocuments(this.files[file] ?? '')) continue;
        const result = await shell.run(`kubectl apply -f ${LAB_DIR}/${file}`);
        if (result.exitCode !== 0) throw new ReplayError(file, `${result.stdout}${result.stderr}`.trim());
      }
    } catch (error) {
      cluster.dispose();
      throw error;
    }
    return { cluster, shell };
  }
}

function hasDocuments(text: string): boolean {
  try {
    const docs = parseAllDocuments(text);
    if (docs.some((doc) => doc.errors.length > 0)) return true;
    return docs.some((doc) => doc.contents !== null);
  } catch {
    return true; // let kubectl report the syntax error in its own words
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
