import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';

const lab = getLab('authorization')!;
const FILE = 'authorization.yaml';
const solution = lab.solution[FILE]!;

const status = async (text: string, step: string, id: string) => {
  const report = await runChecks(lab, { [FILE]: text }, { step });
  const result = report.results.find((r) => r.id === id)!;
  return { status: result.status, seen: result.seen?.en ?? '' };
};

// Plausible mistakes a learner makes, each caught by the matrix, and a correct answer written another way.
describe('authorization checks', { timeout: 60_000 }, () => {
  it('catches callers chosen by namespace: reviews then reaches details', async () => {
    const byNamespace = solution.replaceAll(
      "principals: ['cluster.local/ns/default/sa/bookinfo-productpage']",
      "namespaces: ['default']",
    );
    const result = await status(byNamespace, 'details-reviews', 'details-reviews-productpage-only');
    expect(result.status).toBe('fail');
    expect(result.seen).toContain('reviews GET details:9080/details/0 → 200 (not as expected)');
  });

  it('catches a rule without methods: productpage’s POST to details goes through', async () => {
    const anyMethod = solution.replace(
      /(app: details\n[\s\S]*?bookinfo-productpage'\]\n) {6}to:\n {8}- operation:\n {12}methods: \['GET'\]\n/,
      '$1',
    );
    expect(anyMethod).not.toBe(solution);
    const result = await status(anyMethod, 'details-reviews', 'details-reviews-productpage-only');
    expect(result.status).toBe('fail');
    expect(result.seen).toMatch(/productpage POST details:9080\/details\/0 → \d+ \(not as expected\)/);
  });

  it('catches istio.io’s GET-only productpage-viewer: nobody can log in', async () => {
    const getOnly = solution.replace(
      "    - to:\n        - operation:\n            methods: ['POST']\n            paths: ['/login']\n",
      '',
    );
    expect(getOnly).not.toBe(solution);
    const result = await status(getOnly, 'open-productpage', 'productpage-get-and-login');
    expect(result.status).toBe('fail');
    expect(result.seen).toContain('gateway POST gateway /login → 403 RBAC (not as expected)');
  });

  it('catches a narrowed ALLOW in place of a DENY: the API is closed but no DENY rule exists', async () => {
    const narrowed = solution
      .replace(/---\n[^-]*name: deny-product-api[\s\S]*$/, '')
      .replace(
        "            methods: ['GET']\n    - to:",
        "            methods: ['GET']\n            notPaths: ['/api/*']\n    - to:",
      );
    expect(narrowed).not.toContain('DENY');
    const matrix = await status(narrowed, 'break-it', 'api-denied-page-allowed');
    expect(matrix.status).toBe('pass');
    const filters = await status(narrowed, 'break-it', 'deny-beside-allow');
    expect(filters.status).toBe('fail');
    expect(filters.seen).toContain('RBAC filters on productpage’s inbound 9080: ALLOW');
  });

  it('accepts principals given as a when condition on source.principal, and notMethods', async () => {
    const another = solution.replaceAll(
      `    - from:
        - source:
            principals: ['cluster.local/ns/default/sa/bookinfo-productpage']
      to:
        - operation:
            methods: ['GET']`,
      `    - to:
        - operation:
            notMethods: ['POST', 'PUT', 'PATCH', 'DELETE']
      when:
        - key: source.principal
          values: ['cluster.local/ns/default/sa/bookinfo-productpage']`,
    );
    expect(another).not.toBe(solution);
    const report = await runChecks(lab, { [FILE]: another });
    expect(report.results.filter((r) => r.status !== 'pass').map((r) => r.id)).toEqual([]);
  });
});
