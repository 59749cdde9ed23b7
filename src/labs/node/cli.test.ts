import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANSWERS_PATH, JOURNAL_PATH, LAB_MARKER_PATH } from '../folder-format';
import { checksToRun } from '../grader/run-checks';
import { getLab } from '../registry';
import { solutionAnswers, solutionJournal } from '../solution-replay';
import { openFolderShell, runLabsCli, type CliIo } from './cli';
import { runChecksInSandbox } from './sandbox/run-checks-in-sandbox';

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

const routing = getLab('request-routing')!;
const VS = 'virtual-services.yaml';
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('meshdojo labs / lab / check', { timeout: 120_000 }, () => {
  it('lists the labs in the learner’s language', async () => {
    expect(await runLabsCli(['labs'], io('ko_KR.UTF-8'))).toBe(0);
    expect(out).toMatch(/^circuit-breaker\s+1\.2\s+서킷 브레이커 구현하기$/m);
    out = '';
    expect(await runLabsCli(['labs', '--lang', 'en'], io('ko_KR.UTF-8'))).toBe(0);
    expect(out).toMatch(/^request-routing\s+3\.1\s+Request routing/m);
  });

  it('writes a lab folder: its files, .meshdojo/lab.json, and a README with the steps in the learner’s language', async () => {
    expect(await runLabsCli(['lab', 'request-routing', 'rr'], io('ko_KR.UTF-8'))).toBe(0);
    expect(readJson(join(dir, 'rr', LAB_MARKER_PATH))).toEqual({ lab: 'request-routing', version: 1 });
    expect(readFileSync(join(dir, 'rr', VS), 'utf8')).toBe(routing.starter[VS]);
    const readme = readFileSync(join(dir, 'rr', 'README.md'), 'utf8');
    expect(readme).toMatch(/^# 3\.1 요청 라우팅/);
    expect(readme).toContain('## 1. 서브셋에 이름 붙이기 (3분)');
    expect(readme).toContain('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml');
    expect(existsSync(join(dir, 'rr', JOURNAL_PATH))).toBe(false);
    out = '';
    expect(await runLabsCli(['lab', 'request-routing', 'rr', '--lang', 'ko'], io('en'))).toBe(0); // same content: fine
  });

  it('grades the current step (n / N), or every step with --all, from the folder’s files and journal', async () => {
    await runLabsCli(['lab', 'request-routing', 'rr'], io('en'));
    out = '';
    expect(await runLabsCli(['check', 'rr'], io('ko_KR.UTF-8'))).toBe(1);
    expect(out).toMatch(/✗ 1\/5 서브셋에 이름 붙이기/);
    expect(out).toMatch(/지금 단계: 1\/5/);
    expect(out).not.toMatch(/2\/5/);

    // Steps 1 and 2 done: the rules applied in the terminal (the journal), the file written.
    writeFileSync(join(dir, 'rr', VS), routing.steps[1]!.solution.files[VS]!);
    writeFileSync(join(dir, 'rr', JOURNAL_PATH), JSON.stringify(solutionJournal(routing, 1)));
    out = '';
    expect(await runLabsCli(['check', join(dir, 'rr')], io('en_US.UTF-8'))).toBe(1);
    // The step just passed says what the learner's own run measured; earlier passed steps stay one line.
    expect(out).toMatch(
      /✓ 1\/5 Name the subsets\n✓ 2\/5 Send everyone to v1\n {4}All \d+ of the \d+ pages .*\n✗ 3\/5 Send jason to v2\n/,
    );
    expect(out).toMatch(/Current step: 3\/5 · 1 of 2 checks passed\nHint: productpage forwards/);
    out = '';
    expect(await runLabsCli(['check', 'rr', '--json'], io('en'))).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ step: 'jason-to-v2', status: 'failed', results: [{}, {}] });
    out = '';
    expect(await runLabsCli(['check', 'rr', '--all'], io('en'))).toBe(1);
    expect(out).toMatch(/✗ 5\/5 Challenge: break it\n {4}✗ kate’s pages load/);
    expect(out).toMatch(/2 of 5 steps passed · 4 of 7 checks passed/);
  });

  it('accepts a folder unpacked from the workbench’s zip: the files and .meshdojo/ (lab.json, journal.json)', async () => {
    const unpacked = join(dir, 'from-zip');
    mkdirSync(join(unpacked, '.meshdojo'), { recursive: true });
    writeFileSync(join(unpacked, VS), routing.solution[VS]!);
    writeFileSync(join(unpacked, LAB_MARKER_PATH), JSON.stringify({ lab: 'request-routing', version: 1 }));
    writeFileSync(join(unpacked, JOURNAL_PATH), JSON.stringify(solutionJournal(routing, routing.steps.length)));
    expect(await runLabsCli(['check', unpacked], io('ko'))).toBe(0);
    expect(out).toMatch(/모든 단계\(5\/5\)를 통과했습니다/);
    out = '';
    expect(await runLabsCli(['check', unpacked, '--all', '--json'], io('en'))).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ labId: 'request-routing', status: 'passed' });
  });

  it('never overwrites a learner’s edits without --force; --solution writes the finished lab, journal included', async () => {
    await runLabsCli(['lab', 'circuit-breaker', 'cb'], io('en'));
    writeFileSync(join(dir, 'cb', 'circuit-breaker.ts'), '// my work\n');
    expect(await runLabsCli(['lab', 'circuit-breaker', 'cb', '--solution'], io('en'))).toBe(1);
    expect(err).toMatch(/nothing was written/);
    expect(readFileSync(join(dir, 'cb', 'circuit-breaker.ts'), 'utf8')).toBe('// my work\n');
    expect(await runLabsCli(['lab', 'circuit-breaker', 'cb', '--solution', '--force'], io('en'))).toBe(0);
    expect(readFileSync(join(dir, 'cb', 'circuit-breaker.ts'), 'utf8')).toContain('probeSentAt');
    expect(readJson(join(dir, 'cb', ANSWERS_PATH))).toEqual(solutionAnswers(getLab('circuit-breaker')!, 5));
    out = '';
    expect(await runLabsCli(['check', 'cb'], io('en'))).toBe(0);
    expect(out).toMatch(/All 6 steps pass\./);
    expect(await runLabsCli(['lab', 'request-routing', 'rr', '--solution'], io('en'))).toBe(0);
    expect(readJson(join(dir, 'rr', JOURNAL_PATH))).toEqual(solutionJournal(routing, routing.steps.length));
  });

  it('explains bad input: flags, labs, folders that are not (readable) lab folders, journals, compile errors', async () => {
    expect(await runLabsCli(['check', '--loud'], io('en'))).toBe(2);
    expect(err).toMatch(/unknown flag --loud/);
    expect(await runLabsCli(['lab', 'nope'], io('ko'))).toBe(1);
    expect(err).toMatch(/"nope"라는 실습은 없습니다/);
    expect(await runLabsCli(['check'], io('en'))).toBe(1);
    expect(err).toMatch(/is not a lab folder/);
    await runLabsCli(['lab', 'request-routing', 'rr'], io('en'));
    writeFileSync(join(dir, 'rr', LAB_MARKER_PATH), JSON.stringify({ lab: 'request-routing', version: 2 }));
    expect(await runLabsCli(['check', 'rr'], io('en'))).toBe(1);
    expect(err).toMatch(/written by a newer meshdojo/);
    writeFileSync(join(dir, 'rr', LAB_MARKER_PATH), JSON.stringify({ lab: 'request-routing', version: 1 }));
    writeFileSync(join(dir, 'rr', JOURNAL_PATH), JSON.stringify([{ at: 0, run: 'true' }]));
    expect(await runLabsCli(['check', 'rr'], io('ko'))).toBe(1);
    expect(err).toMatch(/작업 기록을 다시 실행할 수 없습니다: journal entry 1: `ms` is not a duration/);
    await runLabsCli(['lab', 'circuit-breaker', 'cb'], io('en'));
    writeFileSync(join(dir, 'cb', 'circuit-breaker.ts'), 'export class CircuitBreaker {\nconst\n');
    out = '';
    expect(await runLabsCli(['check', 'cb'], io('en'))).toBe(1);
    expect(out).toMatch(/✗ Your code does not compile\n {2}circuit-breaker\.ts:\d+:\d+ /);
  });

  it('stops a check stuck where no work is counted after the wall-clock limit and goes on with the next', async () => {
    const lab = getLab('circuit-breaker')!;
    // A regular expression that backtracks for ever: no tick of the work meter sees it (a loop would be stopped
    // by the meter, grader/work-meter.test.ts), so the time limit must.
    const looping = lab.solution['circuit-breaker.ts']!.replace(
      'get state(): BreakerState {',
      "get state(): BreakerState {\n    if (this.options.failureThreshold === 2) /^(a+)+$/.test('a'.repeat(40) + '!');",
    );
    const report = await runChecksInSandbox(lab, { 'circuit-breaker.ts': looping }, { limitMs: 1_500 });
    const statuses = Object.fromEntries(report.results.map((r) => [r.id, r.status]));
    expect(statuses['opens-after-n-failures']).toBe('pass');
    expect(statuses['rejects-while-open']).toBe('error');
    expect(report.results.find((r) => r.id === 'rejects-while-open')?.message?.en).toMatch(
      /ran for more than 1.5 s and was stopped/,
    );
    expect(statuses['half-open-single-probe']).toBe('pass');
    // Every check and quiz question once, the quiz graded before the stop and not again after it.
    expect(report.results.map((r) => r.id)).toEqual(checksToRun(lab, undefined).map((c) => c.id));
  });
});

