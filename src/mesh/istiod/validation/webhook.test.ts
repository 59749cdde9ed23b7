import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube';
import { docs, testCluster } from '../../kube/testing/fixtures';
import { istioValidationWebhook } from './webhook';

const DENIED = 'admission webhook "validation.istio.io" denied the request: configuration is invalid: ';

function cluster(): ReturnType<typeof testCluster> {
  const c = testCluster();
  c.kube.installIstioCrds();
  c.kube.registerValidatingWebhook(istioValidationWebhook);
  return c;
}

function vs(http: string, name = 'reviews'): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
spec:
  hosts: [reviews]
  http:
${http}`;
}

const TWO_ZERO = vs(`  - route:
    - destination: {host: reviews, subset: v1}
      weight: 0
    - destination: {host: reviews, subset: v3}
      weight: 0`);

/** The one message kubectl prints for a single-document command. */
function apply(kube: ReturnType<typeof cluster>['kube'], yaml: string, source = 'bad.yaml'): string {
  const [result] = kube.applyAll(docs(yaml), { namespace: 'default', source });
  return result!.ok ? [...result!.warnings, result!.message].join('\n') : result!.error.message;
}

describe("istiod's validating webhook", () => {
  it('denies a create as kubectl prints it, and the object is not stored', () => {
    const { kube } = cluster();
    expect(apply(kube, TWO_ZERO)).toBe(
      `Error from server: error when creating "bad.yaml": ${DENIED}total destination weight = 0`,
    );
    expect(kube.get('VirtualService', 'default', 'reviews')).toBeUndefined();
  });

  it('denies an update through apply (a patch), replace and create --dry-run=server, keeping the stored object', () => {
    const { kube } = cluster();
    const good = vs(`  - route:\n    - destination: {host: reviews, subset: v1}`);
    expect(apply(kube, good)).toBe('virtualservice.networking.istio.io/reviews created');
    const patched = apply(kube, TWO_ZERO);
    expect(patched).toMatch(/^Error from server: error when applying patch:\n\{.*\}\nto:\n/);
    expect(patched).toMatch(
      new RegExp(`\nfor: "bad.yaml": error when patching "bad.yaml": ${DENIED}total destination weight = 0$`),
    );
    const [replaced] = kube.replaceAll(docs(TWO_ZERO), { namespace: 'default', source: 'bad.yaml' });
    expect(!replaced!.ok && replaced!.error.message).toBe(
      `Error from server: error when replacing "bad.yaml": ${DENIED}total destination weight = 0`,
    );
    const stored = kube.get<KubeObject<{ http: { route: unknown[] }[] }>>('VirtualService', 'default', 'reviews');
    expect(stored?.spec?.http[0]?.route).toHaveLength(1);
    const [dry] = kube.createAll(docs(TWO_ZERO.replace('name: reviews', 'name: other')), {
      namespace: 'default',
      source: 'bad.yaml',
      dryRun: 'server',
    });
    expect(!dry!.ok && dry!.error.message).toContain(DENIED);
  });

  it("joins several errors as go-multierror prints them, in Istio's order", () => {
    const { kube } = cluster();
    const bad = vs(`  - fault:
      abort: {httpStatus: 700, percentage: {value: 100}}
    retries: {attempts: -1, retryOn: "5xx,nonsense,503"}
    route:
    - destination: {host: reviews, subset: v_1}
      weight: -5`);
    expect(apply(kube, bad)).toBe(
      `Error from server: error when creating "bad.yaml": ${DENIED}5 errors occurred:\n` +
        '\t* HTTP status 700 is not in range 200-599\n' +
        '\t* attempts cannot be negative\n' +
        '\t* "nonsense" is not a valid retryOn policy\n' +
        '\t* subset name is invalid: v_1\n' +
        '\t* weight -5 < 0\n\n',
    );
  });

  it('accepts weights that do not add up to 100 (Istio 1.15+) and a fault with a delay only', () => {
    const { kube } = cluster();
    const shifted = vs(`  - fault:
      delay: {fixedDelay: 7s, percentage: {value: 100}}
    route:
    - destination: {host: reviews, subset: v1}
      weight: 30
    - destination: {host: reviews, subset: v3}
      weight: 30`);
    expect(apply(kube, shifted)).toBe('virtualservice.networking.istio.io/reviews created');
    expect(apply(kube, vs(`  - fault: {}\n    route:\n    - destination: {host: reviews}`, 'empty-fault'))).toContain(
      `${DENIED}HTTP fault injection must have an abort and/or a delay`,
    );
  });

  it('passes warnings to kubectl: a rule after a catch-all is never used', () => {
    const { kube } = cluster();
    const shadowed = vs(`  - route:
    - destination: {host: reviews, subset: v1}
  - match:
    - headers: {end-user: {exact: jason}}
    route:
    - destination: {host: reviews, subset: v2}`);
    expect(apply(kube, shadowed)).toBe(
      'Warning: virtualService rule #1 not used (route without matches defined before)\n' +
        'virtualservice.networking.istio.io/reviews created',
    );
  });

  it('checks DestinationRules: subset names, outlier detection and connection pool values', () => {
    const { kube } = cluster();
    const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: httpbin
spec:
  host: httpbin
  trafficPolicy:
    connectionPool:
      tcp: {maxConnections: -1}
      http: {http1MaxPendingRequests: -1}
    outlierDetection:
      maxEjectionPercent: 150
  subsets:
  - name: v1
    labels: {version: v1}
  - name: v1
    labels: {version: v2}`;
    expect(apply(kube, dr)).toBe(
      `Error from server: error when creating "bad.yaml": ${DENIED}4 errors occurred:\n` +
        '\t* percentage 150 is not in range 0..100\n' +
        '\t* http1 max pending requests must be non-negative\n' +
        '\t* max connections must be non-negative\n' +
        '\t* duplicate subset names: v1\n\n',
    );
  });

  it('checks Gateways: at least one server, TLS settings for HTTPS', () => {
    const { kube } = cluster();
    const gateway = (servers: string): string =>
      `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  selector: {istio: ingressgateway}\n${servers}`;
    expect(apply(kube, gateway(''))).toBe(
      `Error from server: error when creating "bad.yaml": ${DENIED}gateway must have at least one server`,
    );
    expect(
      apply(kube, gateway('  servers:\n  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: ["*"]')),
    ).toContain(`${DENIED}server must have TLS settings for HTTPS/TLS protocols`);
  });

  it('checks AuthorizationPolicies: empty from/to shapes, prefixed with the policy', () => {
    const { kube } = cluster();
    const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-all
spec:
  action: DENY
  rules:
  - from:
    - source: {}
    to:
    - operation: {methods: [""]}`;
    expect(apply(kube, policy)).toBe(
      `Error from server: error when creating "bad.yaml": ${DENIED}2 errors occurred:\n` +
        '\t* invalid policy deny-all.default: `from.source` must not be empty, found at rule 0\n' +
        '\t* invalid policy deny-all.default: empty value not allowed, found in Methods\n\n',
    );
    const denyWithoutRules = policy.replace(/ {2}rules:[\s\S]*$/, '');
    expect(apply(kube, denyWithoutRules)).toContain('DENY action without `rules` is meaningless');
  });

  it('checks ServiceEntries, PeerAuthentications and Telemetry', () => {
    const { kube } = cluster();
    const se = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ext
spec:
  hosts: ["*"]
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS`;
    expect(apply(kube, se)).toContain(`${DENIED}2 errors occurred:\n\t* invalid host *\n`);
    const pa = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls: {mode: STRICT}
  portLevelMtls:
    "8080": {mode: DISABLE}`;
    expect(apply(kube, pa)).toContain(`${DENIED}mesh/namespace peer authentication cannot have port level mTLS`);
    const telemetry = `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata:
  name: mesh-default
spec:
  metrics:
  - overrides:
    - tagOverrides:
        request_host: {operation: REMOVE, value: x}`;
    expect(apply(kube, telemetry)).toContain(`${DENIED}tagOverrides.value may only be set when operation is UPSERT`);
  });

  it('is gone once removed (istiod stopped): the same object is stored', () => {
    const { kube } = cluster();
    kube.removeValidatingWebhook('validation.istio.io');
    expect(apply(kube, TWO_ZERO)).toBe('virtualservice.networking.istio.io/reviews created');
  });
});
