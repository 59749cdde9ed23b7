import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getLab } from '../registry';
import { MARKER, runLabsCli, type CliIo } from './cli';
import { runChecksInWorker } from './worker-runner';

let dir: string;
let out: string;
let err: string;

function io(lang: string): CliIo {
  return { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: { LANG: lang }, cwd: dir };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'meshdojo-labs-'));
  out = '';
  err = '';
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('meshdojo labs / lab / check', { timeout: 120_000 }, () => {
  it('lists the labs in the learner’s language', async () => {
    expect(await runLabsCli(['labs'], io('ko_KR.UTF-8'))).toBe(0);
    expect(out).toMatch(/^circuit-breaker\s+1\.2\s+서킷 브레이커 구현하기$/m);
    out = '';
    expect(await runLabsCli(['labs', '--lang', 'en'], io('ko_KR.UTF-8'))).toBe(0);
    expect(out).toMatch(/^request-routing\s+3\.1\s+Request routing/m);
  });

  it('writes a lab folder with its marker, and grades it: starter fails (exit 1), solution passes (exit 0)', async () => {
    expect(await runLabsCli(['lab', 'request-routing', 'rr'], io('en_US.UTF-8'))).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'rr', MARKER), 'utf8'))).toEqual({ lab: 'request-routing' });
    expect(readFileSync(join(dir, 'rr', 'destination-rules.yaml'), 'utf8')).toContain('kind: DestinationRule');
    expect(await runLabsCli(['check', 'rr'], io('ko_KR.UTF-8'))).toBe(1);
    expect(out).toMatch(/✗ 로그인하지 않은 요청은 모두 reviews v1으로 간다/);
    expect(out).toMatch(/힌트: /);

    out = '';
    expect(await runLabsCli(['lab', 'request-routing', 'rr'], io('en_US.UTF-8'))).toBe(0); // same content: fine
    out = '';
    writeFileSync(
      join(dir, 'rr', 'virtual-services.yaml'),
      getLab('request-routing')!.solution['virtual-services.yaml']!,
    );
    expect(await runLabsCli(['check', join(dir, 'rr'), '--json'], io('en_US.UTF-8'))).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ labId: 'request-routing', status: 'passed' });
  });

  it('never overwrites a learner’s edits without --force', async () => {
    await runLabsCli(['lab', 'circuit-breaker', 'cb'], io('en'));
    writeFileSync(join(dir, 'cb', 'circuit-breaker.ts'), '// my work\n');
    expect(await runLabsCli(['lab', 'circuit-breaker', 'cb', '--solution'], io('en'))).toBe(1);
    expect(err).toMatch(/nothing was written/);
    expect(readFileSync(join(dir, 'cb', 'circuit-breaker.ts'), 'utf8')).toBe('// my work\n');
    expect(await runLabsCli(['lab', 'circuit-breaker', 'cb', '--solution', '--force'], io('en'))).toBe(0);
    expect(readFileSync(join(dir, 'cb', 'circuit-breaker.ts'), 'utf8')).toContain('probeInFlight');
  });

  it('explains bad input: unknown flags and labs, folders that are not labs, compile errors', async () => {
    expect(await runLabsCli(['check', '--verbose'], io('en'))).toBe(2);
    expect(err).toMatch(/unknown flag --verbose/);
    expect(await runLabsCli(['lab', 'nope'], io('ko'))).toBe(1);
    expect(err).toMatch(/"nope"라는 실습은 없습니다/);
    expect(await runLabsCli(['check'], io('en'))).toBe(1);
    expect(err).toMatch(/is not a lab folder/);
    await runLabsCli(['lab', 'circuit-breaker', 'cb'], io('en'));
    writeFileSync(join(dir, 'cb', 'circuit-breaker.ts'), 'export class CircuitBreaker {\nconst\n');
    out = '';
    expect(await runLabsCli(['check', 'cb'], io('en'))).toBe(1);
    expect(out).toMatch(/✗ Your code does not compile\n {2}circuit-breaker\.ts:\d+:\d+ /);
  });

  it('stops a check stuck in an infinite loop after the wall-clock limit and goes on with the next', async () => {
    const lab = getLab('circuit-breaker')!;
    const looping = lab.solution['circuit-breaker.ts']!.replace(
      'get state(): BreakerState {',
      'get state(): BreakerState {\n    if (this.options.failureThreshold === 2) for (;;);',
    );
    const report = await runChecksInWorker(lab, { 'circuit-breaker.ts': looping }, { limitMs: 1_500 });
    const statuses = Object.fromEntries(report.results.map((r) => [r.id, r.status]));
    expect(statuses['opens-after-n-failures']).toBe('pass');
    expect(statuses['rejects-while-open']).toBe('error');
    expect(report.results.find((r) => r.id === 'rejects-while-open')?.message?.en).toMatch(
      /ran for more than 1.5 s and was stopped/,
    );
    expect(statuses['half-open-single-probe']).toBe('pass');
    expect(report.results).toHaveLength(lab.checks.length);
  });
});