describe('meshdojo shell in a lab folder', { timeout: 120_000 }, () => {
  it('boots the lab’s cluster, keeps what the learner does in .meshdojo/journal.json, and brings it back', async () => {
    await runLabsCli(['lab', 'request-routing', 'rr'], io('en'));
    const folder = join(dir, 'rr');
    const first = await openFolderShell(folder, 'virtual', io('en'));
    expect(first?.banner).toMatch(/What you do here is kept in \.meshdojo\/journal\.json/);
    const shell = first!.shell;
    expect(shell.shell.cwd).toBe('/home/user/lab');
    expect(
      (await shell.shell.run('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml')).exitCode,
    ).toBe(0);
    // The learner edits the file on disk; the shell sees it before the next command.
    writeFileSync(join(folder, VS), routing.steps[1]!.solution.files[VS]!);
    await shell.syncFiles();
    expect((await shell.shell.run(`kubectl apply -f ${VS}`)).stdout).toMatch(/virtualservice.*reviews created/);
    shell.session.dispose();
    const journal = readJson(join(folder, JOURNAL_PATH)) as { run?: string; write?: Record<string, string> }[];
    expect(journal.map((e) => e.run ?? Object.keys(e.write ?? {}).join())).toEqual([
      VS,
      'kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml',
      VS,
      `kubectl apply -f ${VS}`,
    ]);

    const again = await openFolderShell(folder, 'virtual', io('ko'));
    expect(again?.banner).toMatch(/작업 4개를 다시 실행했습니다/);
    expect((await again!.shell.shell.run('kubectl get virtualservices reviews -o name')).stdout).toBe(
      'virtualservice.networking.istio.io/reviews\n',
    );
    again!.shell.session.dispose();
    out = '';
    expect(await runLabsCli(['check', folder], io('en'))).toBe(1);
    expect(out).toMatch(/✓ 1\/5 Name the subsets\n✓ 2\/5 Send everyone to v1\n {4}All \d+ of the \d+ pages .*\n✗ 3\/5/);
  });

  it('says why a folder cannot be opened', async () => {
    expect(await openFolderShell(dir, 'virtual', io('en'))).toBeUndefined();
    expect(err).toMatch(/is not a lab folder/);
  });
});

