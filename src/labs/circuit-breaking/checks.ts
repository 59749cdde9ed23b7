import { graded } from '../grader/mismatch';
import { both } from '../grader/text';
import { defineChecks, type CheckContext, type Facts } from '../schema';
import { describeLoad, EJECTIONS, fortioCurl, fortioLoad, query, sidecarStat, sleep, type Load } from './fortio-load';

/** The twist on the istio.io task: two callers at a time are served, a crowd is turned away. */
const ALLOWED = 2;
const CROWD = 8;
/** At least this share of the crowd's calls must be the breaker's fast 503s. */
const CROWD_REFUSED = 0.25;
/** The broken replica may fail this many calls before it is ejected (consecutive 5xx, counted per host). */
const ERRORS_BEFORE_EJECTION = 3;
/** How long the first ejection lasts, and when the checks look again: before it ends, and after it (plus one interval). */
const EJECTION_S = 60;
const STILL_OUT_AT_S = 40;
const BACK_BY_S = 75;

/** A load's counts as facts: `calls`, `ok` (200s), `unavailable` (503s), `overflowed` (UO), `unavailablePercent`. */
function loadFacts(load: Load): Facts {
  const unavailablePercent = Math.round((load.unavailable / load.calls) * 1000) / 10;
  return {
    calls: load.calls,
    ok: load.ok,
    unavailable: load.unavailable,
    overflowed: load.overflowed,
    unavailablePercent,
  };
}

/** The virtual clock's reading, in seconds. */
const nowSeconds = async (ctx: CheckContext): Promise<number> => (await ctx.cluster()).clock.now() / 1000;

