import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { createLabSession, TERMINAL_SEED } from '../lab-session';
import { getLab } from '../registry';
import { parseRequestsTotal, sumWhere } from './telemetry-reads';

const lab = getLab('observability')!;
const solution = lab.solution;
const TELEMETRY = 'telemetry.yaml';
const FAULT = 'details-fault.yaml';

function telemetry(namespace: string, labels: Record<string, string> | undefined, extra = ''): string {
  const selector =
    labels === undefined
      ? ''
      : `  selector:\n    matchLabels:\n${Object.entries(labels)
          .map(([k, v]) => `      ${k}: ${v}\n`)
          .join('')}`;
  return `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata:
  name: logs
  namespace: ${namespace}
spec:
${selector}  accessLogging:
    - providers:
        - name: envoy
${extra}`;
}

function detailsFault(abort: string, sourceLabels = ''): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: details-errors
spec:
  hosts: [details]
  http:
    - ${sourceLabels}fault:
        ${abort}
      route:
        - destination: { host: details }
`;
}

async function verdicts(files: Record<string, string>, step: string): Promise<Record<string, string>> {
  const report = await runChecks(lab, { ...solution, ...files }, { step });
  return Object.fromEntries(report.results.map((r) => [r.id, r.status]));
}

// Plausible answers the checks must catch, and different correct ones they must accept: graded on the sidecars'
// logs and counters for the checks' own traffic, not on the YAML.
describe('observability checks', { timeout: 120_000 }, () => {
  it('the quiz’s answers are what the hidden fault really does: reviews-v3 → ratings, 500 FI, seen by the source only', async () => {
    const session = await createLabSession(lab.meta, { seed: TERMINAL_SEED, clock: 'virtual', files: lab.starter });
    try {
      for (const line of lab.steps[0]!.solution.commands) await session.run(line);
      await session.run(
        'for i in $(seq 1 30); do curl -s -o /dev/null "http://$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath={.status.loadBalancer.ingress[0].hostname})/productpage"; done',
      );
      const stats = async (d: string) =>
        parseRequestsTotal(
          (await session.run(`kubectl exec deploy/${d} -c istio-proxy -- pilot-agent request GET stats/prometheus`))
            .stdout,
        );
      const v3 = await stats('reviews-v3');
      const failing = v3.filter((s) => s.labels['response_code']!.startsWith('5'));
      expect(
        failing.map((s) => [
          s.labels['reporter'],
          s.labels['destination_service_name'],
          s.labels['response_code'],
          s.labels['response_flags'],
        ]),
      ).toEqual([['source', 'ratings', '500', 'FI']]);
      for (const d of ['productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'ratings-v1']) {
        expect(sumWhere(await stats(d), {}, '5'), d).toBe(0);
      }
      expect(
        sumWhere(await stats('reviews-v2'), { reporter: 'source', destination_service_name: 'ratings' }),
      ).toBeGreaterThan(0);
    } finally {
      session.dispose();
    }
  });

  it('catches app: reviews alone: reviews-v1 and v2 log too', async () => {
    expect(await verdicts({ [TELEMETRY]: telemetry('default', { app: 'reviews' }) }, 'log-one-workload')).toEqual({
      'reviews-v3-logs': 'pass',
      'others-silent': 'fail',
    });
  });

  it('catches a workload selector in istio-system, which reaches no workload in default', async () => {
    expect(
      (
        await verdicts(
          { [TELEMETRY]: telemetry('istio-system', { app: 'reviews', version: 'v3' }) },
          'log-one-workload',
        )
      )['reviews-v3-logs'],
    ).toBe('fail');
  });

  it('accepts version: v3 alone, server side only', async () => {
    const serverOnly = telemetry('default', { version: 'v3' }, '      match:\n        mode: SERVER\n');
    expect(await verdicts({ [TELEMETRY]: serverOnly }, 'log-one-workload')).toEqual({
      'reviews-v3-logs': 'pass',
      'others-silent': 'pass',
    });
  });

  it('catches percentage 0.25 read as a fraction', async () => {
    const fault = detailsFault('abort: { percentage: { value: 0.25 }, httpStatus: 503 }');
    expect((await verdicts({ [FAULT]: fault }, 'break-it'))['details-error-share']).toBe('fail');
  });

  it('catches the right share with 500 instead of 503', async () => {
    const fault = detailsFault('abort: { percentage: { value: 25 }, httpStatus: 500 }');
    expect((await verdicts({ [FAULT]: fault }, 'break-it'))['details-error-share']).toBe('fail');
  });

  it('accepts another name and a match on productpage as the source', async () => {
    const fault = detailsFault(
      'abort: { percentage: { value: 25 }, httpStatus: 503 }',
      'match:\n        - sourceLabels: { app: productpage }\n      ',
    );
    expect((await verdicts({ [FAULT]: fault }, 'break-it'))['details-error-share']).toBe('pass');
  });
});
