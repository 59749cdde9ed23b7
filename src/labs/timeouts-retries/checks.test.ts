import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';
import { solutionJournal } from '../solution-replay';

const lab = getLab('timeouts-retries')!;
const VS = 'virtual-services.yaml';
const solution = lab.solution[VS]!;

/** The final solution with one edit, graded as `step`. */
async function grade(step: string, edit: (yaml: string) => string) {
  const journal = solutionJournal(lab, lab.steps.length);
  const report = await runChecks(lab, { [VS]: edit(solution) }, { step, journal });
  return report.results.map((r) => ({ id: r.id, status: r.status, seen: r.seen?.en ?? '' }));
}

const PARK_TIMEOUT = '      timeout: 0.5s\n';

describe('timeouts-retries checks tell plausible mistakes from other right answers', { timeout: 120_000 }, () => {
  it('refuses a timeout on the ratings hop, where the fault delay runs before the router', async () => {
    const onRatings = (yaml: string) =>
      yaml
        .replace(PARK_TIMEOUT, '')
        .replace(
          '          fixedDelay: 2.5s\n      route:\n',
          '          fixedDelay: 2.5s\n      timeout: 0.5s\n      route:\n',
        );
    const [result] = await grade('page-budget', onRatings);
    expect(result?.status).toBe('fail');
    expect(result?.seen).toMatch(/page times: 2\.[5-9]\d s/);
  });

  it('refuses a 1 s timeout on reviews: productpage tries twice, so the page takes 2 s', async () => {
    const [result] = await grade('page-budget', (yaml) => yaml.replace(PARK_TIMEOUT, '      timeout: 1s\n'));
    expect(result?.status).toBe('fail');
    expect(result?.seen).toMatch(/page times: (1\.9\d|2\.\d\d) s \(no reviews\)/);
  });

  it('accepts another timeout that keeps two tries within the budget', async () => {
    const [result] = await grade('page-budget', (yaml) => yaml.replace(PARK_TIMEOUT, '      timeout: 0.7s\n'));
    expect(result?.status).toBe('pass');
  });

  it('refuses retries without retryOn: Istio’s default policy does not resend a 503', async () => {
    const [result] = await grade('retry-faulty-ratings', (yaml) =>
      yaml.replace(/ {8}retryOn: 5xx\n(?![\s\S]*retryOn)/, ''),
    );
    expect(result?.status).toBe('fail');
    expect(result?.seen).toContain('(upstream_rq_retry): 0');
  });

  it('refuses retries on the reviews hop: reviews answers 200 whatever ratings did', async () => {
    const onReviews = (yaml: string) =>
      yaml
        .replace(/ {6}retries:\n {8}attempts: 3\n {8}retryOn: 5xx\n$/, '')
        .replace(
          '    - route:\n        - destination:\n            host: reviews\n            subset: v2\n',
          '    - route:\n        - destination:\n            host: reviews\n            subset: v2\n      retries:\n        attempts: 3\n        retryOn: 5xx\n',
        );
    const [result] = await grade('retry-faulty-ratings', onReviews);
    expect(result?.status).toBe('fail');
  });

  it('accepts retryOn with a status code and more attempts', async () => {
    const [result] = await grade('retry-faulty-ratings', (yaml) =>
      yaml.replace(/ {8}attempts: 3\n {8}retryOn: 5xx\n$/, "        attempts: 4\n        retryOn: '503'\n"),
    );
    expect(result?.status).toBe('pass');
  });

  it('refuses a per-try timeout shorter than the route timeout in the break-it step: then retries do happen', async () => {
    const [result] = await grade('break-it', (yaml) => yaml.replace('perTryTimeout: 2s', 'perTryTimeout: 0.3s'));
    expect(result?.status).toBe('fail');
    expect(result?.seen).not.toContain('retries made (upstream_rq_retry): 0;');
  });
});
