import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';

const lab = getLab('mtls-identity')!;
const PEER = 'peer-authentication.yaml';
const AUTHZ = 'authorization-policy.yaml';

const peer = (namespace: string, mode: string) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: ${namespace}
spec:
  mtls:
    mode: ${mode}
`;

const allow = (source: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: invoices-callers
  namespace: billing
spec:
  selector:
    matchLabels:
      app: invoices
  action: ALLOW
  rules:
    - from:
        - source:
            ${source}
`;

/** Grades `step` on the lab's files as they are after it (the starter's for later steps), with `files` over them. */
async function grade(step: 'strict-namespace' | 'one-caller', files: Record<string, string>) {
  const base = step === 'one-caller' ? lab.solution : { ...lab.solution, [AUTHZ]: lab.starter[AUTHZ]! };
  const report = await runChecks(lab, { ...base, ...files }, { step });
  return { status: report.status, results: Object.fromEntries(report.results.map((r) => [r.id, r])) };
}

// The outcome matrix decides, not the YAML: other correct policies pass, and near misses fail on the client
// that shows the miss.
describe('the mtls-identity checks', { timeout: 60_000 }, () => {
  it('fail step 2 under PERMISSIVE: batch’s plaintext gets a 200', async () => {
    const { status, results } = await grade('strict-namespace', { [PEER]: peer('billing', 'PERMISSIVE') });
    expect(status).toBe('failed');
    expect(results['plaintext-reset']!.status).toBe('fail');
    expect(results['plaintext-reset']!.seen!.en).toBe('batch (jobs) → 200');
    expect(results['sidecar-clients-ok']!.status).toBe('pass');
  });

  it('pass step 2 with a mesh-wide STRICT policy in istio-system', async () => {
    const { status, results } = await grade('strict-namespace', { [PEER]: peer('istio-system', 'STRICT') });
    expect(status).toBe('passed');
    expect(results['plaintext-reset']!.seen!.en).toBe('batch (jobs) → 000, curl exit 56');
  });

  it('fail step 2 when a DestinationRule turns the clients’ TLS off: their sidecars answer 503', async () => {
    const plaintext = `${peer('billing', 'STRICT')}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: invoices
  namespace: billing
spec:
  host: invoices.billing.svc.cluster.local
  trafficPolicy:
    tls:
      mode: DISABLE
`;
    const { results } = await grade('strict-namespace', { [PEER]: plaintext });
    expect(results['plaintext-reset']!.status).toBe('pass');
    expect(results['sidecar-clients-ok']!.status).toBe('fail');
    expect(results['sidecar-clients-ok']!.seen!.en).toBe('checkout (billing) → 503; reports (billing) → 503');
  });

  it('fail step 3 when the policy admits the wrong identity', async () => {
    const wrong = allow('principals: ["cluster.local/ns/billing/sa/reports"]');
    const { status, results } = await grade('one-caller', { [AUTHZ]: wrong });
    expect(status).toBe('failed');
    expect(results['checkout-admitted']!.status).toBe('fail');
    expect(results['checkout-admitted']!.seen!.en).toBe('checkout (billing) → 403');
    expect(results['reports-denied']!.status).toBe('fail');
  });

  it('fail step 3 when the policy admits the whole namespace', async () => {
    const { results } = await grade('one-caller', { [AUTHZ]: allow('namespaces: ["billing"]') });
    expect(results['checkout-admitted']!.status).toBe('pass');
    expect(results['reports-denied']!.status).toBe('fail');
    expect(results['reports-denied']!.seen!.en).toBe('reports (billing) → 200');
  });

  it('fail step 3 when STRICT is dropped: batch gets a 403 instead of a reset', async () => {
    const { results } = await grade('one-caller', { [PEER]: peer('billing', 'PERMISSIVE') });
    expect(results['reports-denied']!.status).toBe('pass');
    expect(results['plaintext-still-reset']!.status).toBe('fail');
    expect(results['plaintext-still-reset']!.seen!.ko).toBe('batch (jobs) → 403');
  });
});
