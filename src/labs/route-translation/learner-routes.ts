/**
 * The learner's module as the checks call it: `translateRoutes(input)` on a copy of each input (whatever the code
 * does to it, the next case starts clean), and `reviewsRoutes`, the rules step 5 writes for reviews.
 */
import { Mismatch } from '../grader/mismatch';
import { both, errorMessage } from '../grader/text';
import type { HTTPRoute, RouteServicePorts } from '../mesh';

export interface TranslationInput {
  readonly namespace: string;
  readonly listenPort: number;
  readonly services: readonly RouteServicePorts[];
  readonly http: readonly HTTPRoute[];
}

export type LearnerTranslate = (input: TranslationInput) => unknown;

export function learnerTranslate(load: () => Record<string, unknown>): LearnerTranslate {
  const translate = load()['translateRoutes'];
  if (typeof translate !== 'function')
    throw new Mismatch(
      both(
        'translate-routes.ts가 translateRoutes 함수를 내보냄',
        'translate-routes.ts exports a translateRoutes function',
      ),
      both('translateRoutes라는 함수가 없음', 'no function named translateRoutes'),
    );
  return (input) => {
    try {
      return (translate as LearnerTranslate)(structuredClone(input));
    } catch (error) {
      throw new Mismatch(
        both('translateRoutes가 라우트 목록을 돌려줌', 'translateRoutes returns a list of routes'),
        both(`translateRoutes가 예외를 던짐: ${errorMessage(error)}`, `translateRoutes threw ${errorMessage(error)}`),
      );
    }
  };
}

/** The learner's rules for reviews (step 5): a list, else a Mismatch saying what is there instead. */
export function learnerReviewsRules(load: () => Record<string, unknown>): HTTPRoute[] {
  const rules = load()['reviewsRoutes'];
  if (!Array.isArray(rules) || rules.length === 0)
    throw new Mismatch(
      both('reviewsRoutes에 reviews로 가는 규칙이 있음', 'reviewsRoutes holds rules for reviews'),
      both(
        Array.isArray(rules) ? 'reviewsRoutes가 빈 목록임' : 'reviewsRoutes를 내보내지 않음',
        Array.isArray(rules) ? 'reviewsRoutes is an empty list' : 'reviewsRoutes is not exported',
      ),
    );
  return rules as HTTPRoute[];
}
