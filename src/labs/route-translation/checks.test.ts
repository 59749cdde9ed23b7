import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';
import type { CheckReport } from '../schema';

const lab = getLab('route-translation')!;
const SOLUTION = lab.solution['translate-routes.ts']!;

const report = (code: string, step?: string): Promise<CheckReport> =>
  runChecks(lab, { ...lab.starter, 'translate-routes.ts': code }, step === undefined ? {} : { step });
const statuses = (r: CheckReport) => Object.fromEntries(r.results.map((x) => [x.id, x.status]));

describe('the route-translation checks', { timeout: 120_000 }, () => {
  it('pass a correct translation written another way (snake_case names, its own duration parser)', async () => {
    const variant = SOLUTION.replace(/weightedClusters/g, 'weighted_clusters')
      .replace(/retryPolicy/g, 'retry_policy')
      .replace(/numRetries/g, 'num_retries')
      .replace(/stringMatch/g, 'string_match');
    const r = await report(variant, 'timeout-retries');
    expect(r.results.filter((x) => x.status !== 'pass').map((x) => [x.id, x.seen?.en])).toEqual([]);
  });

  it('catch one bug per step and name the case, the JSON path and both values', async () => {
    const bugs: [string, string, string, RegExp][] = [
      // Step 1: every match of a rule but the first forgotten.
      ['first-match-paths', 'for (const m of matches) {', 'for (const m of matches.slice(0, 1)) {', /routes\[2\]/],
      // Step 2: a 0-weight destination kept.
      ['weighted-clusters', '.filter((d) => (d.weight ?? 0) > 0)', '', /weight/],
      // Step 3: header names as written.
      ['header-and-regex-matches', 'name: name.toLowerCase(),', 'name,', /x-tenant/i],
      // Step 4: attempts 0 read as "the default policy".
      ['timeouts-and-retries', 'if ((retries.attempts ?? 0) <= 0) return undefined;', '', /retryPolicy/],
    ];
    for (const [check, from, to, mentions] of bugs) {
      expect(SOLUTION, check).toContain(from);
      const r = await report(SOLUTION.replace(from, to));
      const result = r.results.find((x) => x.id === check)!;
      expect(result.status, check).toBe('fail');
      expect(`${result.expected?.en} ${result.seen?.en}`, check).toMatch(mentions);
      expect(result.expected?.en, check).toMatch(/^hidden case “/);
      expect(result.expected?.ko, check).toMatch(/^숨은 사례 “/);
    }
  });

  it('grade the mesh step on traffic: the same rules in another order send QA accounts to the split', async () => {
    const reordered = SOLUTION.replace(
      /export const reviewsRoutes: HttpRoute\[\] = \[\n(  \{\n    match:[\s\S]*?\n  \},\n)(  \{\n    route:[\s\S]*?\n  \},\n)\];/,
      'export const reviewsRoutes: HttpRoute[] = [\n$2$1];',
    );
    expect(reordered).not.toBe(SOLUTION);
    const r = statuses(await report(reordered, 'in-the-mesh'));
    expect(r['qa-accounts-see-v3']).toBe('fail');
    expect(r['split-for-everyone']).toBe('pass');
  });

  it('says why when translateRoutes throws or is missing', async () => {
    const threw = await report(
      SOLUTION.replace('const routes: EnvoyRoute[] = [];', "throw new Error('boom');"),
      'first-match',
    );
    expect(threw.results[0]?.seen?.en).toContain('threw Error: boom');
    const missing = await report('export const nothing = 1;', 'first-match');
    expect(missing.results[0]?.seen?.en).toBe('no function named translateRoutes');
  });
});
