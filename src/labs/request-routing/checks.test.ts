import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';
import { solutionJournal } from '../solution-replay';

const routing = getLab('request-routing')!;
const VS = 'virtual-services.yaml';

// The routing checks quote what the request inspector recorded for the last call to reviews: where productpage's
// sidecar sent it, or what answered it instead. The learner reads the same words in `meshdojo trace`.
describe('request-routing feedback quotes the request inspector', { timeout: 60_000 }, () => {
  const journal = solutionJournal(routing, routing.steps.length);
  const seen = async (files: Record<string, string>, step: string, id: string) => {
    const report = await runChecks(routing, files, { step, journal });
    const result = report.results.find((r) => r.id === id)!;
    return { status: result.status, seen: result.seen! };
  };

  it('names the rule and subset a passing route took', async () => {
    const { status, seen: text } = await seen(routing.solution, 'jason-to-v2', 'jason-v2');
    expect(status).toBe('pass');
    expect(text.en).toMatch(
      /^pages per reviews version: v2 20\. The last request to reviews: GET reviews:9080\/reviews\/0 → 200: /,
    );
    expect(text.en).toContain('the app answered 200; route from VirtualService default/reviews http[0].match[0]');
    expect(text.en).toContain('(subset v2)');
    expect(text.ko).toContain('마지막 reviews 요청: GET reviews:9080/reviews/0 → 200: 앱이 응답했습니다: 200');
  });

  it('shows a wrong rule sending jason to v1, and why kate gets no reviews', async () => {
    const wrong = { [VS]: routing.solution[VS]!.replace('subset: v2', 'subset: v1') };
    const jason = await seen(wrong, 'jason-to-v2', 'jason-v2');
    expect(jason.status).toBe('fail');
    expect(jason.seen.en).toContain('route from VirtualService default/reviews http[0].match[0]');
    expect(jason.seen.en).toContain('(subset v1)');
    const kate = await seen(routing.solution, 'break-it', 'kate-no-reviews');
    expect(kate.status).toBe('pass');
    expect(kate.seen.en).toContain('→ 503 NC: cluster outbound|9080|v4|reviews.default.svc.cluster.local');
    expect(kate.seen.en).toContain('no such cluster (503 NC)');
    expect(kate.seen.ko).toContain('그런 클러스터가 없습니다 (503 NC)');
  });
});
