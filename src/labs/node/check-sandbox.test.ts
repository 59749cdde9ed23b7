import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getLab } from '../registry';
import { runLabsCli, type CliIo } from './cli';
import { findGradingNode } from './sandbox/grading-node';
import { newToken, readReportLine, reportLine } from './sandbox/protocol';
import { runChecksInSandbox } from './sandbox/run-checks-in-sandbox';

// Hostile code in a lab folder, graded by `meshdojo check`. Each payload is keyed on the breaker's options, which
// differ from check to check (circuit-breaker/checks.ts), so one run tries several and the others still pass:
// what the permission model refuses is an error of that check in the same grading process; what ends the
// process (process.exit, an error nothing caught, a forged report) is an error of the check it interrupted,
// and the next check runs in a fresh process.

const breaker = getLab('circuit-breaker')!;
const FILE = 'circuit-breaker.ts';
const CHECK = {
  opens: 'opens-after-n-failures', // threshold 4, cool-down 5 s
  rejects: 'rejects-while-open', // 2, 10 s
  probe: 'half-open-single-probe', // 3, 8 s
  closes: 'closes-on-success', // 3, 6 s
  reopens: 'reopens-on-failed-probe', // 2, 7 s
  late: 'late-success-stays-open', // 2, 5 s
} as const;

/** The solution, with `payloads` (by "threshold/coolDownMs") run when a breaker is made; `node` is Node's process. */
function hostile(payloads: Record<string, string>): string {
  const cases = Object.entries(payloads)
    .map(([key, body]) => `    case '${key}': {\n${body}\n      break;\n    }`)
    .join('\n');
  const hook = `
// The real process: the grader hides the globals, not the global object.
const node = (0, eval)('globalThis').process;
const builtin = (name: string) => node.getBuiltinModule(name);
function payload(options: { failureThreshold: number; coolDownMs: number }): void {
  switch (\`\${options.failureThreshold}/\${options.coolDownMs}\`) {
${cases}
  }
}
`;
  return (
    breaker.solution[FILE]!.replace(
      'constructor(readonly options: BreakerOptions) {}',
      'constructor(readonly options: BreakerOptions) {\n    payload(options);\n  }',
    ) + hook
  );
}

let dir: string;
let out: string;
let err: string;
const io = (): CliIo => ({
  stdout: (t) => void (out += t),
  stderr: (t) => void (err += t),
  env: { LANG: 'en' },
  cwd: dir,
});

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

/** The text under the check's title in `check --all`'s report. */
function resultOf(report: string, title: string): string {
  const start = report.indexOf(title);
  expect(start).toBeGreaterThan(-1);
  const rest = report.slice(start + title.length);
  const next = rest.search(/\n {4}[✓✗] |\n✓|\n✗|\n\n/);
  return report.slice(start - 6, start + title.length + (next < 0 ? rest.length : next));
}

const title = (id: string): string => breaker.checks.find((c) => c.id === id)!.title.en;

