import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';

const lab = getLab('mutual-tls')!;

const policy = (name: string, namespace: string, body: string) => `---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${body}`;
const STRICT = '  mtls:\n    mode: STRICT\n';
const httpbinOnly = (rest: string) => `  selector:\n    matchLabels:\n      app: httpbin\n${rest}`;

async function gradeBreakIt(exception: string) {
  const report = await runChecks(lab, { ...lab.solution, 'exception.yaml': exception }, { step: 'break-it' });
  return { status: report.status, results: Object.fromEntries(report.results.map((r) => [r.id, r])) };
}

// The call table decides, not the YAML: another correct exception passes, and near misses fail on the cell that
// shows the miss.
describe('the mutual-tls checks', { timeout: 120_000 }, () => {
  it('pass the break-it step with a port-level exception on the container port', async () => {
    const portLevel = policy(
      'httpbin-8080',
      'bar',
      httpbinOnly('  mtls:\n    mode: STRICT\n  portLevelMtls:\n    8080:\n      mode: PERMISSIVE\n'),
    );
    const { status } = await gradeBreakIt(portLevel);
    expect(status).toBe('passed');
  });

  it('fail it when the port-level exception names the Service port 8000', async () => {
    const servicePort = policy(
      'httpbin-8000',
      'bar',
      httpbinOnly('  mtls:\n    mode: STRICT\n  portLevelMtls:\n    8000:\n      mode: PERMISSIVE\n'),
    );
    const { status, results } = await gradeBreakIt(servicePort);
    expect(status).toBe('failed');
    expect(results['legacy-reaches-httpbin-bar']!.seen!.en).toBe('curl.legacy to httpbin.bar: 000 (curl exit 56)');
  });

  it('fail it when bar’s namespace policy turns PERMISSIVE: helloworld opens too', async () => {
    const file =
      policy('default', 'istio-system', STRICT) + policy('default', 'bar', '  mtls:\n    mode: PERMISSIVE\n');
    const { results } = await gradeBreakIt(file);
    expect(results['legacy-reaches-httpbin-bar']!.status).toBe('pass');
    expect(results['others-stay-strict']!.status).toBe('fail');
    expect(results['others-stay-strict']!.seen!.en).toBe(
      'curl.legacy to httpbin.foo: 000 (curl exit 56); curl.legacy to helloworld.bar: 200',
    );
  });

  it('fail the strict-bar step with a mesh-wide policy: foo is locked too', async () => {
    const report = await runChecks(
      lab,
      { ...lab.solution, 'strict-bar.yaml': policy('default', 'istio-system', STRICT) },
      {
        step: 'strict-bar',
      },
    );
    const results = Object.fromEntries(report.results.map((r) => [r.id, r]));
    expect(results['legacy-reset-in-bar']!.status).toBe('pass');
    expect(results['foo-still-permissive']!.status).toBe('fail');
  });

  it('fail the strict-bar step when the policy selects httpbin alone: helloworld still takes plaintext', async () => {
    const httpbinStrict = policy('default', 'bar', httpbinOnly(STRICT));
    const report = await runChecks(lab, { ...lab.solution, 'strict-bar.yaml': httpbinStrict }, { step: 'strict-bar' });
    const results = Object.fromEntries(report.results.map((r) => [r.id, r]));
    expect(results['legacy-reset-in-bar']!.status).toBe('fail');
    expect(results['legacy-reset-in-bar']!.seen!.en).toBe(
      'curl.legacy to httpbin.bar: 000 (curl exit 56); curl.legacy to helloworld.bar: 200',
    );
  });
});
