import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';
import { solutionFiles } from '../solution-replay';

const lab = getLab('fault-injection')!;
const FILE = 'ratings-faults.yaml';
const stepIndex = (id: string): number => lab.steps.findIndex((step) => step.id === id) + 1;
const solved = (step: string): string => solutionFiles(lab, stepIndex(step))[FILE]!;

async function grade(step: string, yaml: string) {
  const report = await runChecks(lab, { [FILE]: yaml }, { step });
  return report.results.map((r) => ({ id: r.id, status: r.status, seen: r.seen?.en ?? '' }));
}

const REVIEWS_ABORT_FOR_JASON = `
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
    - reviews
  http:
    - match:
        - headers:
            end-user:
              exact: jason
      fault:
        abort:
          percentage:
            value: 100
          httpStatus: 500
      route:
        - destination:
            host: reviews
            subset: v2
    - route:
        - destination:
            host: reviews
            subset: v2
`;

describe('fault-injection checks grade behaviour', { timeout: 120_000 }, () => {
  it('refuses lee’s delay put on the rule without match: everyone waits', async () => {
    const everyone = solved('delay-over-limit').replace(
      /(\n {4}- route:\n)/,
      '\n    - fault:\n        delay:\n          percentage:\n            value: 100\n          fixedDelay: 5s\n      route:\n',
    );
    expect(everyone).not.toBe(solved('delay-over-limit'));
    const [result] = await grade('delay-over-limit', everyone);
    expect(result!.status).toBe('fail');
    expect(result!.seen).toContain('anonymous readers and sunny: no reviews');
  });

  it('refuses an abort for every one of park’s requests instead of about half', async () => {
    const all = solved('abort-some').replace('value: 50', 'value: 100');
    const [result] = await grade('abort-some', all);
    expect(result!.status).toBe('fail');
    expect(result!.seen).toContain('as park: no stars (Ratings service is currently unavailable) 50');
  });

  it('refuses taking jason’s whole reviews away with a fault on reviews', async () => {
    const [result] = await grade('break-it', solved('abort-some') + REVIEWS_ABORT_FOR_JASON);
    expect(result!.status).toBe('fail');
    expect(result!.seen).toContain('as jason: no reviews');
  });

  it('accepts other delays and another way to break ratings: a route to a subset nobody defined', async () => {
    const slower = solved('delay-under-limit').replace('fixedDelay: 2.5s', 'fixedDelay: 2800ms');
    expect((await grade('delay-under-limit', slower))[0]!.status).toBe('pass');
    const missingSubset = solved('break-it').replace(
      /exact: jason\n(\s+)fault:[\s\S]*?subset: v1/,
      'exact: jason\n$1route:\n        - destination:\n            host: ratings\n            subset: v9',
    );
    expect(missingSubset).toContain('subset: v9');
    const [result] = await grade('break-it', missingSubset);
    expect(result!.seen).toContain('as jason: no stars');
    expect(result!.status).toBe('pass');
  });
});