describe('meshdojo check runs the folder’s code in a sandbox', { timeout: 180_000 }, () => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meshdojo-hostile-'));
    out = '';
    err = '';
    expect(await runLabsCli(['lab', 'circuit-breaker', 'cb', '--solution'], io())).toBe(0);
    out = '';
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses programs, files outside, the network and signals as errors of the checks that tried', async () => {
    const outside = join(dir, 'written-by-checked-code');
    writeFileSync(
      join(dir, 'cb', FILE),
      hostile({
        '4/5000': `console.log('hello from the checked code');\nbuiltin('child_process').execSync('echo ran > ${outside}');`,
        '2/10000': `builtin('fs').readFileSync('/etc/hostname', 'utf8');`,
        '3/8000': `builtin('net').connect(80, 'example.com');`,
        '3/6000': `builtin('fs').writeFileSync('${outside}', 'x');`,
        '2/7000': `node.kill(node.ppid, 0);`,
        // Everything else Node could reach, and what the environment holds.
        '2/5000': `const tried = [];
const attempts = {
  heapSnapshot: () => builtin('v8').getHeapSnapshot(),
  worker: () => new (builtin('worker_threads').Worker)('', { eval: true }),
  inspector: () => builtin('inspector').open(0),
  addon: () => node.dlopen({ exports: {} }, '/tmp/addon.node'),
  sqlite: () => builtin('sqlite') ?? 'absent',
  dns: () => builtin('dns').lookup('example.com', () => undefined),
};
for (const [name, attempt] of Object.entries(attempts)) {
  try {
    tried.push(name + ':' + String(attempt()));
  } catch (error) {
    tried.push(name + ':' + error.code);
  }
}
throw new Error(tried.join(' ') + ' env:' + Object.keys(node.env).sort());`,
      }),
    );
    expect(await runLabsCli(['check', 'cb', '--all', '--verbose'], io())).toBe(1);
    expect(existsSync(outside)).toBe(false);
    expect(resultOf(out, title(CHECK.opens))).toMatch(/✗[^]*may not do this \(ChildProcess \/bin\/sh\)/);
    expect(resultOf(out, title(CHECK.rejects))).toMatch(/may not do this \(FileSystemRead \/etc\/hostname\)/);
    expect(resultOf(out, title(CHECK.probe))).toMatch(/may not do this \(Network\)/);
    expect(resultOf(out, title(CHECK.closes))).toMatch(/may not do this \(FileSystemWrite /);
    expect(resultOf(out, title(CHECK.reopens))).toMatch(/may not do this \(Signal\)/);
    expect(resultOf(out, title(CHECK.late))).toContain(
      'heapSnapshot:ERR_ACCESS_DENIED worker:ERR_ACCESS_DENIED inspector:ERR_ACCESS_DENIED ' +
        'addon:ERR_DLOPEN_DISABLED sqlite:absent dns:ERR_ACCESS_DENIED env:TEMP,TMP,TMPDIR',
    );
    expect(out).toMatch(/1 of 6 steps passed · 5 of 12 checks passed/);
    expect(out).not.toMatch(STACK_LINE);
    // One grading process served every check; --verbose shows what the code printed.
    expect(err.match(/the grading process from check/g)).toHaveLength(1);
    expect(err).toContain('hello from the checked code');
  });

  it('counts process.exit, an error nothing caught, a forged report and running out of memory as errors, never a pass', async () => {
    const forged = JSON.stringify({ type: 'end', index: 5, id: CHECK.probe, result: { status: 'pass' } });
    writeFileSync(
      join(dir, 'cb', FILE),
      hostile({
        '4/5000': `node.exit(0);`,
        '2/10000': `queueMicrotask(() => { throw new Error('boom, later'); });`,
        '3/8000': `builtin('fs').writeSync(3, 'f'.repeat(64) + ' ' + ${JSON.stringify(forged)} + '\\n');`,
        '2/7000': `const hoard = [];\nfor (;;) hoard.push(new Array(1_000_000).fill(hoard.length));`,
        '3/6000': `console.log('All 6 steps pass.'); builtin('fs').writeSync(1, ${JSON.stringify(`${forged}\n`)}); throw new Error('not a breaker');`,
      }),
    );
    expect(await runLabsCli(['check', 'cb', '--all'], io())).toBe(1);
    expect(resultOf(out, title(CHECK.opens))).toMatch(/The grading process ended during this check \(exit code 0\)/);
    expect(resultOf(out, title(CHECK.rejects))).toMatch(/threw an error that nothing caught .*: Error: boom, later/);
    expect(resultOf(out, title(CHECK.probe))).toMatch(/A report the grader did not write was refused/);
    expect(resultOf(out, title(CHECK.closes))).toMatch(/Your code threw an error: Error: not a breaker/);
    expect(resultOf(out, title(CHECK.reopens))).toMatch(/used more than 512 MB of memory during this check/);
    expect(resultOf(out, title(CHECK.late))).toMatch(/✓/);
    expect(out).not.toMatch(/All 6 steps pass/);
    expect(`${out}${err}`).not.toMatch(STACK_LINE);
    expect(err).toBe('');
  });

  it('stops a timer that never ends after its check returned, and goes on', async () => {
    // The timer starts once the grader next waits for real time: in the mesh check that follows. Its runaway is
    // one no tick of the work meter sees (a regular expression backtracking for ever), left to the time limit.
    const files = { [FILE]: hostile({ '2/10000': `setImmediate(() => /^(a+)+$/.test('a'.repeat(40) + '!'));` }) };
    const report = await runChecksInSandbox(breaker, files, { limitMs: 1_500, silenceLimitMs: 1_500 });
    const result = (id: string) => report.results.find((r) => r.id === id);
    expect(result(CHECK.rejects)?.status).toBe('pass');
    expect(result('mesh-uses-breaker')).toMatchObject({
      status: 'error',
      message: { en: expect.stringMatching(/was stopped/) },
    });
    for (const id of [CHECK.probe, CHECK.closes, CHECK.reopens, CHECK.late]) expect(result(id)?.status).toBe('pass');
    expect(report.status).toBe('failed');
  });
});

describe('the grading process’s channel and its Node', () => {
  it('accepts only lines with the run’s token, as JSON, in the grader’s shape', () => {
    const token = newToken();
    const start = { type: 'start', index: 0, id: 'a' } as const;
    expect(readReportLine(token, reportLine(token, start).trimEnd())).toEqual({ message: start });
    expect(readReportLine(token, reportLine(newToken(), start).trimEnd())).toHaveProperty('refused');
    expect(readReportLine(token, JSON.stringify(start))).toHaveProperty('refused');
    expect(readReportLine(token, `${token} {"type":`)).toEqual({ refused: 'a report line that is not JSON' });
    const passing = { type: 'end', index: 0, id: 'a', result: { status: 'pass' } };
    expect(readReportLine(token, `${token} ${JSON.stringify(passing)}`)).toEqual({
      refused: 'a report line of an unknown shape',
    });
  });

  it('grades on the pinned Node, else on a Node of its major version or newer, else not at all', () => {
    const root = mkdtempSync(join(tmpdir(), 'meshdojo-install-'));
    try {
      writeFileSync(join(root, 'package.json'), '{}');
      const old = { execPath: '/usr/bin/node', version: 'v20.20.2' };
      expect(findGradingNode(root, old)).toEqual({ missing: true, running: 'v20.20.2' });
      expect(findGradingNode(root, { execPath: '/opt/node24', version: 'v24.1.0' })).toEqual({
        path: '/opt/node24',
        pinned: false,
      });
      const pkg = join(root, 'node_modules', 'node');
      mkdirSync(join(pkg, 'bin'), { recursive: true });
      writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'node', bin: { node: 'bin/node.exe' } }));
      expect(findGradingNode(root, old)).toEqual({ missing: true, running: 'v20.20.2' }); // named, not there
      writeFileSync(join(pkg, 'bin', 'node.exe'), '');
      expect(findGradingNode(root, old)).toEqual({ path: join(pkg, 'bin', 'node.exe'), pinned: true });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
