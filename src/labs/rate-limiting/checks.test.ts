import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';

const lab = getLab('rate-limiting')!;
const solution = lab.solution;
const PAGE = 'productpage-limit.yaml';
const API = 'api-limit.yaml';

const TYPED = `"@type": type.googleapis.com/udpa.type.v1.TypedStruct
            type_url: type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit`;

/** A bucket's local_ratelimit value, indented to sit under `value:` at `pad` spaces. */
function bucket(pad: number, max: number, perFill: number, interval: string, header = true): string {
  const lines = [
    'stat_prefix: limiter',
    'token_bucket:',
    `  max_tokens: ${max}`,
    `  tokens_per_fill: ${perFill}`,
    `  fill_interval: ${interval}`,
    'filter_enabled:',
    '  runtime_key: rl_enabled',
    '  default_value: { numerator: 100, denominator: HUNDRED }',
    'filter_enforced:',
    '  runtime_key: rl_enforced',
    '  default_value: { numerator: 100, denominator: HUNDRED }',
    ...(header ? ['response_headers_to_add:', '  - header: { key: x-local-rate-limit, value: "true" }'] : []),
  ];
  return lines.map((l) => ' '.repeat(pad) + l).join('\n');
}

/** productpage's sidecar with a filter-level bucket, as istio.io's first EnvoyFilter. */
function pageLimit(max: number, perFill: number, interval: string, header = true): string {
  return `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: productpage-ratelimit
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
              name: envoy.filters.network.http_connection_manager
      patch:
        operation: INSERT_BEFORE
        value:
          name: envoy.filters.http.local_ratelimit
          typed_config:
            ${TYPED}
            value:
${bucket(14, max, perFill, interval, header)}
`;
}

/** The gateway's EnvoyFilter with the given patches (the VirtualService of the solution stays). */
function gatewayLimit(patches: string): string {
  const vs = solution[API]!.split('\n---\n')[0]!;
  return `${vs}
---
apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: api-ratelimit
  namespace: istio-system
spec:
  workloadSelector:
    labels:
      istio: ingressgateway
  configPatches:
${patches}`;
}

const gatewayFilter = (value: string): string => `    - applyTo: HTTP_FILTER
      match:
        context: GATEWAY
        listener:
          filterChain:
            filter:
              name: envoy.filters.network.http_connection_manager
      patch:
        operation: INSERT_BEFORE
        value:
          name: envoy.filters.http.local_ratelimit
          typed_config:
            ${TYPED}
            value:
${value}
`;

const routePatch = (route: string, value: string): string => `    - applyTo: HTTP_ROUTE
      match:
        context: GATEWAY
        routeConfiguration:
          vhost:
            route:
              name: ${route}
      patch:
        operation: MERGE
        value:
          typed_per_filter_config:
            envoy.filters.http.local_ratelimit:
              "@type": type.googleapis.com/udpa.type.v1.TypedStruct
              type_url: type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit
              value:
${value}
`;

async function verdicts(files: Record<string, string>, step: string): Promise<Record<string, string>> {
  const report = await runChecks(lab, { ...solution, ...files }, { step });
  return Object.fromEntries(report.results.map((r) => [r.id, r.status]));
}

// Plausible answers the checks must catch, and different correct ones they must accept: graded on the status
// codes of the checks' own traffic on the virtual clock, not on the YAML.
describe('rate-limiting checks', { timeout: 120_000 }, () => {
  it('catches the istio.io task copied as it is: 4 pass, not 5', async () => {
    expect((await verdicts({ [PAGE]: pageLimit(4, 4, '60s') }, 'limit-productpage'))['five-then-429']).toBe('fail');
  });

  it('accepts the same rate as one token every 6 s: Envoy refills continuously, so it is the same bucket', async () => {
    expect(Object.values(await verdicts({ [PAGE]: pageLimit(5, 1, '6s') }, 'limit-productpage'))).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });

  it('catches a refill too slow (5 per minute) and one too fast (5 per 10 s)', async () => {
    for (const interval of ['60s', '10s']) {
      expect((await verdicts({ [PAGE]: pageLimit(5, 5, interval) }, 'limit-productpage'))['refills-every-30s']).toBe(
        'fail',
      );
    }
  });

  it('catches a limit without the response header', async () => {
    expect((await verdicts({ [PAGE]: pageLimit(5, 5, '30s', false) }, 'limit-productpage'))['refusal-says-so']).toBe(
      'fail',
    );
  });

  it('accepts istio.io’s route-level form in the default namespace', async () => {
    const routeLevel = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: filter-local-ratelimit-svc
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
              name: envoy.filters.network.http_connection_manager
      patch:
        operation: INSERT_BEFORE
        value:
          name: envoy.filters.http.local_ratelimit
          typed_config:
            ${TYPED}
            value:
              stat_prefix: http_local_rate_limiter
    - applyTo: HTTP_ROUTE
      match:
        context: SIDECAR_INBOUND
        routeConfiguration:
          vhost:
            name: "inbound|http|9080"
            route:
              action: ANY
      patch:
        operation: MERGE
        value:
          typed_per_filter_config:
            envoy.filters.http.local_ratelimit:
              "@type": type.googleapis.com/udpa.type.v1.TypedStruct
              type_url: type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit
              value:
${bucket(16, 5, 5, '30s')}
`;
    expect(Object.values(await verdicts({ [PAGE]: routeLevel }, 'limit-productpage'))).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });

  it('catches a route patch without the filter in the gateway’s chain: nothing reads it', async () => {
    const routeOnly = gatewayLimit(routePatch('api', bucket(16, 3, 3, '60s')));
    expect((await verdicts({ [API]: routeOnly }, 'limit-api'))['api-three-per-minute']).toBe('fail');
  });

  it('catches one bucket for the whole gateway: the pages are refused with the API', async () => {
    const wholeGateway = gatewayLimit(gatewayFilter(bucket(14, 3, 3, '60s')));
    expect(await verdicts({ [API]: wholeGateway }, 'limit-api')).toEqual({
      'api-three-per-minute': 'pass',
      'pages-not-limited': 'fail',
    });
  });

  it('accepts one token back every 20 s for the API route, under another route name', async () => {
    const renamed = gatewayLimit(
      gatewayFilter('              stat_prefix: gw') + routePatch('products-api', bucket(16, 3, 1, '20s', false)),
    ).replace('- name: api\n', '- name: products-api\n');
    expect(Object.values(await verdicts({ [API]: renamed }, 'limit-api'))).toEqual(['pass', 'pass']);
  });
});
