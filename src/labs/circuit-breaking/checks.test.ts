import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';

const lab = getLab('circuit-breaking')!;
const FILE = 'circuit-breaking.yaml';

function rule(trafficPolicy: string): Record<string, string> {
  return {
    [FILE]: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: httpbin
spec:
  host: httpbin
  trafficPolicy:
${trafficPolicy}`,
  };
}

const TWO_PENDING = `    connectionPool:
      tcp:
        maxConnections: 2
      http:
        http1MaxPendingRequests: 2
`;

async function verdicts(files: Record<string, string>, step: string): Promise<Record<string, string>> {
  const report = await runChecks(lab, files, { step });
  return Object.fromEntries(report.results.map((r) => [r.id, r.status]));
}

// Plausible answers the checks must catch, and a different correct one they must accept: graded on fortio's
// traffic, not on the YAML.
describe('circuit-breaking checks', { timeout: 120_000 }, () => {
  it('catches the istio.io task’s rule copied as it is: two callers already see 503s', async () => {
    const task = rule(`    connectionPool:
      tcp:
        maxConnections: 1
      http:
        http1MaxPendingRequests: 1
        maxRequestsPerConnection: 1
`);
    expect((await verdicts(task, 'allow-two'))['two-callers-served']).toBe('fail');
  });

  it('catches a connection limit without a queue limit: the crowd waits instead of being refused', async () => {
    const queueForever = rule(`    connectionPool:
      tcp:
        maxConnections: 2
`);
    expect(await verdicts(queueForever, 'allow-two')).toEqual({
      'two-callers-served': 'pass',
      'crowd-refused-fast': 'fail',
    });
  });

  it('catches outlier detection left at maxEjectionPercent’s default: one host of two is never ejected', async () => {
    const tenPercent = rule(`${TWO_PENDING}    outlierDetection:
      consecutive5xxErrors: 3
      interval: 5s
      baseEjectionTime: 1m
`);
    expect((await verdicts(tenPercent, 'eject-broken'))['broken-ejected-fast']).toBe('fail');
  });

  it('catches the task’s three-minute ejection: the replica does not come back within 75 s', async () => {
    const threeMinutes = rule(`${TWO_PENDING}    outlierDetection:
      consecutive5xxErrors: 1
      interval: 1s
      baseEjectionTime: 3m
      maxEjectionPercent: 100
`);
    expect(await verdicts(threeMinutes, 'eject-broken')).toEqual({
      'broken-ejected-fast': 'pass',
      'broken-returns-after-a-minute': 'fail',
    });
  });

  it('accepts one connection with a queue of two, and gateway errors with the default interval', async () => {
    const oneConnection = rule(`    connectionPool:
      tcp:
        maxConnections: 1
      http:
        http1MaxPendingRequests: 2
`);
    expect(Object.values(await verdicts(oneConnection, 'allow-two'))).toEqual(['pass', 'pass']);
    const gateway = rule(`${TWO_PENDING}    outlierDetection:
      consecutiveGatewayErrors: 2
      baseEjectionTime: 60s
      maxEjectionPercent: 100
`);
    expect(Object.values(await verdicts(gateway, 'eject-broken'))).toEqual(['pass', 'pass']);
  });
});
