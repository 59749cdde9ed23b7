import { both } from '../grader/text';
import { defineChecks } from '../schema';
import {
  callFromEveryClient,
  clientPods,
  describeCalls,
  describeRouteStates,
  FLEET_SIZE,
  routeStates,
  timedOutAfter,
} from './fleet';

// Graded on what the sidecars do with a slow call (timed on the virtual clock) and on what istiod and the proxies
// report, never on the YAML's text: any VirtualService that sets the timeout, and any config the proxies refuse,
// passes.
export default defineChecks([
  {
    id: 'fleet-synced',
    step: 'fleet',
    title: both(
      `curl 클라이언트 ${FLEET_SIZE}개의 사이드카가 모두 istiod에 연결되어 설정을 받았다`,
      `All ${FLEET_SIZE} curl clients’ sidecars are connected to istiod and configured`,
    ),
    hint: both(
      `kubectl scale로 shop 네임스페이스의 curl Deployment를 ${FLEET_SIZE}개로 늘리고, kubectl rollout status로 다 뜰 때까지 기다리십시오.`,
      `Scale the curl deployment in the shop namespace to ${FLEET_SIZE} replicas with kubectl scale, and wait for them with kubectl rollout status.`,
    ),
    run: async (ctx) => {
      const states = routeStates(await ctx.cluster());
      return {
        // Any status istiod reports once routes were sent: later steps of the lab turn them STALE or ERROR.
        pass: states.length >= FLEET_SIZE && states.every((s) => s.rds !== 'NOT CONNECTED' && s.version !== '-'),
        expected: both(
          `클라이언트 프록시 ${FLEET_SIZE}개 이상, 모두 istiod에서 라우트를 받음`,
          `at least ${FLEET_SIZE} client proxies, each with routes from istiod`,
        ),
        seen: describeRouteStates(states),
      };
    },
  },
  {
    id: 'one-proxy-drifted',
    step: 'hand-edit',
    title: both(
      '손으로 고친 프록시 하나만 1초에 타임아웃하고, 나머지는 httpbin의 응답을 기다린다',
      'Only the proxy edited by hand times out after 1 s; the others wait for httpbin',
    ),
    hint: both(
      '`meshdojo proxy edit`로 curl 파드 하나의 httpbin:8000 라우트 타임아웃을 1s로 바꾸십시오. 파드 이름 대신 deploy/curl을 쓰면 그 Deployment의 파드 하나를 고릅니다.',
      'Use `meshdojo proxy edit` to set one curl pod’s timeout for httpbin:8000 to 1s. deploy/curl instead of a pod name picks one pod of the deployment.',
    ),
    run: async (ctx) => {
      const cluster = await ctx.cluster();
      const edits = cluster.proxyHandEdits().filter((e) => e.proxy.startsWith('curl-') && e.timeoutMs === 1000);
      const expected = both(
        '한 클라이언트는 1초 뒤 504, 나머지는 3초 뒤 200',
        'one client gets 504 after 1 s, every other one 200 after 3 s',
      );
      const overwritten = edits.filter((e) =>
        routeStates(cluster).some((s) => `${s.pod}.shop` === e.proxy && s.version !== e.routesVersion),
      );
      // A later step's push replaces the edit, as it should: then the record of the edit is what is left to grade.
      if (overwritten.length > 0 && overwritten.length === edits.length)
        return {
          pass: true,
          expected,
          seen: both(
            `손으로 고친 ${overwritten[0]!.proxy}의 라우트는 그 뒤 istiod의 푸시가 덮어썼습니다`,
            `the routes of ${overwritten[0]!.proxy}, edited by hand, were since replaced by a push from istiod`,
          ),
        };
      const calls = await callFromEveryClient(ctx);
      const edited = calls.filter((c) => timedOutAfter(c, 1));
      const waited = calls.filter((c) => c.status === 200);
      return {
        pass: calls.length >= FLEET_SIZE && edited.length === 1 && waited.length === calls.length - 1,
        expected,
        seen: describeCalls(calls),
      };
    },
  },
  {
    id: 'every-client-2s',
    step: 'one-push',
    title: both(
      `클라이언트 ${FLEET_SIZE}개 모두, 손으로 고친 것까지, 2초에 타임아웃한다`,
      `All ${FLEET_SIZE} clients, the hand-edited one too, time out after 2 s`,
    ),
    hint: both(
      'shop 네임스페이스에 hosts: [httpbin]인 VirtualService를 만들고, http 규칙에 timeout: 2s와 httpbin으로 가는 route를 두십시오.',
      'Create a VirtualService in the shop namespace with hosts: [httpbin] and an http rule with timeout: 2s and a route to httpbin.',
    ),
    run: async (ctx) => {
      const calls = await callFromEveryClient(ctx);
      return {
        pass: calls.length >= FLEET_SIZE && calls.every((c) => timedOutAfter(c, 2)),
        expected: both('모든 클라이언트가 2초 뒤 504', 'every client gets 504 after 2 s'),
        seen: describeCalls(calls),
      };
    },
  },
  {
    id: 'one-version-everywhere',
    step: 'one-push',
    title: both(
      '모든 클라이언트 프록시가 같은 라우트 버전을 보고한다: 한 번의 푸시',
      'Every client proxy reports the same route version: one push',
    ),
    hint: both(
      'VirtualService를 적용한 뒤 istioctl proxy-status -n shop -v 1로 RDS 열을 보십시오.',
      'After applying the VirtualService, look at the RDS column of istioctl proxy-status -n shop -v 1.',
    ),
    run: async (ctx) => {
      const states = routeStates(await ctx.cluster());
      return {
        // The version names the push that carried the routes; a later refused push (the next step) leaves it.
        pass: states.length >= FLEET_SIZE && new Set(states.map((s) => s.version)).size === 1,
        expected: both('모든 클라이언트 프록시에 라우트 버전 하나', 'one route version across every client proxy'),
        seen: describeRouteStates(states),
      };
    },
  },
  {
    id: 'proxies-refused',
    step: 'break-it',
    title: both(
      '클라이언트 프록시가 모두 새 라우트를 거부했다(istiod가 보는 RDS가 ERROR)',
      'Every client proxy refused the new routes (RDS is ERROR as istiod sees it)',
    ),
    hint: both(
      'Envoy가 받아들이지 않는 값이어야 합니다. istiod는 EnvoyFilter 안의 정규식을 컴파일해 보지 않지만, Envoy는 라우트를 불러올 때 RE2로 컴파일합니다. 닫히지 않은 괄호를 넣어 보십시오.',
      'It must be a value Envoy will not load. istiod does not compile a regex inside an EnvoyFilter, but Envoy compiles it with RE2 when it loads the routes: try an unclosed parenthesis.',
    ),
    run: async (ctx) => {
      const states = routeStates(await ctx.cluster());
      return {
        pass: states.length >= FLEET_SIZE && states.every((s) => s.rds === 'ERROR'),
        expected: both('모든 클라이언트 프록시의 RDS가 ERROR', 'RDS ERROR for every client proxy'),
        seen: describeRouteStates(states),
      };
    },
  },
  {
    id: 'last-good-serving',
    step: 'break-it',
    title: both(
      '거부된 뒤에도 마지막 정상 설정이 동작한다: 여전히 2초에 타임아웃',
      'The last good config keeps serving: calls still time out after 2 s',
    ),
    hint: both(
      '앞 단계의 VirtualService를 지우거나 바꾸지 마십시오. 거부된 설정은 프록시에 들어가지 않으므로 2초 타임아웃이 그대로여야 합니다.',
      'Leave the previous step’s VirtualService as it is: a refused config never reaches the proxies, so the 2 s timeout should hold.',
    ),
    run: async (ctx) => {
      const calls = await callFromEveryClient(ctx);
      const cluster = await ctx.cluster();
      return {
        pass: clientPods(cluster).length >= FLEET_SIZE && calls.every((c) => timedOutAfter(c, 2)),
        expected: both('모든 클라이언트가 2초 뒤 504', 'every client gets 504 after 2 s'),
        seen: describeCalls(calls),
      };
    },
  },
]);