// Graded by the traffic the checks send with fortio, never by the YAML: any DestinationRule that serves two
// callers and refuses a crowd passes, whatever mix of maxConnections and http1MaxPendingRequests does it.
export default defineChecks([
  {
    id: 'fortio-reaches-httpbin',
    step: 'deploy',
    title: both(
      'fortio가 사이드카를 거쳐 httpbin에서 200을 받는다',
      'fortio gets a 200 from httpbin through its sidecar',
    ),
    hint: both(
      'default 네임스페이스에 istio-injection=enabled 레이블을 붙인 다음 httpbin과 fortio를 배포하십시오. 순서가 바뀌면 사이드카 없는 파드가 생깁니다. 이 단계는 여러분의 클러스터를 채점합니다.',
      'Label the default namespace istio-injection=enabled, then deploy httpbin and fortio. In the other order the pods start without sidecars. This step is graded on your own cluster.',
    ),
    run: (ctx) =>
      graded(async () => {
        // Graded again at "Check all", after the broken replica of step 3 joined: one call in ten is enough.
        const load = await fortioLoad(ctx, 1, 10);
        return {
          pass: load.ok >= 1,
          facts: loadFacts(load),
          expected: both(
            'fortio의 사이드카를 거친 호출 10번 중 200이 한 번 이상',
            'of 10 calls through fortio’s sidecar, at least one 200',
          ),
          seen: describeLoad(load, 1),
        };
      }),
  },
  {
    id: 'two-callers-served',
    step: 'allow-two',
    title: both('동시 호출자 둘은 503 없이 모두 200을 받는다', 'Two callers at a time all get 200, no 503'),
    hint: both(
      'maxConnections를 2로 두십시오. 그래도 처음 몇 번에 503이 나오면: 연결이 아직 열리는 중인 요청도 대기(pending)로 셉니다. 차가운 풀에 두 요청이 한꺼번에 오면 둘 다 대기하므로 http1MaxPendingRequests가 1이면 하나가 넘칩니다. maxRequestsPerConnection: 1도 요청마다 연결을 새로 열게 합니다.',
      'Set maxConnections to 2. If a 503 still shows up early: a request waiting for its connection to open counts as pending. When two requests hit a cold pool at once both wait, so http1MaxPendingRequests: 1 overflows one of them. maxRequestsPerConnection: 1 also makes every request open a new connection.',
    ),
    run: (ctx) =>
      graded(async () => {
        const load = await fortioLoad(ctx, ALLOWED, 40);
        return {
          pass: load.ok === load.calls,
          facts: loadFacts(load),
          expected: both(
            `동시 연결 ${ALLOWED}개로 40번 호출: 모두 200`,
            `40 calls over ${ALLOWED} connections: all 200`,
          ),
          seen: describeLoad(load, ALLOWED),
        };
      }),
  },
  {
    id: 'crowd-refused-fast',
    step: 'allow-two',
    title: both(
      `동시 호출자 ${CROWD}명이면 적어도 4분의 1이 서킷 브레이커의 503 UO를 받는다`,
      `With ${CROWD} callers at once, at least a quarter get the breaker’s 503 UO`,
    ),
    hint: both(
      '연결 수만 제한하면 나머지 요청은 대기열에서 기다릴 뿐 거절되지 않습니다. http1MaxPendingRequests로 대기열도 작게 제한하십시오.',
      'Limiting connections alone only makes the other requests wait in the queue; nothing is refused. Keep the queue small too, with http1MaxPendingRequests.',
    ),
    run: (ctx) =>
      graded(async () => {
        const load = await fortioLoad(ctx, CROWD, CROWD * 10);
        return {
          pass: load.unavailable >= load.calls * CROWD_REFUSED && load.overflowed >= load.unavailable,
          facts: loadFacts(load),
          expected: both(
            `동시 연결 ${CROWD}개로 ${load.calls}번 호출: ${load.calls * CROWD_REFUSED}번 이상 503, 모두 UO(upstream_rq_pending_overflow)`,
            `${load.calls} calls over ${CROWD} connections: ${load.calls * CROWD_REFUSED} or more 503s, all UO (upstream_rq_pending_overflow)`,
          ),
          seen: describeLoad(load, CROWD),
        };
      }),
  },
  {
    id: 'broken-replica-fails',
    step: 'broken-replica',
    title: both(
      '고장 난 레플리카가 httpbin의 엔드포인트에 있고, 직접 부르면 실패한다',
      'The broken replica is in httpbin’s endpoints, and fails when called directly',
    ),
    hint: both(
      'httpbin-broken.yaml을 kubectl apply -f로 적용하고 kubectl rollout status로 파드를 기다리십시오. 이 단계는 여러분의 클러스터를 채점합니다.',
      'Apply httpbin-broken.yaml with kubectl apply -f and wait for the pod with kubectl rollout status. This step is graded on your own cluster.',
    ),
    run: (ctx) =>
      graded(async () => {
        // Graded on the pod, not on the share of 503s: at "Check all" the ejection of step 4 hides it from traffic.
        const ip = await query(
          ctx,
          `kubectl get pods -l app=httpbin,version=broken -o jsonpath='{.items[0].status.podIP}'`,
        );
        const endpoints = (
          await query(ctx, `kubectl get endpoints httpbin -o jsonpath='{.subsets[*].addresses[*].ip}'`)
        ).split(/\s+/);
        const direct = ip === '' ? undefined : await fortioCurl(ctx, `http://${ip}:8080/get`);
        return {
          pass: ip !== '' && endpoints.includes(ip) && direct !== undefined && direct >= 500,
          facts: { brokenIp: ip, endpoints: endpoints.filter((e) => e !== '').length, directStatus: direct ?? 0 },
          expected: both(
            'httpbin-broken의 파드 IP가 httpbin의 엔드포인트에 있고, 그 파드로 직접 보낸 호출이 5xx',
            'httpbin-broken’s pod IP is in httpbin’s endpoints, and a call sent straight to that pod gets a 5xx',
          ),
          seen: both(
            `httpbin 엔드포인트: ${endpoints.join(', ') || '-'}; httpbin-broken 파드: ${ip || '-'} → ${direct ?? '-'}`,
            `httpbin endpoints: ${endpoints.join(', ') || '-'}; httpbin-broken pod: ${ip || '-'} → ${direct ?? '-'}`,
          ),
        };
      }),
  },
  {
    id: 'broken-ejected-fast',
    step: 'eject-broken',
    title: both(
      `고장 난 레플리카는 ${ERRORS_BEFORE_EJECTION}번 이하로 실패한 뒤 트래픽에서 빠진다`,
      `The broken replica is taken out of traffic after at most ${ERRORS_BEFORE_EJECTION} failures`,
    ),
    hint: both(
      'outlierDetection에 consecutive5xxErrors(또는 consecutiveGatewayErrors)를 3으로 두십시오. 그래도 빠지지 않으면 maxEjectionPercent를 보십시오. 기본값 10%로는 호스트 2개 중 하나(50%)를 퇴출할 수 없습니다.',
      'Set consecutive5xxErrors (or consecutiveGatewayErrors) to 3 under outlierDetection. If it is still not taken out, look at maxEjectionPercent: the default 10% cannot eject one host of two (50%).',
    ),
    run: (ctx) =>
      graded(async () => {
        const ejectionsBefore = await sidecarStat(ctx, EJECTIONS);
        const first = await fortioLoad(ctx, 1, 30);
        const after = await fortioLoad(ctx, 1, 20);
        return {
          pass: first.unavailable >= 1 && first.unavailable <= ERRORS_BEFORE_EJECTION && after.unavailable === 0,
          facts: {
            firstFailures: first.unavailable,
            afterCalls: after.calls,
            afterFailures: after.unavailable,
            ejections: (await sidecarStat(ctx, EJECTIONS)) - ejectionsBefore,
          },
          expected: both(
            `한 번에 하나씩 30번 호출에서 503 1~${ERRORS_BEFORE_EJECTION}번, 이어지는 20번은 모두 200`,
            `30 calls one at a time: 1 to ${ERRORS_BEFORE_EJECTION} 503s; the next 20 all 200`,
          ),
          seen: both(
            `처음 30번: 503 ${first.unavailable}번. 다음 20번: 503 ${after.unavailable}번`,
            `first 30: 503 × ${first.unavailable}; next 20: 503 × ${after.unavailable}`,
          ),
        };
      }),
  },
  {
    id: 'broken-returns-after-a-minute',
    step: 'eject-broken',
    title: both(
      `퇴출은 ${EJECTION_S}초 동안이고, 그 뒤 고장 난 레플리카가 다시 한 번 기회를 얻는다`,
      `The ejection lasts ${EJECTION_S} s; then the broken replica gets another chance`,
    ),
    hint: both(
      'baseEjectionTime을 1m으로 두십시오. 복귀는 interval마다 확인하므로 interval이 15초를 넘으면 제때 돌아오지 못합니다.',
      'Set baseEjectionTime to 1m. The return is checked every interval, so an interval over 15 s brings it back too late.',
    ),
    budgetMs: 200_000,
    run: (ctx) =>
      graded(async () => {
        const ejectionsBefore = await sidecarStat(ctx, EJECTIONS);
        await fortioLoad(ctx, 1, 30);
        const ejectedAt = await nowSeconds(ctx);
        await sleep(ctx, STILL_OUT_AT_S);
        const duringAt = await nowSeconds(ctx);
        const during = await fortioLoad(ctx, 1, 20);
        await sleep(ctx, BACK_BY_S - STILL_OUT_AT_S);
        const backAt = await nowSeconds(ctx);
        const back = await fortioLoad(ctx, 1, 20);
        return {
          pass: during.unavailable === 0 && back.unavailable >= 1,
          // Seconds on the virtual clock from the end of the load that ejected the replica.
          facts: {
            stillOutAfterSeconds: Math.round(duringAt - ejectedAt),
            duringFailures: during.unavailable,
            backAfterSeconds: Math.round(backAt - ejectedAt),
            backFailures: back.unavailable,
            ejections: (await sidecarStat(ctx, EJECTIONS)) - ejectionsBefore,
          },
          expected: both(
            `퇴출 ${STILL_OUT_AT_S}초 뒤 20번 호출은 모두 200, ${BACK_BY_S}초 뒤 20번 호출에는 503이 다시 보임`,
            `${STILL_OUT_AT_S} s after the ejection 20 calls all get 200; ${BACK_BY_S} s after, 503s show up again`,
          ),
          seen: both(
            `${STILL_OUT_AT_S}초 뒤: 503 ${during.unavailable}번. ${BACK_BY_S}초 뒤: 503 ${back.unavailable}번`,
            `after ${STILL_OUT_AT_S} s: 503 × ${during.unavailable}; after ${BACK_BY_S} s: 503 × ${back.unavailable}`,
          ),
        };
      }),
  },
]);
