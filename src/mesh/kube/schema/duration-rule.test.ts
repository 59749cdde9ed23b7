import { describe, expect, it } from 'vitest';
import { docs, lines, REVIEWS_DR, REVIEWS_VS, testCluster } from '../testing/fixtures';

const ns = { namespace: 'default' };

describe('the CEL rule on Istio durations', () => {
  it('refuses a duration under 1ms or one that does not parse, by field, and takes the rest', () => {
    const { kube } = testCluster();
    kube.installIstioCrds();
    const rule = (field: string): string =>
      `${field}: Invalid value: "string": must be a valid duration greater than 1ms`;
    const detector = (interval: string, base: string): unknown[] =>
      docs(
        REVIEWS_DR.replace(
          '  subsets:',
          `  trafficPolicy:\n    outlierDetection:\n      interval: ${interval}\n      baseEjectionTime: ${base}\n  subsets:`,
        ),
      );
    expect(lines(kube.applyAll(detector('1us', '0s'), ns))).toEqual([
      'The DestinationRule "reviews" is invalid: \n' +
        `* ${rule('spec.trafficPolicy.outlierDetection.interval')}\n` +
        `* ${rule('spec.trafficPolicy.outlierDetection.baseEjectionTime')}`,
    ]);
    expect(lines(kube.applyAll(detector('1ms', '-5s'), ns))).toEqual([
      `The DestinationRule "reviews" is invalid: ${rule('spec.trafficPolicy.outlierDetection.baseEjectionTime')}`,
    ]);
    expect(lines(kube.applyAll(detector('10s', '1m30s'), ns))).toEqual([
      'destinationrule.networking.istio.io/reviews created',
    ]);
    const timeout = REVIEWS_VS.replace('  - route:', '  - timeout: 0s\n    route:');
    expect(lines(kube.applyAll(docs(timeout), ns))).toEqual([
      `The VirtualService "reviews" is invalid: ${rule('spec.http[0].timeout')}`,
    ]);
  });
});
