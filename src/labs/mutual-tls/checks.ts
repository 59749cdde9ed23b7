import { both } from '../grader/text';
import { defineChecks } from '../schema';
import { expectTable, HELLOWORLD_BAR, HTTPBIN_BAR, HTTPBIN_FOO, legacyContainers, SERVERS } from './calls';

// Graded by the table of calls the checks make, never by the YAML's text: any set of policies that gives the table
// passes (a namespace policy or one per workload in step 2; a selector policy or a port-level exception in step 5).
export default defineChecks([
  {
    id: 'sidecar-clients-reach-all',
    step: 'deploy',
    title: both(
      '사이드카가 있는 curl.foo와 curl.bar가 세 서버 모두에 닿는다',
      'curl.foo and curl.bar, which have sidecars, reach all three servers',
    ),
    hint: both(
      '명령 블록의 명령을 모두 실행했는지, 파드가 모두 Running인지 보십시오: `kubectl get pods -A`. foo와 bar의 파드는 2/2여야 합니다.',
      'Check that you ran every command of the block and that every pod is Running: `kubectl get pods -A`. Pods in foo and bar show 2/2.',
    ),
    run: (ctx) => expectTable(ctx, ['foo', 'bar'], SERVERS, 'ok'),
  },
  {
    id: 'legacy-without-sidecar',
    step: 'deploy',
    title: both('legacy의 curl은 사이드카 없이 돈다', 'legacy’s curl runs without a sidecar'),
    hint: both(
      'legacy의 curl은 `istioctl kube-inject` 없이 `kubectl apply -f samples/curl/curl.yaml -n legacy`로 적용합니다. legacy 네임스페이스에는 주입 레이블도 달지 마십시오.',
      'Apply legacy’s curl without `istioctl kube-inject`: `kubectl apply -f samples/curl/curl.yaml -n legacy`, and put no injection label on the legacy namespace.',
    ),
    // The table cannot tell: a curl.legacy with a sidecar gets the same 200s until a policy is STRICT.
    run: (ctx) => legacyContainers(ctx),
  },
  {
    id: 'legacy-reset-in-bar',
    step: 'strict-bar',
    title: both(
      '사이드카 없는 curl.legacy의 평문 요청은 bar의 두 서버 모두에서 연결이 끊긴다',
      'the plaintext calls of curl.legacy, which has no sidecar, are reset by both servers in bar',
    ),
    hint: both(
      '`selector` 없이 namespace: bar, spec.mtls.mode: STRICT인 PeerAuthentication은 bar의 모든 워크로드에 적용됩니다. httpbin만 고르면 helloworld는 여전히 평문을 받습니다.',
      'A PeerAuthentication in namespace bar with spec.mtls.mode: STRICT and no `selector` covers every workload of bar. Selecting httpbin alone leaves helloworld accepting plaintext.',
    ),
    run: (ctx) => expectTable(ctx, ['legacy'], [HTTPBIN_BAR, HELLOWORLD_BAR], 'reset'),
  },
  {
    id: 'foo-still-permissive',
    step: 'strict-bar',
    title: both(
      'foo는 아직 평문을 받는다: curl.legacy → httpbin.foo 200',
      'foo still takes plaintext: curl.legacy → httpbin.foo 200',
    ),
    hint: both(
      '이 단계는 bar만 잠급니다. 정책을 `istio-system`에 두면 메시 전체가 STRICT가 됩니다. 그것은 다음 단계입니다.',
      'This step locks down bar alone. A policy in `istio-system` makes the whole mesh STRICT: that is the next step.',
    ),
    run: (ctx) => expectTable(ctx, ['legacy'], [HTTPBIN_FOO], 'ok'),
  },
  {
    id: 'sidecars-reach-bar',
    step: 'strict-bar',
    title: both(
      '사이드카가 있는 curl.foo와 curl.bar는 bar의 서버에 계속 닿는다',
      'curl.foo and curl.bar, which have sidecars, still reach the servers in bar',
    ),
    hint: both(
      '사이드카가 있는 클라이언트는 자동 mTLS로 이미 상호 TLS를 씁니다. 503이 보인다면 bar로 가는 TLS를 끄는 DestinationRule(tls.mode: DISABLE)이 없는지 `kubectl get destinationrule -A`로 보십시오.',
      'Sidecar clients already speak mutual TLS (auto mTLS). If you see 503, look for a DestinationRule that turns TLS off towards bar (tls.mode: DISABLE): `kubectl get destinationrule -A`.',
    ),
    run: (ctx) => expectTable(ctx, ['foo', 'bar'], [HTTPBIN_BAR, HELLOWORLD_BAR], 'ok'),
  },
  {
    id: 'legacy-reset-everywhere',
    step: 'mesh-wide',
    title: both(
      '메시 전체가 STRICT: curl.legacy는 어느 서버에서나 연결이 끊긴다',
      'the whole mesh is STRICT: curl.legacy is reset by every server',
    ),
    hint: both(
      '메시 전체 정책은 루트 네임스페이스 `istio-system`에 두는 `selector` 없는 PeerAuthentication입니다. 이름은 관례대로 `default`로 하십시오.',
      'A mesh-wide policy is a PeerAuthentication without a `selector` in the root namespace, `istio-system`. Name it `default`, as the convention goes.',
    ),
    run: (ctx) => expectTable(ctx, ['legacy'], SERVERS, 'reset'),
  },
  {
    id: 'sidecars-reach-everything',
    step: 'mesh-wide',
    title: both('사이드카가 있는 클라이언트는 세 서버 모두에 닿는다', 'the sidecar clients reach all three servers'),
    hint: both(
      'STRICT는 평문만 거절합니다. 사이드카 클라이언트가 실패한다면 DestinationRule이 TLS를 끄지 않았는지 보십시오.',
      'STRICT refuses plaintext only. If a sidecar client fails, check that no DestinationRule turns its TLS off.',
    ),
    run: (ctx) => expectTable(ctx, ['foo', 'bar'], SERVERS, 'ok'),
  },
  {
    id: 'legacy-reaches-httpbin-bar',
    step: 'break-it',
    title: both('curl.legacy가 httpbin.bar에 다시 닿는다 (200)', 'curl.legacy reaches httpbin.bar again (200)'),
    hint: both(
      '가장 좁은 정책이 이깁니다. bar에 `selector`로 app: httpbin을 고르는 PeerAuthentication을 두고 PERMISSIVE로 하십시오. `portLevelMtls`를 쓴다면 키는 Service의 포트(8000)가 아니라 컨테이너 포트(8080)입니다.',
      'The narrowest policy wins. Put a PeerAuthentication in bar whose `selector` picks app: httpbin, in PERMISSIVE mode. If you use `portLevelMtls`, its key is the container port (8080), not the Service port (8000).',
    ),
    run: (ctx) => expectTable(ctx, ['legacy'], [HTTPBIN_BAR], 'ok'),
  },
  {
    id: 'others-stay-strict',
    step: 'break-it',
    title: both(
      'httpbin.foo와 helloworld.bar는 여전히 curl.legacy의 연결을 끊는다',
      'httpbin.foo and helloworld.bar still reset curl.legacy',
    ),
    hint: both(
      '예외는 httpbin.bar 하나에만 두십시오. bar의 네임스페이스 정책을 PERMISSIVE로 바꾸면 helloworld도 평문을 받고, 메시 전체 정책을 지우면 foo가 열립니다.',
      'Keep the exception to httpbin.bar alone. Turning bar’s namespace policy to PERMISSIVE opens helloworld too; deleting the mesh-wide policy opens foo.',
    ),
    run: (ctx) => expectTable(ctx, ['legacy'], [HTTPBIN_FOO, HELLOWORLD_BAR], 'reset'),
  },
  {
    id: 'sidecars-still-reach-httpbin-bar',
    step: 'break-it',
    title: both('사이드카 클라이언트는 httpbin.bar에 계속 닿는다', 'the sidecar clients still reach httpbin.bar'),
    hint: both(
      '예외 정책이 사이드카 클라이언트까지 막아서는 안 됩니다. PERMISSIVE는 mTLS와 평문을 모두 받습니다.',
      'The exception must not lock the sidecar clients out. PERMISSIVE takes both mTLS and plaintext.',
    ),
    run: (ctx) => expectTable(ctx, ['foo', 'bar'], [HTTPBIN_BAR], 'ok'),
  },
]);
