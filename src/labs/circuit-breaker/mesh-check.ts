/**
 * The integration check of lab 1.2: the learner's breaker goes into every Envoy of the simulated mesh, and
 * fortio, from its pod, hammers an httpbin endpoint that always fails. With a working breaker most calls
 * never leave the caller's sidecar: they fail fast with a local 503 (`upstream_rq_pending_overflow`).
 */
import type { SimCluster, RequestBreaker } from '../mesh';
import { both } from '../grader/text';
import type { CheckContext, CheckInput, CheckOutcome, LiveHook } from '../schema';
import { breakerClass, Mismatch } from './trial';

export const MESH_CALLS = 20;
/** The breaker the sidecars get: the numbers lesson 1.2's text uses. */
export const THRESHOLD = 5;
export const COOL_DOWN_MS = 30_000;
export const PROBE_TIMEOUT_MS = 10_000;
const FORTIO = `kubectl exec deploy/fortio-deploy -c fortio -- /usr/bin/fortio load -c 1 -qps 0 -n ${MESH_CALLS} -loglevel Warning http://httpbin:8000/status/503`;
const STATS = 'kubectl exec deploy/fortio-deploy -c istio-proxy -- pilot-agent request GET stats';

/**
 * Gives every sidecar of `cluster` the learner's breaker. Each proxy asks its factory for one breaker per
 * upstream cluster; the learner's class fits the mesh's RequestBreaker (allowRequest, onSuccess, onFailure)
 * and reads the cluster's clock. Returns why a sidecar refused it, if one did.
 */
function installBreaker(Learner: ReturnType<typeof breakerClass>, cluster: SimCluster): string | undefined {
  const refused = cluster.setProxyExtensions({
    requestBreaker: (): RequestBreaker =>
      new Learner({
        failureThreshold: THRESHOLD,
        coolDownMs: COOL_DOWN_MS,
        probeTimeoutMs: PROBE_TIMEOUT_MS,
        now: () => cluster.clock.now(),
      }),
  });
  return refused[0]?.message;
}

/** The lab's `live` hook: after a check run, the terminal's sidecars use the learner's breaker too. */
export const liveBreaker: LiveHook = ({ load, cluster }) => {
  try {
    const why = installBreaker(breakerClass({ load }), cluster);
    return why === undefined
      ? undefined
      : both(`사이드카가 브레이커를 거부함: ${why}`, `a sidecar refused the breaker: ${why}`);
  } catch (error) {
    if (error instanceof Mismatch) return error.seen;
    throw error;
  }
};

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const Learner = breakerClass(ctx);
  const cluster = await ctx.cluster();
  const why = installBreaker(Learner, cluster);
  if (why !== undefined) {
    throw new Mismatch(
      both('모든 사이드카가 브레이커를 받아들임', 'every sidecar takes the breaker'),
      both(`사이드카가 브레이커를 거부함: ${why}`, `a sidecar refused the breaker: ${why}`),
    );
  }
  const shell = await ctx.shell();
  const load = await shell.run(FORTIO);
  const codes = /Code 503 : (\d+)/.exec(load.stdout);
  const stats = await shell.run(STATS);
  const overflow = Number(
    /httpbin\.default\.svc\.cluster\.local\.upstream_rq_pending_overflow: (\d+)/.exec(stats.stdout)?.[1] ?? 0,
  );
  const reached = MESH_CALLS - overflow;
  const seen = both(
    `fortio 호출 ${MESH_CALLS}건 중 503 ${codes?.[1] ?? 0}건, 그중 사이드카에서 바로 실패한 호출 ${overflow}건(httpbin까지 간 호출 ${reached}건)`,
    `of ${MESH_CALLS} fortio calls, ${codes?.[1] ?? 0} got 503; ${overflow} failed fast in the sidecar (${reached} reached httpbin)`,
  );
  const expected = both(
    `연속 실패 ${THRESHOLD}번 뒤 회로가 열려, 나머지 호출은 httpbin에 닿지 않고 사이드카에서 바로 503으로 실패함`,
    `after ${THRESHOLD} consecutive failures the circuit opens and the remaining calls fail fast with 503 in the sidecar, never reaching httpbin`,
  );
  if (overflow < MESH_CALLS - THRESHOLD) throw new Mismatch(expected, seen);
  return { pass: true, expected, seen };
}

export const meshIntegrationCheck: CheckInput = {
  id: 'mesh-uses-breaker',
  step: 'open-at-threshold',
  title: both('메시의 사이드카가 내 브레이커로 빠르게 실패시킨다', 'The mesh’s sidecars fail fast with your breaker'),
  hint: both(
    '단위 검사가 모두 통과하는지 먼저 확인하십시오. 프록시는 호출마다 allowRequest()를 묻고, 5xx 응답이면 onFailure(), 아니면 onSuccess()를 부릅니다.',
    'First make every unit check pass. The proxy asks allowRequest() before each call and calls onFailure() on a 5xx response, onSuccess() otherwise.',
  ),
  run: async (ctx) => {
    try {
      return await run(ctx);
    } catch (error) {
      if (error instanceof Mismatch) return { pass: false, expected: error.expected, seen: error.seen };
      throw error;
    }
  },
};
