import { both } from '../grader/text';
import { defineChecks, type Bilingual, type CheckOutcome } from '../schema';
import { describeTally, tallyPages, type ReviewsVersion, type Tally } from './traffic';

/** Passes when every page came from `want`; says what was seen either way. */
function allFrom(tally: Tally, want: ReviewsVersion, expected: Bilingual): CheckOutcome {
  const total = tally.v1 + tally.v2 + tally.v3 + tally.unavailable;
  return { pass: tally[want] === total, expected, seen: describeTally(tally) };
}

// Graded by traffic only: any VirtualService that routes this way passes (exact or regex match, one
// VirtualService or several, rules in any order that still puts jason's rule first).
export default defineChecks([
  {
    id: 'anonymous-all-v1',
    title: both('로그인하지 않은 요청은 모두 reviews v1으로 간다', 'Requests without login all go to reviews v1'),
    hint: both(
      'reviews에 VirtualService를 만들고, 마지막 규칙(match 없음)의 destination을 host: reviews, subset: v1으로 두세요. 서브셋 v1은 destination-rules.yaml에 정의되어 있습니다.',
      'Create a VirtualService for reviews whose last rule (no match) has destination host: reviews, subset: v1. Subset v1 is defined in destination-rules.yaml.',
    ),
    run: async (ctx) =>
      allFrom(
        await tallyPages(ctx, 30),
        'v1',
        both(
          '인그레스 게이트웨이로 연 /productpage 30번이 모두 reviews v1(별점 없음)',
          'all 30 /productpage loads through the ingress gateway show reviews v1 (no stars)',
        ),
      ),
  },
  {
    id: 'jason-v2',
    title: both(
      'jason으로 로그인하면 reviews v2(검은 별)를 본다',
      'Logged in as jason, pages show reviews v2 (black stars)',
    ),
    hint: both(
      'productpage는 로그인한 사용자를 end-user 헤더로 reviews에 전달합니다. reviews VirtualService의 첫 규칙에 match: headers: end-user: exact: jason을 두고 subset v2로 보내세요. 규칙은 위에서부터 처음 맞는 것이 이깁니다.',
      'productpage forwards the logged-in user to reviews in the end-user header. Put a first rule in the reviews VirtualService with match: headers: end-user: exact: jason routing to subset v2. The first matching rule wins, top to bottom.',
    ),
    run: async (ctx) =>
      allFrom(
        await tallyPages(ctx, 20, 'jason'),
        'v2',
        both('jason으로 로그인한 뒤 연 페이지 20번이 모두 reviews v2', 'all 20 pages loaded as jason show reviews v2'),
      ),
  },
  {
    id: 'other-users-v1',
    title: both('다른 사용자로 로그인하면 계속 v1을 본다', 'Other logged-in users stay on v1'),
    hint: both(
      'jason 규칙의 조건이 너무 넓지 않은지 확인하세요. end-user 헤더가 있다는 것만으로, 또는 jason으로 시작한다는 것만으로 v2로 보내면 안 됩니다.',
      'Check that the jason rule is not too broad: having an end-user header, or a name that merely starts with jason, must not send a request to v2.',
    ),
    run: async (ctx) => {
      const tally = await tallyPages(ctx, 10, 'sunny');
      const lookalike = await tallyPages(ctx, 10, 'jasonbourne');
      const merged: Tally = {
        v1: tally.v1 + lookalike.v1,
        v2: tally.v2 + lookalike.v2,
        v3: tally.v3 + lookalike.v3,
        unavailable: tally.unavailable + lookalike.unavailable,
      };
      return allFrom(
        merged,
        'v1',
        both(
          'sunny와 jasonbourne으로 로그인해 연 페이지 20번이 모두 reviews v1',
          'all 20 pages loaded as sunny and as jasonbourne show reviews v1',
        ),
      );
    },
  },
]);
