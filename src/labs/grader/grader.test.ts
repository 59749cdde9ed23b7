import { describe, expect, it } from 'vitest';
import { getLab } from '../registry';
import type { CheckReport, Lab } from '../schema';
import { solutionAnswers, solutionJournal } from '../solution-replay';
import { localizeReport } from './report';
import { runChecks } from './run-checks';

const breaker = getLab('circuit-breaker')!;
const routing = getLab('request-routing')!;
const main = breaker.meta.main;
/** The code lab's quiz answered right, so its reports are about the code. */
const answered = { answers: solutionAnswers(breaker, breaker.steps.length) };
/** The results of the code lab's checks (not of its quiz's questions). */
const codeResults = (report: CheckReport) => report.results.filter((r) => breaker.checks.some((c) => c.id === r.id));

describe('runChecks on a code lab', { timeout: 60_000 }, () => {
  it('reports a compile error as its own result, with file and position, and runs no check', async () => {
    const report = await runChecks(breaker, { [main]: 'export class CircuitBreaker {}\nconst broken = ;\n' });
    expect(report.status).toBe('compile-error');
    expect(report.results).toEqual([]);
    expect(report.error?.file).toBe(main);
    expect(report.error?.detail).toBe('circuit-breaker.ts:2:16 Unexpected token');
    expect(report.error?.title.ko).toMatch(/컴파일/);
  });

  it('turns learner code that throws into failing checks that quote the error in both languages', async () => {
    const code = breaker.solution[main]!.replace(
      'allowRequest(): boolean {',
      "allowRequest(): boolean {\n    throw new RangeError('boom');",
    );
    const report = await runChecks(breaker, { [main]: code }, answered);
    const first = codeResults(report)[0]!;
    expect(first.status).toBe('error');
    expect(first.message?.en).toBe('Your code threw an error: RangeError: boom');
    expect(first.message?.ko).toBe('코드에서 예외가 발생했습니다: RangeError: boom');
    expect(report.status).toBe('failed');
    expect(report.firstHint).toEqual(first.hint);
  });

  it('says so when the module does not export CircuitBreaker', async () => {
    const report = await runChecks(breaker, { [main]: 'export class Breaker {}\n' }, answered);
    expect(codeResults(report)[0]).toMatchObject({ status: 'fail', seen: { en: 'no CircuitBreaker export' } });
  });

  it('refuses imports from outside the lab, and the ambient network and process', async () => {
    const outside = await runChecks(
      breaker,
      { [main]: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n" },
      answered,
    );
    expect(codeResults(outside)[0]?.message?.en).toMatch(/Only the lab's own files can be imported/);
    const ambient = await runChecks(breaker, { [main]: 'export const CircuitBreaker = process.exit;\n' }, answered);
    expect(codeResults(ambient)[0]?.message?.en).toMatch(/TypeError/);
  });

  it('ignores a learner copy of a read-only file: the interface is ours', async () => {
    const report = await runChecks(breaker, { ...breaker.solution, 'breaker-types.ts': 'syntax error here(' });
    expect(report.status).not.toBe('compile-error');
  });

  it('gives each check a fresh module, so state does not leak between checks', async () => {
    const code = `let calls = 0;\n${breaker.solution[main]!.replace('allowRequest(): boolean {', 'allowRequest(): boolean {\n    if (++calls > 40) throw new Error(`call ${calls}`);')}`;
    const report = await runChecks(breaker, { [main]: code }, answered);
    expect(
      codeResults(report)
        .slice(0, 5)
        .map((r) => r.status),
    ).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  });
});

describe('runChecks on a config lab', { timeout: 60_000 }, () => {
  it('reports YAML that kubectl refuses as a setup error with kubectl’s words, and runs no check', async () => {
    const report = await runChecks(routing, {
      [VS]: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: [oops\n',
    });
    expect(report.status).toBe('setup-error');
    expect(report.results).toEqual([]);
    expect(report.error?.file).toBe('virtual-services.yaml');
    expect(report.error?.detail).not.toBe('');
  });

  it('grades a valid variant by its traffic: another name, regex match, one rule order that still works', async () => {
    const variant = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews-routing
spec:
  hosts:
    - reviews.default.svc.cluster.local
  http:
    - name: testers
      match:
        - headers:
            end-user:
              regex: "jas+on"
      route:
        - destination:
            host: reviews
            subset: v2
    - route:
        - destination:
            host: reviews
            subset: v1
          weight: 100
`;
    const files = { [VS]: variant };
    const step2 = await runChecks(routing, files, { step: 'all-to-v1' });
    const step3 = await runChecks(routing, files, { step: 'jason-to-v2' });
    expect([...step2.results, ...step3.results].map((r) => [r.step, r.id, r.status])).toEqual([
      ['all-to-v1', 'anonymous-all-v1', 'pass'],
      ['jason-to-v2', 'jason-v2', 'pass'],
      ['jason-to-v2', 'other-users-v1', 'pass'],
    ]);
  });

  it('puts the learner’s file in place of the one an earlier step applied before a command ran', async () => {
    // all-to-v1's solution (a VirtualService named reviews) is applied before the terminal step's command runs;
    // the learner's file, naming its VirtualService otherwise, must not leave two routes for one host.
    const label: Lab['steps'][number] = {
      ...routing.steps[0]!,
      id: 'label-team',
      solution: { files: {}, commands: ['kubectl label namespace default team=routing'] },
    };
    const [subsets, allToV1, jasonToV2] = routing.steps;
    const lab: Lab = { ...routing, steps: [subsets!, allToV1!, label, jasonToV2!] };
    const renamed = routing.steps[2]!.solution.files[VS]!.replace('name: reviews', 'name: reviews-routing');
    const report = await runChecks(lab, { [VS]: renamed }, { step: 'jason-to-v2' });
    expect(statuses(report)).toEqual({ 'jason-v2': 'pass', 'other-users-v1': 'pass' });
  });

  it('fails a rule that is too broad, or comes after the catch-all', async () => {
    const solution = routing.solution[VS]!;
    const journal = solutionJournal(routing, routing.steps.length);
    const broad = await runChecks(routing, { [VS]: solution.replace('exact: jason', 'prefix: jason') }, { journal });
    expect(statuses(broad)['other-users-v1']).toBe('fail');
    const allV1 = await runChecks(routing, { [VS]: solution.replace('subset: v2', 'subset: v1') }, { journal });
    expect(statuses(allV1)).toMatchObject({ 'anonymous-all-v1': 'pass', 'jason-v2': 'fail', 'other-users-v1': 'pass' });
    expect(localizeReport(allV1, 'ko').firstHint).toMatch(/end-user/);
    const tooBroadQa = await runChecks(routing, { [VS]: solution.replace('.*-qa', '.*qa') }, { step: 'testers-to-v3' });
    expect(statuses(tooBroadQa)).toEqual({ 'qa-accounts-v3': 'pass', 'qa-lookalikes-v1': 'fail' });
  });
});

describe('runChecks on a terminal step: a copy of the learner’s cluster', { timeout: 60_000 }, () => {
  const files = routing.solution;
  const apply = { at: 0, run: 'kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml', ms: 60_000 };

  it('grades what the learner did in the terminal, whatever the files say', async () => {
    const nothing = await runChecks(routing, files, { step: 'name-subsets' });
    expect(statuses(nothing)).toEqual({ 'reviews-subsets': 'fail' });
    const done = await runChecks(routing, files, { step: 'name-subsets', journal: [apply] });
    expect(statuses(done)).toEqual({ 'reviews-subsets': 'pass' });
    // Their own file, written and applied another way, counts as well; undoing it afterwards counts too.
    const own = { at: 5_000, write: { 'dr.yaml': DESTINATION_RULE } };
    const applied = { at: 6_000, run: 'cd .. && kubectl apply -f lab/dr.yaml', ms: 60_000 };
    expect(statuses(await runChecks(routing, files, { step: 'name-subsets', journal: [own, applied] }))).toEqual({
      'reviews-subsets': 'pass',
    });
    const undone = [apply, { at: 70_000, run: 'kubectl delete destinationrule reviews', ms: 60_000 }];
    expect(statuses(await runChecks(routing, files, { step: 'name-subsets', journal: undone }))).toEqual({
      'reviews-subsets': 'fail',
    });
  });

  it('reports a journal that cannot be replayed as a setup error, and refuses a step the lab does not have', async () => {
    const long = Array.from({ length: 2_001 }, () => apply);
    const report = await runChecks(routing, files, { step: 'name-subsets', journal: long });
    expect(report.status).toBe('setup-error');
    expect(report.error?.title.en).toMatch(/could not be replayed/);
    expect(report.error?.detail).toMatch(/2001 entries/);
    await expect(runChecks(routing, files, { step: 'nope' })).rejects.toThrow(/no step "nope"/);
  });
});

const VS = 'virtual-services.yaml';
const DESTINATION_RULE = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews-versions
spec:
  host: reviews
  subsets:
    - { name: v1, labels: { version: v1 } }
    - { name: v2, labels: { version: v2 } }
    - { name: v3, labels: { version: v3 } }
`;

function statuses(report: CheckReport): Record<string, string> {
  return Object.fromEntries(report.results.map((r) => [r.id, r.status]));
}
