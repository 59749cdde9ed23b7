import type { ExecOutput } from '../exec-output';
import { formatFixed, formatG, formatGoDuration } from '../go-format';
import type { FortioFlags } from './args';
import { goSeconds, type FastClient } from './fast-client';
import { Counter, Histogram, histogramLines } from './histogram';
import { LogLevel, type FortioLogger } from './logger';

/** What one fortio thread measured. */
export class ThreadStats {
  readonly durations: Histogram;
  readonly errors: Histogram;
  readonly sleeps = new Counter();
  readonly codes = new Map<number, number>();
  readonly sizes = new Counter();
  readonly headerSizes = new Counter();

  constructor(resolution: number) {
    this.durations = new Histogram(0, resolution);
    this.errors = new Histogram(0, resolution);
  }
}

export interface RunSummary {
  flags: FortioFlags;
  threads: number;
  useQps: boolean;
  /** Whether each thread made a warm-up call first (runs without -n). */
  warmup: boolean;
  elapsedMs: number;
  stats: ThreadStats[];
  clients: FastClient[];
  /** `ip:port` fortio resolved the URL to. */
  destination: string;
}

/** The report `fortio load` prints after its run, section by section as periodic.go and httprunner.go do. */
export function printReport(out: ExecOutput, log: FortioLogger, run: RunSummary): void {
  const verbose = log.enabled(LogLevel.Warning);
  const durations = new Histogram(0, run.flags.resolution);
  const errors = new Histogram(0, run.flags.resolution);
  const sleeps = new Counter();
  const sizes = new Counter();
  const headerSizes = new Counter();
  const codes = new Map<number, number>();
  for (const stats of run.stats) {
    durations.addHistogram(stats.durations);
    errors.addHistogram(stats.errors);
    sleeps.add(stats.sleeps);
    sizes.add(stats.sizes);
    headerSizes.add(stats.headerSizes);
    for (const [code, count] of stats.codes) codes.set(code, (codes.get(code) ?? 0) + count);
  }
  const elapsedSeconds = goSeconds(run.elapsedMs);
  const qps = durations.count / elapsedSeconds;
  if (verbose)
    out.line(`Ended after ${formatGoDuration(run.elapsedMs * 1e6)} : ${durations.count} calls. qps=${formatG(qps, 5)}`);
  if (run.useQps && verbose && sleeps.count > 0) out.line(sleeps.line('Sleep times'));

  const exported = durations.export(run.flags.percentiles);
  if (verbose) {
    for (const line of histogramLines(exported, 'Aggregated Function Time')) out.line(line);
    for (const line of histogramLines(errors.export(run.flags.percentiles), 'Error cases')) out.line(line);
  } else {
    out.line(durations.line('Aggregated Function Time'));
    for (const p of exported.percentiles) out.line(`# target ${formatG(p.percentile)}% ${formatG(p.value, 6)}`);
  }

  let sockets = 0;
  const connectTimes = new Counter();
  out.line('# Socket and IP used for each connection:');
  run.clients.forEach((client, thread) => {
    const used = client.close();
    sockets += used;
    connectTimes.add(client.connectTimes);
    out.line(
      `[${thread}] ${String(used).padStart(3)} socket used, resolved to ${run.destination}, ${client.connectTimes.line('connection timing')}`,
    );
  });
  out.line(connectTimes.line('Connection time (s)'));
  out.line(`Sockets used: ${sockets} (for perfect keepalive, would be ${run.threads})`);
  out.line(`Uniform: ${run.flags.uniform}, Jitter: ${run.flags.jitter}, Catchup allowed: true`);
  out.line('IP addresses distribution:');
  out.line(`${run.destination}: ${sockets}`);
  for (const code of [...codes.keys()].sort((a, b) => a - b)) {
    const count = codes.get(code)!;
    out.line(`Code ${String(code).padStart(3)} : ${count} (${((100 * count) / durations.count).toFixed(1)} %)`);
  }
  if (verbose) {
    out.line(headerSizes.line('Response Header Sizes'));
    out.line(sizes.line('Response Body/Total Sizes'));
  }
  const warmups = run.warmup ? run.threads : 0;
  out.line(
    `All done ${durations.count} calls (plus ${warmups} warmup) ${(1000 * exported.avg).toFixed(3)} ms avg, ${formatFixed(qps, 1)} qps`,
  );
}
