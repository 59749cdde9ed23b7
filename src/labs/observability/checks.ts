import { tallyPages } from '../grader/bookinfo-pages';
import { both } from '../grader/text';
import { defineChecks, type CheckContext } from '../schema';
import { graded } from '../grader/mismatch';
import { accessLog, requestsTotal, sumWhere } from './telemetry-reads';

/** The one workload that logs, and the Bookinfo sidecars that must stay silent. */
const LOGGER = 'reviews-v3';
const SILENT = ['productpage-v1', 'reviews-v1', 'reviews-v2', 'ratings-v1', 'details-v1'] as const;
/** Enough pages that round robin sends several to each reviews version. */
const LOG_PAGES = 24;

/** The break-it edge and its share: 25 % of productpage's calls to details, graded within ±10 points. */
const SHARE = 0.25;
const TOLERANCE = 0.1;
const SHARE_PAGES = 100;
const DETAILS_EDGE = { reporter: 'source', source_workload: 'productpage-v1', destination_service_name: 'details' };

/** istiod's push of a new Telemetry or VirtualService reaches the sidecars within a second on the virtual clock. */
async function settle(ctx: CheckContext): Promise<void> {
  await (await ctx.shell()).run('sleep 2');
}

const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10);

// Graded by what the sidecars did with the checks' own traffic, never by the YAML: any Telemetry that logs on
// reviews-v3 alone, and any fault that gives the edge its share, passes.
export default defineChecks([
  {
    id: 'reviews-v3-logs',
    step: 'log-one-workload',
    title: both(
      'reviews-v3의 사이드카가 처리한 요청을 액세스 로그에 남긴다',
      'reviews-v3’s sidecar writes the requests it handles to its access log',
    ),
    hint: both(
      'Telemetry의 selector.matchLabels는 파드의 레이블로 워크로드를 고릅니다. reviews의 세 버전 가운데 v3만 고르는 레이블 조합을 쓰고, accessLogging에 envoy 공급자를 넣으십시오. selector가 있는 Telemetry는 그 워크로드와 같은 네임스페이스(default)에 있어야 합니다.',
      'A Telemetry’s selector.matchLabels picks workloads by their pods’ labels. Use labels that pick v3 alone among the three reviews versions, and put the envoy provider under accessLogging. A Telemetry with a selector must live in the workload’s own namespace (default).',
    ),
    run: (ctx) =>
      graded(async () => {
        await settle(ctx);
        await tallyPages(ctx, LOG_PAGES);
        const lines = await accessLog(ctx, LOGGER);
        const faults = lines.filter((line) => / 500 FI /.test(line)).length;
        return {
          pass: lines.length > 0,
          expected: both(
            `페이지 ${LOG_PAGES}개를 연 뒤 reviews-v3의 istio-proxy 로그에 줄이 있음`,
            `lines in reviews-v3’s istio-proxy log after ${LOG_PAGES} pages`,
          ),
          seen: both(
            `로그 ${lines.length}줄, 그 가운데 500 FI ${faults}줄`,
            `${lines.length} log lines, ${faults} of them 500 FI`,
          ),
          facts: { lines: lines.length, faultLines: faults },
        };
      }),
  },
  {
    id: 'others-silent',
    step: 'log-one-workload',
    title: both(
      'productpage, details, ratings, reviews-v1, reviews-v2의 사이드카는 아무것도 남기지 않는다',
      'The sidecars of productpage, details, ratings, reviews-v1 and reviews-v2 log nothing',
    ),
    hint: both(
      'selector 없이 default 네임스페이스에 둔 Telemetry는 그 네임스페이스의 모든 워크로드에 적용되고, app: reviews만 고르면 세 버전이 모두 로그를 남깁니다. 버전 레이블까지 고르십시오.',
      'A Telemetry in the default namespace without a selector applies to every workload there, and app: reviews alone picks all three versions. Pick the version label too.',
    ),
    run: (ctx) =>
      graded(async () => {
        await settle(ctx);
        await tallyPages(ctx, LOG_PAGES);
        const counts = await Promise.all(SILENT.map(async (d) => [d, (await accessLog(ctx, d)).length] as const));
        const loud = counts.filter(([, n]) => n > 0);
        const list = loud.map(([d, n]) => `${d} ${n}`).join(', ');
        return {
          pass: loud.length === 0,
          expected: both(`${SILENT.join(', ')}: 로그 0줄`, `${SILENT.join(', ')}: 0 log lines`),
          seen: loud.length === 0 ? both('모두 0줄', 'all 0 lines') : both(`로그를 남김: ${list}`, `logging: ${list}`),
        };
      }),
  },
  {
    id: 'details-error-share',
    step: 'break-it',
    title: both(
      `productpage → details 구간의 오류 비율이 ${SHARE * 100}%이고 코드는 503이다`,
      `The productpage → details edge fails ${SHARE * 100}% of the time, with 503`,
    ),
    hint: both(
      'details에 VirtualService를 두고 fault.abort에 httpStatus 503과 percentage.value를 주십시오. percentage.value는 백분율이므로 4분의 1은 25입니다.',
      'Give details a VirtualService whose fault.abort has httpStatus 503 and a percentage.value. percentage.value is a percentage: a quarter is 25.',
    ),
    budgetMs: 120_000,
    run: (ctx) =>
      graded(async () => {
        await settle(ctx);
        // Over a window, as a rate() query reads it: what the counters gained while the check's pages ran.
        const before = await requestsTotal(ctx, 'productpage-v1');
        const pages = await tallyPages(ctx, SHARE_PAGES);
        const after = await requestsTotal(ctx, 'productpage-v1');
        const gained = (code?: string) => sumWhere(after, DETAILS_EDGE, code) - sumWhere(before, DETAILS_EDGE, code);
        const calls = gained();
        const errors = gained('5');
        const refused503 =
          sumWhere(after, { ...DETAILS_EDGE, response_code: '503' }) -
          sumWhere(before, { ...DETAILS_EDGE, response_code: '503' });
        const share = calls === 0 ? 0 : errors / calls;
        const inRange = Math.abs(share - SHARE) <= TOLERANCE;
        return {
          pass: calls > 0 && inRange && refused503 === errors && pages.error === 0,
          expected: both(
            `페이지 ${SHARE_PAGES}개 동안 productpage가 보고한(reporter="source") details 호출 중 5xx가 ${(SHARE - TOLERANCE) * 100}–${(SHARE + TOLERANCE) * 100}%, 모두 503, 페이지는 모두 200`,
            `over ${SHARE_PAGES} pages, ${(SHARE - TOLERANCE) * 100}–${(SHARE + TOLERANCE) * 100}% of productpage’s calls to details (reporter="source") are 5xx, all 503, and every page is 200`,
          ),
          seen: both(
            `details 호출 ${calls}번 가운데 5xx ${errors}번(${percent(errors, calls)}%), 503 ${refused503}번, 실패한 페이지 ${pages.error}개`,
            `${errors} of ${calls} calls to details were 5xx (${percent(errors, calls)}%), ${refused503} of them 503; ${pages.error} pages failed`,
          ),
          facts: { calls, errors, sharePercent: percent(errors, calls) },
        };
      }),
  },
]);
