import { describe, expect, it } from 'vitest';
import { getLab } from '../registry';
import { localizeReport } from './report';
import { runChecks } from './run-checks';

const breaker = getLab('circuit-breaker')!;
const routing = getLab('request-routing')!;
const main = breaker.meta.main;

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
    const report = await runChecks(breaker, { [main]: code });
    const first = report.results[0]!;
    expect(first.status).toBe('error');
    expect(first.message?.en).toBe('Your code threw an error: RangeError: boom');
    expect(first.message?.ko).toBe('코드에서 예외가 발생했습니다: RangeError: boom');
    expect(report.status).toBe('failed');
    expect(report.firstHint).toEqual(first.hint);
  });

  it('says so when the module does not export CircuitBreaker', async () => {
    const report = await runChecks(breaker, { [main]: 'export class Breaker {}\n' });
    expect(report.results[0]).toMatchObject({ status: 'fail', seen: { en: 'no CircuitBreaker export' } });
  });

  it('refuses imports from outside the lab, and the ambient network and process', async () => {
    const outside = await runChecks(breaker, {
      [main]: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    });
    expect(outside.results[0]?.message?.en).toMatch(/Only the lab's own files can be imported/);
    const ambient = await runChecks(breaker, { [main]: 'export const CircuitBreaker = process.exit;\n' });
    expect(ambient.results[0]?.message?.en).toMatch(/TypeError/);
  });

  it('ignores a learner copy of a read-only file: the interface is ours', async () => {
    const report = await runChecks(breaker, { ...breaker.solution, 'breaker-types.ts': 'syntax error here(' });
    expect(report.status).not.toBe('compile-error');
  });

  it('gives each check a fresh module, so state does not leak between checks', async () => {
    const code = `let calls = 0;\n${breaker.solution[main]!.replace('allowRequest(): boolean {', 'allowRequest(): boolean {\n    if (++calls > 40) throw new Error(`call ${calls}`);')}`;
    const report = await runChecks(breaker, { [main]: code });
    expect(report.results.slice(0, 5).map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  });
});

describe('runChecks on a config lab', { timeout: 60_000 }, () => {
  it('reports YAML that kubectl refuses as a setup error with kubectl’s words, and runs no check', async () => {
    const report = await runChecks(routing, {
      'virtual-services.yaml': 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: [oops\n',
    });
    expect(report.status).toBe('setup-error');
    expect(report.results).toEqual([]);
    expect(report.error?.file).toBe('virtual-services.yaml');
    expect(report.error?.detail).not.toBe('');
  });

  it('grades a valid variant by its traffic: regex match, one rule order that still works', async () => {
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
    const report = await runChecks(routing, { 'virtual-services.yaml': variant });
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['anonymous-all-v1', 'pass'],
      ['jason-v2', 'pass'],
      ['other-users-v1', 'pass'],
    ]);
  });

  it('fails a rule that is too broad, or comes after the catch-all', async () => {
    const broad = routing.solution['virtual-services.yaml']!.replace('exact: jason', 'prefix: jason');
    const broadReport = await runChecks(routing, { 'virtual-services.yaml': broad });
    expect(broadReport.results.find((r) => r.id === 'other-users-v1')?.status).toBe('fail');
    const allV1 = routing.solution['virtual-services.yaml']!.replace('subset: v2', 'subset: v1');
    const allV1Report = await runChecks(routing, { 'virtual-services.yaml': allV1 });
    expect(allV1Report.results.map((r) => r.status)).toEqual(['pass', 'fail', 'pass']);
    expect(localizeReport(allV1Report, 'ko').firstHint).toMatch(/end-user/);
  });
});
