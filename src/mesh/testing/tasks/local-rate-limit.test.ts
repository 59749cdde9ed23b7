import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/policy-enforcement/rate-limit/ — local rate limit.
describe('istio.io task: local rate limiting', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo' });
  });
  afterAll(() => s.dispose());

  it('4 requests per minute on productpage: the fifth is 429', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: filter-local-ratelimit-svc
  namespace: istio-system
spec:
  workloadSelector:
    labels:
      app: productpage
  configPatches:
    - applyTo: HTTP_FILTER
      match:
        context: SIDECAR_INBOUND
        listener:
          filterChain:
            filter:
              name: "envoy.filters.network.http_connection_manager"
      patch:
        operation: INSERT_BEFORE
        value:
          name: envoy.filters.http.local_ratelimit
          typed_config:
            "@type": type.googleapis.com/udpa.type.v1.TypedStruct
            type_url: type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit
            value:
              stat_prefix: http_local_rate_limiter
              token_bucket:
                max_tokens: 4
                tokens_per_fill: 4
                fill_interval: 60s
              filter_enabled:
                runtime_key: local_rate_limit_enabled
                default_value:
                  numerator: 100
                  denominator: HUNDRED
              filter_enforced:
                runtime_key: local_rate_limit_enforced
                default_value:
                  numerator: 100
                  denominator: HUNDRED
              response_headers_to_add:
                - append: false
                  header:
                    key: x-local-rate-limit
                    value: 'true'
EOF`);
    // `sleep 1` in the pod waits on the cluster's virtual clock: five seconds pass there, within the bucket's
    // 60 s fill interval, and none on the host's timers (counted, not timed, so a busy machine cannot flake it).
    const hostTimers = vi.spyOn(globalThis, 'setTimeout');
    const started = s.cluster.clock.now();
    try {
      const out = await s.ok(
        'kubectl exec "$(kubectl get pod -l app=ratings -o jsonpath=\'{.items[0].metadata.name}\')" -c ratings -- bash -c \'for i in {1..5}; do curl -s productpage:9080/productpage -o /dev/null -w "%{http_code}\\n"; sleep 1; done\'',
      );
      expect(out).toBe('200\n200\n200\n200\n429\n');
      expect(s.cluster.clock.now() - started).toBeGreaterThanOrEqual(5_000);
      expect(s.cluster.clock.now() - started).toBeLessThan(60_000);
      expect(hostTimers.mock.calls.map(([, ms]) => ms ?? 0).filter((ms) => ms > 0)).toEqual([]);
    } finally {
      hostTimers.mockRestore();
    }
  });
});
