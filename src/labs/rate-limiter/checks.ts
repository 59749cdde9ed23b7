import { graded, Mismatch } from '../grader/mismatch';
import { both } from '../grader/text';
import type { Shell } from '../mesh';
import { defineChecks, type CheckContext, type CheckOutcome } from '../schema';
import { bucketClass, installBucket, taken } from './bucket-bridge';
import type { BucketConfig } from './files/bucket-types';

export { liveBucket as live } from './bucket-bridge';

/**
 * Drives the learner's bucket on a clock of the check's own: `at(ms)` moves it, `take(n)` asks n times and says
 * what came back. The bucket is made at `start`, not 0, so a bucket that counts from 0 shows it.
 */
function trial(ctx: CheckContext, config: BucketConfig, start: number) {
  let now = start;
  const bucket = new (bucketClass(() => ctx.load()))(config, () => now);
  const shown = `maxTokens ${config.maxTokens}, tokensPerFill ${config.tokensPerFill}, fillIntervalMs ${config.fillIntervalMs}`;
  return {
    at: (ms: number) => void (now = start + ms),
    take: (n: number) => Array.from({ length: n }, () => taken(bucket)),
    shown,
  };
}

const yesNo = (answers: readonly boolean[]) => answers.map((a) => (a ? 'true' : 'false')).join(', ');

/** Asks n times at `ms` after the bucket was made; the answers must be `want`. */
function expectTakes(
  t: ReturnType<typeof trial>,
  ms: number,
  want: readonly boolean[],
  why: { ko: string; en: string },
) {
  t.at(ms);
  const got = t.take(want.length);
  if (yesNo(got) === yesNo(want)) return;
  throw new Mismatch(
    both(`${t.shown}: ${why.ko} → ${yesNo(want)}`, `${t.shown}: ${why.en} → ${yesNo(want)}`),
    both(`${ms} ms: ${yesNo(got)}`, `at ${ms} ms: ${yesNo(got)}`),
  );
}

const times = (n: number, value: boolean) => Array.from({ length: n }, () => value);

const HTTPBIN = 'http://httpbin:8000/get';
const TEAM = 'x-team: payments';

/** The status codes of `n` requests from the sleep pod to httpbin, one at a time. */
async function statuses(shell: Shell, n: number, header?: string): Promise<number[]> {
  const codes: number[] = [];
  const h = header === undefined ? '' : ` -H '${header}'`;
  for (let i = 0; i < n; i++) {
    const out = await shell.run(
      `kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w '%{http_code}'${h} ${HTTPBIN}`,
    );
    codes.push(Number(out.stdout.trim()) || 0);
  }
  return codes;
}

async function inMesh(ctx: CheckContext): Promise<Shell> {
  const why = installBucket(
    bucketClass(() => ctx.load()),
    await ctx.cluster(),
  );
  if (why !== undefined)
    throw new Mismatch(both('모든 사이드카가 버킷을 받아들임', 'every sidecar takes the bucket'), why);
  return ctx.shell();
}

function passed(seen: { ko: string; en: string }): CheckOutcome {
  return { pass: true, seen: both(seen.ko, seen.en) };
}