describe('meshdojo check on a quiz step', { timeout: 120_000 }, () => {
  const breaker = getLab('circuit-breaker')!;
  const answersFile = () => readJson(join(dir, 'cb', ANSWERS_PATH));

  it('puts the questions in README.md, and says how to answer them when nobody can be asked', async () => {
    expect(await runLabsCli(['lab', 'circuit-breaker', 'cb'], io('en'))).toBe(0);
    const readme = readFileSync(join(dir, 'cb', 'README.md'), 'utf8');
    expect(readme).toContain('## 1. Predict before you build (3 min)');
    expect(readme).toMatch(/1\. `state-after-cool-down`: A breaker with a threshold of 3.*\n {3}1\. `'half-open'`\n/);
    expect(readme).toContain('2. `failed-probe`: The same breaker');
    out = '';
    expect(await runLabsCli(['check', 'cb'], io('en'))).toBe(1);
    expect(out).toMatch(
      /✗ 1\/6 Predict before you build\n {4}✗ A breaker with .* \(state-after-cool-down\)\n {8}Not answered yet\./,
    );
    expect(out).toMatch(/Current step: 1\/6 · 0 of 3 checks passed\n/);
    expect(out).toContain('meshdojo check --answer <question id>=<answer>');
    expect(existsSync(join(dir, 'cb', ANSWERS_PATH))).toBe(false);
  });

  it('--answer answers without a terminal, tells each answer’s feedback, and keeps the answers for check --all', async () => {
    await runLabsCli(['lab', 'circuit-breaker', 'cb'], io('en'));
    out = '';
    const wrong = ['--answer', 'state-after-cool-down=2', '--answer=failed-probe=22'];
    expect(await runLabsCli(['check', 'cb', ...wrong], io('ko_KR.UTF-8'))).toBe(1);
    expect(out).toContain(
      "state-after-cool-down: ✗ 틀렸습니다. `'open'`. 열린 뒤로 호출이 없었기 때문입니다. — 브레이커가 다음 상태로",
    );
    expect(out).toContain('failed-probe: ✗ 틀렸습니다. 시험 호출을 통과시킨 12초부터 센 값입니다.');
    expect(out).toMatch(/✗ 1\/6 만들기 전에 예측하기\n/);
    expect(out).toMatch(/ {8}답: 시험 호출을 통과시킨 12초부터/);
    expect(answersFile()).toEqual({
      predict: { 'state-after-cool-down': { choices: [1] }, 'failed-probe': { text: '22' } },
    });

    out = '';
    const right = [
      '--answer',
      'state-after-cool-down=1',
      '--answer',
      'failed-probe=23 s',
      '--answer',
      'late-success=1',
    ];
    expect(await runLabsCli(['check', 'cb', ...right], io('en'))).toBe(1);
    expect(out).toContain('failed-probe: ✓ Right. The failed probe opens the circuit again at 13 s');
    expect(out).toMatch(/✓ 1\/6 Predict before you build\n✗ 2\/6 Open the circuit after consecutive failures\n/);
    expect(answersFile()).toEqual({
      predict: { ...solutionAnswers(breaker, 1)['predict'], 'failed-probe': { text: '23 s' } },
    });
    out = '';
    expect(await runLabsCli(['check', 'cb', '--all'], io('en'))).toBe(1);
    expect(out).toMatch(/✓ 1\/6 Predict before you build\n {4}✓ A breaker/);
    expect(out).toMatch(/1 of 6 steps passed · 3 of 12 checks passed/);
  });

  it('asks the current quiz step’s questions on a terminal: a number per choice, text for a short answer', async () => {
    await runLabsCli(['lab', 'circuit-breaker', 'cb'], io('en'));
    const typed = ['4', '1', '20', undefined];
    const prompts: string[] = [];
    const ask = async (prompt: string) => (prompts.push(prompt), typed.shift());
    out = '';
    expect(await runLabsCli(['check', 'cb'], { ...io('en'), ask })).toBe(1);
    expect(prompts).toEqual(['Choose one (1–3): ', 'Choose one (1–3): ', 'Answer: ', 'Choose one (1–3): ']);
    expect(out).toMatch(/Question 1\/3 \(state-after-cool-down\)\nA breaker .*\n {2}1\. `'half-open'`\n {2}2\. /);
    expect(out).toContain('Answer with numbers from 1 to 3.');
    expect(out).toContain("✓ Right. `'half-open'` — The cool-down is over");
    expect(out).toContain('✗ Not quite. That counts from the first opening at 0 s.');
    expect(out).toMatch(/✗ 1\/6 Predict before you build\n {4}✓ A breaker .*\n {4}✗ The same breaker/);
    expect(answersFile()).toEqual({
      predict: { 'state-after-cool-down': { choices: [0] }, 'failed-probe': { text: '20' } },
    });

    // Next time only what is not right yet is asked; all right, the report moves on to the next step.
    const again = ['23', '1'];
    prompts.length = 0;
    out = '';
    const askAgain = async (prompt: string) => (prompts.push(prompt), again.shift());
    expect(await runLabsCli(['check', 'cb', '--lang', 'ko'], { ...io('en'), ask: askAgain })).toBe(1);
    expect(prompts).toEqual(['답: ', '번호를 고르십시오 (1–3): ']);
    expect(out).toContain('질문 2/3 (failed-probe)');
    expect(out).toMatch(/✓ 1\/6 만들기 전에 예측하기\n✗ 2\/6 연속 실패에서 회로 열기\n/);
    expect(out).toMatch(/지금 단계: 2\/6/);
  });

  it('refuses an answer to no question, or a choice that is not there', async () => {
    await runLabsCli(['lab', 'circuit-breaker', 'cb'], io('en'));
    expect(await runLabsCli(['check', 'cb', '--answer', 'nope=1'], io('en'))).toBe(2);
    expect(err).toMatch(
      /there is no question "nope"\. This lab's questions: state-after-cool-down, failed-probe, late-success/,
    );
    err = '';
    expect(await runLabsCli(['check', 'cb', '--answer', 'late-success=4'], io('ko'))).toBe(2);
    expect(err).toMatch(/"late-success"에는 선택지 번호\(1–3, 여럿이면 1,3\)로 답하십시오/);
    expect(await runLabsCli(['check', 'cb', '--answer', 'late-success'], io('en'))).toBe(2);
    expect(existsSync(join(dir, 'cb', ANSWERS_PATH))).toBe(false);
    writeFileSync(join(dir, 'cb', ANSWERS_PATH), '{"predict": {"late-success": 1}}');
    err = '';
    expect(await runLabsCli(['check', 'cb'], io('en'))).toBe(1);
    expect(err).toMatch(/the answers in .*answers\.json cannot be read/);
  });
});
