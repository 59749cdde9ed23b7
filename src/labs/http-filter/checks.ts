import { graded, Mismatch } from '../grader/mismatch';
import { both } from '../grader/text';
import { defineChecks, type CheckContext, type LiveHook } from '../schema';
import { installFilter, NoFilter } from './learner-filter';
import {
  call,
  filterCounter,
  HELLOWORLD,
  HTTPBIN,
  replyText,
  withApplied,
  withGuardOnHelloworld,
  type Reply,
} from './traffic';

/** The lab's `live` hook: after a check run, the terminal's sidecars have the learner's filter too. */
export const live: LiveHook = ({ load, cluster }) => {
  try {
    return installFilter(load, cluster);
  } catch (error) {
    if (error instanceof NoFilter) return error.seen;
    throw error;
  }
};

/** Registers the learner's filter in every sidecar of the check's cluster, or ends the check saying why not. */
async function install(ctx: CheckContext): Promise<void> {
  const expected = both('모든 사이드카가 필터를 받아들임', 'every sidecar takes the filter');
  try {
    const why = installFilter(() => ctx.load(), await ctx.cluster());
    if (why !== undefined) throw new Mismatch(expected, why);
  } catch (error) {
    if (error instanceof NoFilter) throw new Mismatch(expected, error.seen);
    throw error;
  }
}

/** One request, which must get `status` (and `tenantHeader` in x-dojo-tenant, when given). */
function expectReply(
  reply: Reply,
  request: string,
  status: number,
  expected: { ko: string; en: string },
  tenantHeader?: string,
): void {
  const header = reply.headers['x-dojo-tenant'];
  if (reply.status === status && (tenantHeader === undefined || header === tenantHeader)) return;
  throw new Mismatch(expected, both(`${request} → ${replyText(reply)}`, `${request} → ${replyText(reply)}`));
}

