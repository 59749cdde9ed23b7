import { describe, expect, it } from 'vitest';
import { goLive } from '../grader/live';
import { compileModules } from '../grader/module-loader';
import { runChecks, workspaceFiles } from '../grader/run-checks';
import { createLabSession } from '../lab-session';
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

  it('grade the mesh step on traffic: a 3 : 1 split first hides the QA rule, whatever the weights are written as', async () => {
    const at = SOLUTION.indexOf('export const reviewsRoutes');
    const reordered = `${SOLUTION.slice(0, at)}export const reviewsRoutes: HttpRoute[] = [
  { route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 3 }, { destination: { host: 'reviews', subset: 'v2' }, weight: 1 }] },
  { match: [{ headers: { 'end-user': { regex: 'qa-.*' } } }], route: [{ destination: { host: 'reviews', subset: 'v3' } }] },
];
`;
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

describe('the live hook of route-translation', { timeout: 120_000 }, () => {
  const compiled = (files: Record<string, string>) => {
    const modules = compileModules(workspaceFiles(lab, files));
    if (!modules.ok) throw new Error(modules.message);
    return modules;
  };
  const ROUTES = 'istioctl proxy-config routes deploy/productpage-v1 --name 9080 -o json';

  it("puts the learner's routes for reviews into productpage's sidecar until istiod pushes its own", async () => {
    const session = await createLabSession(lab.meta, { seed: 3, clock: 'virtual', files: lab.starter });
    try {
      expect(goLive(lab, compiled(lab.starter), session.cluster)).toMatchObject({
        ok: false,
        why: { en: 'reviewsRoutes is an empty list' },
      });
      expect(goLive(lab, compiled(lab.solution), session.cluster)).toEqual({ ok: true });
      const live = (await session.run(ROUTES)).stdout;
      expect(live).toContain('"prefix": "qa-"');
      expect(live).toMatch(/"name": "outbound\|9080\|v1\|reviews.default.svc.cluster.local",\s*"weight": 75/);
      await session.run('kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml');
      expect((await session.run(ROUTES)).stdout).not.toContain('"prefix": "qa-"');
    } finally {
      session.dispose();
    }
  });
});
