import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Decision, HopRecord, RequestRecord } from '../../index';
import { createMeshSession, type MeshSession } from '../session';

const JWKS = 'https://raw.githubusercontent.com/istio/istio/release-1.30/security/tools/jwt/samples/jwks.json';
const CURL = 'kubectl exec deploy/sleep -- curl -s -o /dev/null -w "%{http_code}\\n"';

type Of<K extends Decision['kind']> = Extract<Decision, { kind: K }>;
const decisions = <K extends Decision['kind']>(hop: HopRecord | undefined, kind: K): Array<Of<K>> =>
  (hop?.decisions ?? []).filter((d): d is Of<K> => d.kind === kind);
const hopOf = (r: RequestRecord | undefined, kind: HopRecord['kind']): HopRecord | undefined =>
  r?.hops.find((h) => h.kind === kind);

// Each decision the request inspector records, driven as a learner would: YAML applied, then curl or fortio.
describe('meshdojo trace: why a request got its answer', () => {
  let s: MeshSession;
  const last = (): RequestRecord | undefined => s.cluster.requests.last();
  const apply = (yaml: string): Promise<string> => s.ok(`kubectl apply -f - <<EOF\n${yaml}\nEOF`);
  const reset = async (): Promise<void> => {
    await s.ok(
      'kubectl delete virtualservice,destinationrule,authorizationpolicy,requestauthentication,peerauthentication,envoyfilter --all -A',
    );
  };

  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl label namespace default istio-injection=enabled');
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    await s.ok('kubectl wait --for=condition=available deploy/httpbin deploy/sleep');
  });
  afterEach(reset);
  afterAll(() => s.dispose());

  it('a fault abort: the client sidecar answered with the injected status', async () => {
    await apply(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin}
spec:
  hosts: [httpbin]
  http:
  - fault: {abort: {httpStatus: 418, percentage: {value: 100}}}
    route: [{destination: {host: httpbin}}]`);
    expect(await s.ok(`${CURL} http://httpbin:8000/get`)).toBe('418\n');
    const hop = hopOf(last(), 'outbound');
    expect(decisions(hop, 'fault-abort')).toEqual([{ kind: 'fault-abort', status: 418 }]);
    expect(decisions(hop, 'route')[0]).toMatchObject({
      virtualService: { namespace: 'default', name: 'httpbin' },
      httpIndex: 0,
    });
    expect(hop?.flags).toBe('FI');
    const text = await s.ok('meshdojo trace last');
    expect(text).toContain('why: fault injection aborted the request with 418 (FI)');
    expect(text).toContain('route from VirtualService default/httpbin http[0]');
  });

  it('a fault delay longer than the app waits: the client gave up (DC) while the delay ran', async () => {
    await apply(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin}
spec:
  hosts: [httpbin]
  http:
  - fault: {delay: {fixedDelay: 5s, percentage: {value: 100}}}
    route: [{destination: {host: httpbin}}]`);
    await s.run('kubectl exec deploy/sleep -- curl -s --max-time 2 http://httpbin:8000/get');
    const hop = hopOf(last(), 'outbound');
    expect(decisions(hop, 'fault-delay')).toEqual([{ kind: 'fault-delay', delayMs: 5000 }]);
    expect(hop?.flags).toBe('DI,DC');
    const text = await s.ok('meshdojo trace last');
    expect(text).toContain('fault injection delayed the request by 5s (DI)');
    expect(text).toContain('why: the client gave up before the answer (DC)');
  });

  it('an RBAC deny: the server sidecar names the policy and rule', async () => {
    await apply(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-headers}
spec:
  selector: {matchLabels: {app: httpbin}}
  action: DENY
  rules:
  - to: [{operation: {paths: ["/headers"]}}]`);
    expect(await s.ok(`${CURL} http://httpbin:8000/headers`)).toBe('403\n');
    const rbac = decisions(hopOf(last(), 'inbound'), 'rbac');
    expect(rbac).toContainEqual({
      kind: 'rbac',
      allowed: false,
      action: 'DENY',
      policy: 'ns[default]-policy[deny-headers]-rule[0]',
    });
    expect(await s.ok('meshdojo trace last')).toContain(
      'why: RBAC DENY: denied by ns[default]-policy[deny-headers]-rule[0]',
    );
  });

  it('a JWT failure: the token is refused with its reason', async () => {
    await apply(`apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt}
spec:
  selector: {matchLabels: {app: httpbin}}
  jwtRules:
  - issuer: testing@secure.istio.io
    jwksUri: ${JWKS}`);
    expect(await s.ok(`${CURL} -H "Authorization: Bearer deadbeef" http://httpbin:8000/headers`)).toBe('401\n');
    const [jwt] = decisions(hopOf(last(), 'inbound'), 'jwt');
    expect(jwt?.ok).toBe(false);
    expect(await s.ok('meshdojo trace last')).toContain(`why: JWT refused: ${jwt?.status}`);
  });

  it('a local rate limit: tokens left, then none', async () => {
    await apply(`apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: rl, namespace: istio-system}
spec:
  workloadSelector: {labels: {app: httpbin}}
  configPatches:
  - applyTo: HTTP_FILTER
    match:
      context: SIDECAR_INBOUND
      listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager}}}
    patch:
      operation: INSERT_BEFORE
      value:
        name: envoy.filters.http.local_ratelimit
        typed_config:
          "@type": type.googleapis.com/udpa.type.v1.TypedStruct
          type_url: type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit
          value:
            stat_prefix: http_local_rate_limiter
            token_bucket: {max_tokens: 2, tokens_per_fill: 2, fill_interval: 60s}
            filter_enabled: {runtime_key: e, default_value: {numerator: 100, denominator: HUNDRED}}
            filter_enforced: {runtime_key: f, default_value: {numerator: 100, denominator: HUNDRED}}`);
    expect(await s.ok(`${CURL} http://httpbin:8000/get`)).toBe('200\n');
    expect(decisions(hopOf(last(), 'inbound'), 'local-rate-limit')[0]).toMatchObject({
      allowed: true,
      tokensLeft: 1,
      maxTokens: 2,
    });
    await s.ok(`${CURL} http://httpbin:8000/get`);
    expect(await s.ok(`${CURL} http://httpbin:8000/get`)).toBe('429\n');
    expect(decisions(hopOf(last(), 'inbound'), 'local-rate-limit')[0]).toMatchObject({ allowed: false, tokensLeft: 0 });
    expect(await s.ok('meshdojo trace last')).toContain(
      'why: local rate limit: no token left of 2 (refill every 60s): 429 RL',
    );
  });

  it('a breaker overflow: which limit, its count and its maximum', async () => {
    await apply(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: httpbin}
spec:
  host: httpbin
  trafficPolicy:
    connectionPool:
      tcp: {maxConnections: 1}
      http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}`);
    await s.ok('kubectl apply -f samples/httpbin/sample-client/fortio-deploy.yaml');
    await s.ok('kubectl wait --for=condition=available deploy/fortio-deploy');
    await s.ok(
      'kubectl exec deploy/fortio-deploy -c fortio -- /usr/bin/fortio load -c 3 -qps 0 -n 30 -loglevel Warning http://httpbin:8000/get',
    );
    const overflowed = s.cluster.requests.list().find((r) => r.hops[0]?.flags === 'UO');
    const [breaker] = decisions(overflowed?.hops[0], 'breaker');
    expect(breaker).toEqual({ kind: 'breaker', resource: 'pending', count: 1, max: 1 });
    expect(await s.ok(`meshdojo trace ${overflowed!.requestId}`)).toContain(
      'why: the 503 came from the connection-pool breaker: pending requests (http1MaxPendingRequests) 1 of max 1 (UO)',
    );
  });

  it('an outlier ejection: the ejected endpoint, then no healthy upstream', async () => {
    await apply(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: httpbin}
spec:
  host: httpbin
  trafficPolicy:
    outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 3m, maxEjectionPercent: 100}`);
    expect(await s.ok(`${CURL} http://httpbin:8000/status/500`)).toBe('500\n');
    expect(await s.ok(`${CURL} http://httpbin:8000/get`)).toBe('503\n');
    const [endpoint] = decisions(hopOf(last(), 'outbound'), 'endpoint');
    expect(endpoint).toMatchObject({ endpoint: undefined, healthy: 0, total: 1 });
    expect(endpoint?.ejected).toHaveLength(1);
    expect(await s.ok('meshdojo trace last')).toContain(
      'why: no healthy endpoint: 0 of 1 healthy (503 UH); ejected by outlier detection',
    );
  });

  it('a retry: each try, why it was retried, and why the last was not', async () => {
    await apply(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin}
spec:
  hosts: [httpbin]
  http:
  - retries: {attempts: 2, retryOn: 5xx}
    route: [{destination: {host: httpbin}}]`);
    expect(await s.ok(`${CURL} http://httpbin:8000/status/503`)).toBe('503\n');
    const tries = decisions(hopOf(last(), 'outbound'), 'attempt');
    expect(tries.map((t) => [t.attempt, t.status, t.retried, t.noRetry])).toEqual([
      [1, 503, true, undefined],
      [2, 503, true, undefined],
      [3, 503, false, 'limit'],
    ]);
    expect(last()?.hops.filter((h) => h.kind === 'inbound')).toHaveLength(3);
    expect(tries[0]?.peerIdentity).toBe('spiffe://cluster.local/ns/default/sa/httpbin');
  });

  it('a route timeout: 504 UT after the VirtualService timeout', async () => {
    await apply(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin}
spec:
  hosts: [httpbin]
  http:
  - timeout: 1500ms
    route: [{destination: {host: httpbin}}]`);
    expect(await s.ok(`${CURL} http://httpbin:8000/delay/3`)).toBe('504\n');
    expect(decisions(hopOf(last(), 'outbound'), 'route-timeout')).toEqual([{ kind: 'route-timeout', timeoutMs: 1500 }]);
    expect(await s.ok('meshdojo trace last')).toContain('why: the route timeout of 1.5s ran out: 504 UT');
  });

  it('no route: 404 NR when no match of the VirtualService fits', async () => {
    await apply(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin}
spec:
  hosts: [httpbin]
  http:
  - match: [{uri: {prefix: /status}}]
    route: [{destination: {host: httpbin}}]`);
    expect(await s.ok(`${CURL} http://httpbin:8000/get`)).toBe('404\n');
    const hop = hopOf(last(), 'outbound');
    expect(decisions(hop, 'no-route')).toHaveLength(1);
    expect(hop?.flags).toBe('NR');
    expect(await s.ok('meshdojo trace last')).toMatch(/why: no route matched in .*: 404 NR/);
  });

  it('a route made from an HTTPRoute names the HTTPRoute', async () => {
    await s.ok('kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0" | kubectl apply -f -');
    await apply(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: httpbin-status}
spec:
  parentRefs: [{group: "", kind: Service, name: httpbin, port: 8000}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /status}}]
    backendRefs: [{name: httpbin, port: 8000}]`);
    expect(await s.ok(`${CURL} http://httpbin:8000/status/418`)).toBe('418\n');
    const route = decisions(hopOf(last(), 'outbound'), 'route')[0];
    expect(route?.httpRoute).toEqual({ namespace: 'default', name: 'httpbin-status' });
    expect(await s.ok('meshdojo trace last')).toContain('route from HTTPRoute default/httpbin-status');
    await s.ok('kubectl delete httproute httpbin-status');
  });

  it('a weighted split: the weights and the subset drawn', async () => {
    await apply(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: httpbin}
spec:
  host: httpbin
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: all, labels: {app: httpbin}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin}
spec:
  hosts: [httpbin]
  http:
  - route:
    - {destination: {host: httpbin, subset: v1}, weight: 25}
    - {destination: {host: httpbin, subset: all}, weight: 75}`);
    const drawn = new Set<string | undefined>();
    for (let i = 0; i < 12; i++) {
      await s.ok(`${CURL} http://httpbin:8000/get`);
      const [cluster] = decisions(hopOf(last(), 'outbound'), 'cluster');
      expect(cluster?.weights?.map((w) => w.weight)).toEqual([25, 75]);
      drawn.add(cluster?.subset);
    }
    expect(drawn).toEqual(new Set(['v1', 'all']));
    expect(await s.ok('meshdojo trace last')).toContain('drawn from the weighted split [v1 25, all 75]');
  });

  it('an mTLS reset: plaintext from the client sidecar against STRICT', async () => {
    await apply(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default}
spec:
  mtls: {mode: STRICT}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: httpbin}
spec:
  host: httpbin
  trafficPolicy: {tls: {mode: DISABLE}}`);
    expect(await s.ok(`${CURL} http://httpbin:8000/get`)).toBe('503\n');
    const hop = hopOf(last(), 'outbound');
    const tries = decisions(hop, 'attempt');
    expect(tries[tries.length - 1]).toMatchObject({ end: 'reset', peerIdentity: undefined });
    expect(hop?.flags).toContain('UC');
    expect(await s.ok('meshdojo trace last')).toContain('connection reset before a response, plaintext');
  });

  it('speaks Korean in a Korean shell, lists requests, and refuses what it does not know', async () => {
    expect(await s.ok('meshdojo trace list')).toMatch(
      /^X-REQUEST-ID\s+METHOD\s+AUTHORITY\s+PATH\s+CODE\s+FLAGS\s+DURATION\n/,
    );
    expect((await s.run('meshdojo trace nope')).stderr).toBe('error: no recorded request with x-request-id "nope"\n');
    expect((await s.run('meshdojo frobnicate')).stderr).toContain('error: unknown command "frobnicate" for "meshdojo"');
    expect(await s.ok('LANG=ko_KR.UTF-8 meshdojo trace last')).toContain('이유:');
    expect(await s.ok('meshdojo trace off')).toBe('request recording is off\n');
    const before = s.cluster.requests.list().length;
    await s.ok(`${CURL} http://httpbin:8000/get`);
    expect(s.cluster.requests.list().length).toBe(before);
    await s.ok('meshdojo trace on');
  });
});
