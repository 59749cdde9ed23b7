import { describe, expect, it } from 'vitest';
import { fractionOf } from '../../xds';
import { translateFault } from './fault';

describe('translateFault', () => {
  it('turns percentage.value into a FractionalPercent over a million', () => {
    const f = translateFault({
      delay: { fixedDelay: '7s', percentage: { value: 12.5 } },
      abort: { httpStatus: 500, percentage: { value: 100 } },
    });
    expect(f).toEqual({
      delay: { fixed_delay: '7s', percentage: { numerator: 125_000, denominator: 'MILLION' } },
      abort: { http_status: 500, percentage: { numerator: 1_000_000, denominator: 'MILLION' } },
    });
    expect(fractionOf(f?.delay?.percentage)).toBe(0.125);
    expect(translateFault({ delay: { fixedDelay: '1s', percentage: { value: 0.1 } } })?.delay?.percentage).toEqual({
      numerator: 1000,
      denominator: 'MILLION',
    });
  });

  it('injects nothing without a percentage: delay at 0 %, abort with no percentage (Envoy reads 0 %)', () => {
    const f = translateFault({ delay: { fixedDelay: '5s' }, abort: { httpStatus: 503 } });
    expect(f?.delay?.percentage).toEqual({ numerator: 0, denominator: 'HUNDRED' });
    expect(fractionOf(f?.delay?.percentage)).toBe(0);
    expect(f?.abort).toEqual({ http_status: 503 });
    expect(fractionOf(f?.abort?.percentage)).toBe(0);
  });

  it('still accepts the deprecated integer percent for delays', () => {
    expect(translateFault({ delay: { fixedDelay: '2s', percent: 40 } })?.delay?.percentage).toEqual({
      numerator: 40,
      denominator: 'HUNDRED',
    });
  });

  it('drops what Istio cannot express: exponential delays, gRPC aborts; nothing left is no fault', () => {
    expect(translateFault({ delay: { exponentialDelay: '1s', percentage: { value: 50 } } })).toBeUndefined();
    expect(translateFault({ abort: { grpcStatus: 'UNAVAILABLE', percentage: { value: 50 } } })).toBeUndefined();
    expect(translateFault(undefined)).toBeUndefined();
  });
});
