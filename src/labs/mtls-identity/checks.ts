import { both } from '../grader/text';
import { defineChecks, type Bilingual, type CheckContext, type CheckOutcome } from '../schema';
import { BATCH, call, CHECKOUT, describeAnswers, isReset, REPORTS, type Answer, type Client } from './callers';

/** Calls invoices from each of `clients` and passes when every answer is what `wanted` accepts. */
async function matrix(
  ctx: CheckContext,
  clients: readonly Client[],
  wanted: (answer: Answer) => boolean,
  expected: Bilingual,
): Promise<CheckOutcome> {
  const answers: Answer[] = [];
  for (const client of clients) answers.push(await call(ctx, client));
  return { pass: answers.every(wanted), expected, seen: describeAnswers(answers) };
}

const RESET = both(
  'batch (jobs) → 000, curl 종료 코드 56(연결 재설정)',
  'batch (jobs) → 000, curl exit 56 (connection reset)',
);

// Graded by what the clients get from invoices, never by the YAML's text: a namespace-wide or mesh-wide STRICT
// policy, or one that selects invoices, passes step 2; any policy that admits checkout's identity alone passes step 3.
export default defineChecks([
  {
    id: 'plaintext-reset',
    step: 'strict-namespace',
    title: both(
      '사이드카 없는 batch가 평문으로 요청하면 invoices의 사이드카가 연결을 끊는다',
      'invoices’ sidecar resets the plaintext request of batch, which has no sidecar',
    ),
    hint: both(
      'peer-authentication.yaml에 kind: PeerAuthentication, namespace: billing, spec.mtls.mode: STRICT를 쓰고 kubectl apply -f로 적용하십시오. selector를 두지 않으면 네임스페이스 전체에 적용됩니다.',
      'Write a PeerAuthentication in peer-authentication.yaml with namespace: billing and spec.mtls.mode: STRICT, then kubectl apply -f it. Without a selector it covers the whole namespace.',
    ),
    run: (ctx) => matrix(ctx, [BATCH], isReset, RESET),
  },
  {
    id: 'sidecar-clients-ok',
    step: 'strict-namespace',
    title: both(
      '사이드카가 있는 checkout과 reports의 연결은 계속 받아들여진다',
      'the connections of checkout and reports, which have sidecars, are still accepted',
    ),
    hint: both(
      '사이드카가 있는 클라이언트는 자동 mTLS(auto mTLS)로 이미 상호 TLS를 쓰므로 STRICT만으로는 거절되지 않습니다. 503을 받는다면 invoices로 가는 TLS를 끄는 DestinationRule(tls.mode: DISABLE)이 있는지 보십시오. 그런 규칙이 있으면 사이드카가 평문을 보내고, STRICT가 그 연결을 끊습니다.',
      'Sidecar clients already speak mutual TLS (auto mTLS), so STRICT alone does not refuse them. If they get 503, look for a DestinationRule that turns TLS off towards invoices (tls.mode: DISABLE): their sidecars then send plaintext, which STRICT resets.',
    ),
    // reports answers 403 once step 3's policy is in: authorization then refuses a caller mTLS let in. A 503 is
    // its own sidecar reporting the server's reset, so it does not count.
    run: (ctx) =>
      matrix(
        ctx,
        [CHECKOUT, REPORTS],
        (answer) => answer.status === 200 || (answer.client === REPORTS && answer.status === 403),
        both(
          'checkout (billing) → 200; reports (billing) → 200 (3단계의 정책 뒤에는 403)',
          'checkout (billing) → 200; reports (billing) → 200 (403 once step 3’s policy is in)',
        ),
      ),
  },
  {
    id: 'checkout-admitted',
    step: 'one-caller',
    title: both('checkout의 ID는 invoices를 호출할 수 있다', 'checkout’s identity may call invoices'),
    hint: both(
      'action: ALLOW인 AuthorizationPolicy 규칙의 from.source.principals에 checkout의 ID를 spiffe:// 없이 cluster.local/ns/<네임스페이스>/sa/<서비스 계정> 꼴로 적으십시오.',
      'Put checkout’s identity, without spiffe://, in from.source.principals of an AuthorizationPolicy rule with action: ALLOW: cluster.local/ns/<namespace>/sa/<service account>.',
    ),
    run: (ctx) =>
      matrix(
        ctx,
        [CHECKOUT],
        (answer) => answer.status === 200,
        both('checkout (billing) → 200', 'checkout (billing) → 200'),
      ),
  },
  {
    id: 'reports-denied',
    step: 'one-caller',
    title: both(
      '같은 네임스페이스의 reports는 403 RBAC: access denied를 받는다',
      'reports, in the same namespace, gets 403 RBAC: access denied',
    ),
    hint: both(
      'selector로 app: invoices를 고르는 ALLOW 정책이 있어야 합니다. namespaces: [billing]처럼 네임스페이스로 허용하면 reports도 통과하므로, 서비스 계정까지 담긴 principal을 쓰십시오.',
      'You need an ALLOW policy whose selector picks app: invoices. Admitting by namespace (namespaces: [billing]) lets reports in too: use a principal, which names the service account.',
    ),
    run: (ctx) =>
      matrix(
        ctx,
        [REPORTS],
        (answer) => answer.status === 403,
        both('reports (billing) → 403', 'reports (billing) → 403'),
      ),
  },
  {
    id: 'plaintext-still-reset',
    step: 'one-caller',
    title: both('평문 클라이언트 batch는 여전히 연결이 끊긴다', 'batch, the plaintext client, is still reset'),
    hint: both(
      '2단계의 STRICT 정책을 그대로 두십시오. 인가 정책은 인증을 대신하지 않습니다.',
      'Keep step 2’s STRICT policy. An authorization policy does not replace authentication.',
    ),
    run: (ctx) => matrix(ctx, [BATCH], isReset, RESET),
  },
]);