export default defineChecks([
  {
    id: 'burst',
    step: 'bucket',
    title: both(
      '가득 찬 버킷은 maxTokens개까지 내주고 그다음은 거절한다',
      'A full bucket gives maxTokens tokens, then refuses',
    ),
    hint: both(
      '생성자에서 토큰 수를 config.maxTokens로 시작하십시오. tryTake()는 토큰이 있으면 하나를 줄이고 true를, 없으면 false를 돌려줍니다.',
      'Start the token count at config.maxTokens in the constructor. tryTake() takes one and returns true while there are tokens, false when there are none.',
    ),
    run: (ctx) =>
      graded(async () => {
        for (const [config, start] of [
          [{ maxTokens: 5, tokensPerFill: 2, fillIntervalMs: 1000 }, 3000],
          [{ maxTokens: 2, tokensPerFill: 1, fillIntervalMs: 250 }, 40],
        ] as const) {
          const t = trial(ctx, config, start);
          const why = { ko: '시간이 흐르지 않는 동안 연달아 요청', en: 'asked back to back, no time passing' };
          expectTakes(t, 0, [...times(config.maxTokens, true), false, false], why);
        }
        return passed({
          ko: '5개 → 5번 true 뒤 false; 2개 → 2번 true 뒤 false',
          en: '5 tokens → 5 × true, then false; 2 → 2 × true, then false',
        });
      }),
  },
  {
    id: 'refill',
    step: 'bucket',
    title: both(
      'fillIntervalMs마다 tokensPerFill개가 채워지고, 채움 시각은 버킷을 만든 때부터 센다',
      'Every fillIntervalMs adds tokensPerFill tokens, on a schedule counted from when the bucket was made',
    ),
    hint: both(
      'tryTake()에서는 마지막 채움 이후 지난 온전한 간격 수, 곧 floor((now - lastFill) / fillIntervalMs)만큼 채우십시오. lastFill을 now로 옮기지 말고 그 간격만큼만 옮겨야 채움 일정이 밀리지 않습니다.',
      'In tryTake(), add a fill for each whole interval since the last fill: floor((now - lastFill) / fillIntervalMs). Move lastFill by those intervals, not to now, or the schedule drifts.',
    ),
    run: (ctx) =>
      graded(async () => {
        const t = trial(ctx, { maxTokens: 4, tokensPerFill: 3, fillIntervalMs: 1000 }, 7000);
        expectTakes(t, 0, times(4, true), { ko: '처음 4번', en: 'the first 4' });
        expectTakes(t, 999, [false], { ko: '간격이 차기 1 ms 전', en: '1 ms before the interval is up' });
        expectTakes(t, 1000, [true, true, true, false], { ko: '첫 채움(3개) 뒤', en: 'after the first fill (3)' });
        expectTakes(t, 2700, [true, true, true, false], {
          ko: '2000 ms의 채움 뒤 (2700 ms에)',
          en: 'after the fill at 2000 ms (asked at 2700 ms)',
        });
        expectTakes(t, 2999, [false], { ko: '다음 채움(3000 ms) 1 ms 전', en: '1 ms before the next fill (3000 ms)' });
        expectTakes(t, 3000, [true], {
          ko: '3000 ms의 채움 (2700 ms부터 세면 아직 아님)',
          en: 'the fill at 3000 ms (not yet, counted from 2700 ms)',
        });
        return passed({ ko: '1000, 2000, 3000 ms마다 3개씩 채워짐', en: '3 tokens at 1000, 2000 and 3000 ms' });
      }),
  },
  {
    id: 'capacity',
    step: 'bucket',
    title: both(
      '오래 기다려도 maxTokens개를 넘게 쌓이지 않는다',
      'However long it waits, the bucket holds no more than maxTokens',
    ),
    hint: both(
      '채울 때마다 Math.min(config.maxTokens, tokens + 간격 수 × tokensPerFill)로 상한을 두십시오.',
      'Cap each refill: Math.min(config.maxTokens, tokens + intervals × tokensPerFill).',
    ),
    run: (ctx) =>
      graded(async () => {
        const t = trial(ctx, { maxTokens: 3, tokensPerFill: 2, fillIntervalMs: 500 }, 1200);
        expectTakes(t, 4000, [true, true, true, false], { ko: '꽉 찬 채로 4초 뒤', en: 'full, 4 s later' });
        expectTakes(t, 60_000, [true, true, true, false], {
          ko: '비운 뒤 56초가 지나서',
          en: 'emptied, then 56 s later',
        });
        return passed({ ko: '4초 뒤에도, 56초 뒤에도 3개까지만', en: 'only 3 after 4 s and after 56 s' });
      }),
  },
  {
    id: 'limits-httpbin',
    step: 'in-the-mesh',
    title: both(
      'httpbin의 사이드카가 연달아 온 요청 7개 중 5개만 통과시키고, 10초 뒤 2개를 더 통과시킨다',
      "httpbin's sidecar lets 5 of 7 back-to-back requests through, and 2 more after 10 s",
    ),
    hint: both(
      'rate-limit.yaml에 EnvoyFilter를 쓰십시오: workloadSelector app: httpbin, SIDECAR_INBOUND의 envoy.filters.http.router 앞에 INSERT_BEFORE로 envoy.filters.http.local_ratelimit, token_bucket은 max_tokens: 5, tokens_per_fill: 2, fill_interval: 10s.',
      'Write an EnvoyFilter in rate-limit.yaml: workloadSelector app: httpbin, INSERT_BEFORE envoy.filters.http.router in SIDECAR_INBOUND, envoy.filters.http.local_ratelimit with token_bucket max_tokens: 5, tokens_per_fill: 2, fill_interval: 10s.',
    ),
    run: (ctx) =>
      graded(async () => {
        const shell = await inMesh(ctx);
        const expected = both(
          '7개: 200 ×5, 429 ×2; 10초 뒤 3개: 200, 200, 429',
          '7 requests: 200 ×5, 429 ×2; 10 s later, 3: 200, 200, 429',
        );
        // With the header of step 3, so the learner's policy, once there, lets them reach the limit.
        const burst = await statuses(shell, 7, TEAM);
        if (burst.join() !== '200,200,200,200,200,429,429')
          throw new Mismatch(expected, both(`7개: ${burst.join(', ')}`, `7 requests: ${burst.join(', ')}`));
        await shell.run('sleep 10');
        const later = await statuses(shell, 3, TEAM);
        if (later.join() !== '200,200,429')
          throw new Mismatch(expected, both(`10초 뒤: ${later.join(', ')}`, `10 s later: ${later.join(', ')}`));
        return {
          pass: true,
          expected,
          seen: both(
            `${burst.join(', ')}; 10초 뒤 ${later.join(', ')}`,
            `${burst.join(', ')}; 10 s later ${later.join(', ')}`,
          ),
        };
      }),
  },
  {
    id: 'team-only',
    step: 'header-only',
    title: both(
      'httpbin은 x-team: payments 헤더가 있는 요청만 받는다',
      'httpbin admits only requests with the header x-team: payments',
    ),
    hint: both(
      'team-only.yaml에 AuthorizationPolicy를 쓰십시오: selector는 app: httpbin, action: ALLOW, 규칙 하나에 when: key: request.headers[x-team], values: [payments].',
      'Write an AuthorizationPolicy in team-only.yaml: selector app: httpbin, action: ALLOW, one rule with when: key: request.headers[x-team], values: [payments].',
    ),
    run: (ctx) =>
      graded(async () => {
        const shell = await inMesh(ctx);
        const cases: [string | undefined, number][] = [
          [undefined, 403],
          ['x-team: search', 403],
          ['x-team: payments', 200],
          ['X-Team: payments', 200],
        ];
        const seen: string[] = [];
        for (const [header, want] of cases) {
          const [got] = await statuses(shell, 1, header);
          seen.push(`${header ?? 'no x-team'} → ${got}`);
          if (got !== want) {
            throw new Mismatch(
              both(
                '헤더 없음 → 403, x-team: search → 403, x-team: payments → 200 (이름의 대소문자는 상관없음)',
                'no header → 403, x-team: search → 403, x-team: payments → 200 (any case of the name)',
              ),
              both(seen.join('; '), seen.join('; ')),
            );
          }
        }
        return { pass: true, seen: both(seen.join('; '), seen.join('; ')) };
      }),
  },
]);
