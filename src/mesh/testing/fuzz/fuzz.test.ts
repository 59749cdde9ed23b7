/**
 * The fuzz run: random sequences of what a learner types (istio.io's commands, mistyped or not, garbage, and
 * Istio YAML with a mutation or two) against a fresh cluster each, from fixed seeds. Every output must be
 * free of host-side leaks (a stack trace, a TypeError, an `undefined` the input did not have), every line must
 * end within its share of cluster time, and after each sequence a plain `kubectl get pods` must still answer.
 * A failure names the seed and the line, which replay exactly.
 */
import { describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli/index';
import { SAMPLE_FILES, VirtualClock } from '../../index';
import { FuzzRandom, fuzzCommand, mutateYaml } from './inputs';

/** Fixed seeds; FUZZ_SEEDS=1003 (or 1-400) replays one seed or searches a wider range. */
const SEEDS = seedsFrom(process.env['FUZZ_SEEDS']) ?? Array.from({ length: 12 }, (_, i) => 1001 + i);
const LINES_PER_SEQUENCE = 20;
/** Cluster time one line may take before it is interrupted, as a learner would press Ctrl-C. */
const LINE_BUDGET_MS = 120_000;
/** A small loop limit: a runaway line costs a fraction of a second before the simulator stops it. */
const LOOP_LIMIT = 50_000;

const ISTIO_YAML = Object.entries(SAMPLE_FILES)
  .filter(([path]) => path.includes('/networking/'))
  .map(([, text]) => text);

const SETUP = [
  'kubectl label namespace default istio-injection=enabled',
  'kubectl apply -f samples/httpbin/httpbin.yaml -f samples/sleep/sleep.yaml -f samples/httpbin/sample-client/fortio-deploy.yaml',
];

/** What must never reach the learner: the host's insides. */
const LEAKS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'stack frame', pattern: /^\s+at \S/m },
  { name: 'TypeError', pattern: /\bTypeError\b/ },
  { name: 'ReferenceError', pattern: /\bReferenceError\b/ },
  { name: 'RangeError', pattern: /\bRangeError\b/ },
  { name: '[object Object]', pattern: /\[object \w+\]/ },
  { name: 'undefined', pattern: /\bundefined\b/ },
  { name: 'just-bash setting', pattern: /executionLimits\./ },
];

interface Finding {
  seed: number;
  index: number;
  line: string;
  problem: string;
}

interface SequenceReport {
  findings: Finding[];
  lines: number;
  virtualMs: number;
}

async function runSequence(seed: number): Promise<SequenceReport> {
  const random = new FuzzRandom(seed);
  const clock = new VirtualClock({ maxEvents: LOOP_LIMIT });
  const session = await createMeshSession({ preset: 'istio', seed, clock });
  const findings: Finding[] = [];
  const started = clock.now();
  try {
    for (const line of SETUP) await session.ok(line);
    if (random.chance(0.5)) await session.ok('kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml');
    for (let index = 0; index < LINES_PER_SEQUENCE; index++) {
      const line = random.chance(0.25)
        ? `kubectl apply -f - <<'EOF'\n${mutateYaml(random, random.pick(ISTIO_YAML))}\nEOF`
        : fuzzCommand(random);
      const problem = await check(session, line);
      if (problem !== undefined) findings.push({ seed, index, line, problem });
    }
    const after = await check(session, 'kubectl get pods', true);
    if (after !== undefined)
      findings.push({ seed, index: LINES_PER_SEQUENCE, line: 'kubectl get pods', problem: after });
    return { findings, lines: LINES_PER_SEQUENCE, virtualMs: clock.now() - started };
  } finally {
    session.dispose();
  }
}

/** Runs `line` for at most LINE_BUDGET_MS of cluster time; what is wrong with how it ended, if anything. */
async function check(session: MeshSession, line: string, mustSucceed = false): Promise<string | undefined> {
  const { clock } = session.cluster;
  const start = clock.now();
  const alarm = clock.setTimer(LINE_BUDGET_MS, () => session.shell.cancel());
  let result;
  try {
    result = await session.run(line);
  } catch (error) {
    return `threw: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    alarm.cancel();
  }
  const output = result.stdout + result.stderr;
  for (const { name, pattern } of LEAKS)
    if (pattern.test(output) && !pattern.test(line)) return `${name} in: ${excerpt(output, pattern)}`;
  // The budget, and the second an interrupted command has to wind down.
  if (clock.now() - start > LINE_BUDGET_MS + 1_000) return `ran ${clock.now() - start} ms of cluster time`;
  if (mustSucceed && result.exitCode !== 0) return `exit ${result.exitCode}: ${output.slice(0, 300)}`;
  return undefined;
}

function seedsFrom(text: string | undefined): number[] | undefined {
  if (text === undefined || text === '') return undefined;
  const [from = 0, to = from] = text.split('-').map(Number);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function excerpt(output: string, pattern: RegExp): string {
  const at = output.search(pattern);
  return output.slice(Math.max(0, at - 200), at + 200);
}

describe('the fuzz run', () => {
  // Each sequence boots its own cluster; the run takes some seconds of CPU, not a performance test.
  it(
    `${SEEDS.length} sequences of ${LINES_PER_SEQUENCE} random lines: no leak, no line past its time, no wedged session`,
    { timeout: 300_000 },
    async () => {
      const findings: Finding[] = [];
      let lines = 0;
      let virtualMs = 0;
      for (const seed of SEEDS) {
        const report = await runSequence(seed);
        findings.push(...report.findings);
        lines += report.lines;
        virtualMs += report.virtualMs;
      }
      expect(findings).toEqual([]);
      expect(lines).toBe(SEEDS.length * LINES_PER_SEQUENCE);
      // Cluster time, for the record: sequences let minutes pass (sleep, waits, loads) on the virtual clock.
      expect(virtualMs).toBeGreaterThan(0);
    },
  );
});