// Tenants differ from check to check, so a filter with a hard-coded list fails.
export default defineChecks([
  {
    id: 'stamps-tenant-header',
    step: 'add-header',
    title: both(
      '모든 응답에 x-dojo-tenant 헤더로 테넌트를 알려 준다',
      'Every response tells the tenant in an x-dojo-tenant header',
    ),
    hint: both(
      "encodeHeaders에서 response.headers['x-dojo-tenant']에 요청의 x-tenant 값을, 없으면 none을 넣으십시오. 요청 헤더 이름은 소문자입니다.",
      "In encodeHeaders, set response.headers['x-dojo-tenant'] to the request's x-tenant value, or none when it has none. Request header names are lower-case.",
    ),
    run: (ctx) =>
      graded(async () => {
        await install(ctx);
        const shell = await ctx.shell();
        return withGuardOnHelloworld(shell, ['amber', 'teal'], async () => {
          for (const tenant of ['amber', 'teal', undefined]) {
            const request = tenant === undefined ? 'x-tenant 없음' : `x-tenant: ${tenant}`;
            expectReply(
              await call(shell, HELLOWORLD, tenant),
              tenant === undefined ? request : request,
              200,
              both(
                `helloworld의 응답이 200이고 x-dojo-tenant: ${tenant ?? 'none'}을 담음`,
                `helloworld answers 200 with x-dojo-tenant: ${tenant ?? 'none'}`,
              ),
              tenant ?? 'none',
            );
          }
          return {
            pass: true,
            seen: both(
              'amber, teal, 헤더 없음 → 200, x-dojo-tenant: amber / teal / none',
              'amber, teal, no header → 200 with x-dojo-tenant: amber / teal / none',
            ),
          };
        });
      }),
  },
  {
    id: 'rejects-unknown-tenant',
    step: 'reject-unknown-tenant',
    title: both(
      '모르는 테넌트를 지정한 요청은 사이드카가 400과 본문으로 답한다',
      'A request naming an unknown tenant gets a 400 with a body from the sidecar',
    ),
    hint: both(
      "decodeHeaders에서 x-tenant가 있고 config.tenants에 없으면 { status: 400, body: `unknown tenant: ${tenant}\\n` }을, 아니면 'continue'를 돌려주십시오.",
      "In decodeHeaders, when x-tenant is there and config.tenants does not list it, return { status: 400, body: `unknown tenant: ${tenant}\\n` }; otherwise 'continue'.",
    ),
    run: (ctx) =>
      graded(async () => {
        await install(ctx);
        const shell = await ctx.shell();
        return withGuardOnHelloworld(shell, ['teal', 'plum'], async () => {
          // The header name as a client may spell it, and a list where one tenant is expected.
          const refused: [string, string, string][] = [
            ['x-tenant', 'red', 'red'],
            ['X-Tenant', 'amber', 'amber'],
            ['x-tenant', 'teal,plum', 'teal'],
          ];
          for (const [name, value, named] of refused) {
            const reply = await call(shell, HELLOWORLD, value, name);
            const expected = both(
              `${name}: ${value} → 400, 본문에 테넌트(${named}) 이름이 보임 (허용: teal, plum)`,
              `${name}: ${value} → 400 with the tenant (${named}) named in the body (allowed: teal, plum)`,
            );
            expectReply(reply, `${name}: ${value}`, 400, expected);
            if (!reply.body.includes(named)) {
              throw new Mismatch(
                expected,
                both(`본문: ${reply.body.trim() || '(비어 있음)'}`, `body: ${reply.body.trim() || '(empty)'}`),
              );
            }
          }
          for (const tenant of ['plum', undefined]) {
            expectReply(
              await call(shell, HELLOWORLD, tenant),
              tenant === undefined ? 'no x-tenant' : `x-tenant: ${tenant}`,
              200,
              both(
                '허용된 테넌트(plum)와 x-tenant가 없는 요청은 helloworld까지 가서 200',
                'a listed tenant (plum) and a request without x-tenant reach helloworld: 200',
              ),
            );
          }
          return {
            pass: true,
            seen: both(
              'red, AMBER 헤더 이름, teal,plum → 400; plum, 헤더 없음 → 200',
              'red, an upper-case header name, teal,plum → 400; plum and no header → 200',
            ),
          };
        });
      }),
  },
  {
    id: 'counts-rejections',
    step: 'reject-unknown-tenant',
    title: both(
      '거부한 요청을 tenant_guard.rejected 통계로 센다',
      'Refused requests are counted in the tenant_guard.rejected stat',
    ),
    hint: both(
      "400을 돌려주기 직전에 context.count('rejected')를 부르십시오. 프록시가 http.<stat_prefix>.tenant_guard.rejected로 보여 줍니다.",
      "Call context.count('rejected') just before returning the 400. The proxy shows it as http.<stat_prefix>.tenant_guard.rejected.",
    ),
    run: (ctx) =>
      graded(async () => {
        await install(ctx);
        const shell = await ctx.shell();
        return withGuardOnHelloworld(shell, ['mint'], async () => {
          const before = await filterCounter(shell, 'helloworld-v1', 'rejected');
          const tenants = ['red', 'mint', 'sky', 'mint', undefined, 'rose'];
          for (const tenant of tenants) await call(shell, HELLOWORLD, tenant);
          const counted = (await filterCounter(shell, 'helloworld-v1', 'rejected')) - before;
          const expected = both(
            '요청 6건(red, mint, sky, mint, 헤더 없음, rose) 중 거부한 3건이 tenant_guard.rejected에 3으로 쌓임',
            'of 6 requests (red, mint, sky, mint, no header, rose) the 3 refused add 3 to tenant_guard.rejected',
          );
          const seen = both(`tenant_guard.rejected가 ${counted} 늘어남`, `tenant_guard.rejected went up by ${counted}`);
          if (counted !== 3) throw new Mismatch(expected, seen);
          return { pass: true, expected, seen };
        });
      }),
  },
  {
    id: 'guards-httpbin',
    step: 'in-the-mesh',
    title: both(
      'httpbin의 사이드카가 blue와 green만 받아들인다',
      'httpbin’s sidecar admits the tenants blue and green only',
    ),
    hint: both(
      'tenant-guard.yaml에 EnvoyFilter를 쓰십시오: workloadSelector는 app: httpbin, HTTP_FILTER 패치를 SIDECAR_INBOUND의 envoy.filters.http.router 앞에 INSERT_BEFORE, typed_config의 value에 tenants: [blue, green].',
      'Write an EnvoyFilter in tenant-guard.yaml: workloadSelector app: httpbin, an HTTP_FILTER patch INSERT_BEFORE envoy.filters.http.router in SIDECAR_INBOUND, and tenants: [blue, green] in typed_config’s value.',
    ),
    run: (ctx) =>
      graded(async () => {
        await install(ctx);
        const shell = await ctx.shell();
        const cases: [string | undefined, number][] = [
          ['blue', 200],
          ['green', 200],
          ['red', 400],
          [undefined, 200],
        ];
        for (const [tenant, status] of cases) {
          expectReply(
            await call(shell, HTTPBIN, tenant),
            tenant === undefined ? 'httpbin, no x-tenant' : `httpbin, x-tenant: ${tenant}`,
            status,
            both(
              'httpbin: blue와 green → 200, red → 400, 헤더 없음 → 200, 모두 x-dojo-tenant를 담음',
              'httpbin: blue and green → 200, red → 400, no header → 200, each with x-dojo-tenant',
            ),
            tenant ?? 'none',
          );
        }
        return {
          pass: true,
          seen: both(
            'httpbin: blue, green, 헤더 없음 → 200; red → 400',
            'httpbin: blue, green, no header → 200; red → 400',
          ),
        };
      }),
  },
  {
    id: 'only-httpbin',
    step: 'in-the-mesh',
    title: both(
      '선택하지 않은 워크로드(helloworld, sleep)에는 필터가 없다',
      'Workloads it does not select (helloworld, sleep) run no tenant guard',
    ),
    hint: both(
      'workloadSelector가 없거나 context가 ANY나 SIDECAR_OUTBOUND이면 다른 사이드카의 체인에도 들어갑니다. app: httpbin과 SIDECAR_INBOUND로 좁히십시오.',
      'Without a workloadSelector, or with context ANY or SIDECAR_OUTBOUND, it goes into other sidecars’ chains too. Narrow it to app: httpbin and SIDECAR_INBOUND.',
    ),
    run: (ctx) =>
      graded(async () => {
        await install(ctx);
        const shell = await ctx.shell();
        const guarded = await call(shell, HTTPBIN, 'red');
        expectReply(
          guarded,
          'httpbin, x-tenant: red',
          400,
          both(
            '먼저 httpbin의 사이드카에 필터가 있음(red → 400)',
            'first, httpbin’s sidecar runs the filter (red → 400)',
          ),
        );
        const reply = await call(shell, HELLOWORLD, 'red');
        const expected = both(
          'sleep에서 helloworld로 간 x-tenant: red 요청은 필터를 거치지 않고 200, x-dojo-tenant 없음',
          'x-tenant: red from sleep to helloworld meets no filter: 200 without x-dojo-tenant',
        );
        if (reply.status !== 200 || reply.headers['x-dojo-tenant'] !== undefined) {
          throw new Mismatch(expected, both(`helloworld → ${replyText(reply)}`, `helloworld → ${replyText(reply)}`));
        }
        return {
          pass: true,
          expected,
          seen: both(`helloworld → ${replyText(reply)}`, `helloworld → ${replyText(reply)}`),
        };
      }),
  },
  {
    id: 'survives-missing-config',
    step: 'break-it',
    title: both(
      '설정이 빠진 필터 항목에도 500 없이 답한다',
      'A filter entry without its config still answers without a 500',
    ),
    hint: both(
      'break-it.yaml의 항목에는 typed_config가 없어 config가 undefined로 옵니다. createFilter에서 config?.tenants가 배열인지 확인하고, 아니면 빈 목록으로 다루십시오.',
      'The entry in break-it.yaml has no typed_config, so config arrives undefined. In createFilter check whether config?.tenants is an array, and treat anything else as an empty list.',
    ),
    run: (ctx) =>
      graded(async () => {
        await install(ctx);
        const shell = await ctx.shell();
        return withApplied(shell, 'break-it.yaml', async () => {
          const expected = both(
            'break-it.yaml을 적용한 helloworld: x-tenant: blue와 헤더 없는 요청 모두 5xx가 아님(거부 400이나 200)',
            'helloworld with break-it.yaml applied: x-tenant: blue and a request without it get no 5xx (a 400 refusal or a 200)',
          );
          const replies: string[] = [];
          for (const tenant of ['blue', undefined]) {
            const reply = await call(shell, HELLOWORLD, tenant);
            const request = tenant === undefined ? 'no x-tenant' : `x-tenant: ${tenant}`;
            replies.push(`${request} → ${replyText(reply)}`);
            if (reply.status === 0 || reply.status >= 500)
              throw new Mismatch(expected, both(replies.join('; '), replies.join('; ')));
          }
          // Hardening must not have switched the guard off where its config is whole.
          expectReply(
            await call(shell, HTTPBIN, 'red'),
            'httpbin, x-tenant: red',
            400,
            both('httpbin은 여전히 red를 400으로 거부함', 'httpbin still refuses red with a 400'),
          );
          return { pass: true, expected, seen: both(replies.join('; '), replies.join('; ')) };
        });
      }),
  },
]);
