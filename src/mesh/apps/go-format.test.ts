import { describe, expect, it } from 'vitest';
import { Histogram, histogramLines } from './fortio/histogram';
import { formatG, formatGoDuration, parseGoDuration } from './go-format';
import { MESH_EPOCH_MS, isoTimestamp } from '../sim';
import { commonLogTimestamp, httpDate } from './wall-clock';

describe('Go number formatting', () => {
  it.each([
    [0.0056869, 8, '0.0056869'],
    [0.003869, 4, '0.003869'],
    [0.000499, undefined, '0.000499'],
    [9.155e-5, 4, '9.155e-05'],
    [334.1605, 5, '334.16'],
    [200, undefined, '200'],
    [1e6, undefined, '1e+06'],
    [1234567, 6, '1.23457e+06'],
    [0.00583333333, 6, '0.00583333'],
    [0, 4, '0'],
    [Infinity, 5, '+Inf'],
  ] as const)('formatG(%s, %s) = %s', (value, precision, expected) => {
    expect(formatG(value, precision)).toBe(expected);
  });

  it('prints durations as time.Duration.String does and parses them back', () => {
    expect(formatGoDuration(59.8524e6)).toBe('59.8524ms');
    expect(formatGoDuration(20.000083426e9)).toBe('20.000083426s');
    expect(formatGoDuration(60.5e9)).toBe('1m0.5s');
    expect(formatGoDuration(850e3)).toBe('850µs');
    expect(formatGoDuration(0)).toBe('0s');
    expect(parseGoDuration('1m30s')).toBe(90e9);
    expect(parseGoDuration('250ms')).toBe(250e6);
    expect(parseGoDuration('7')).toBeUndefined();
  });
});

describe('fortio histogram', () => {
  it('buckets, interpolates percentiles and prints lines as fortio does', () => {
    const h = new Histogram(0, 0.001);
    h.record(0.001);
    h.record(0.0025);
    expect(histogramLines(h.export(), 'Aggregated Function Time')).toEqual([
      'Aggregated Function Time : count 2 avg 0.00175 +/- 0.00075 min 0.001 max 0.0025 sum 0.0035',
      '# range, mid point, percentile, count',
      '>= 0.001 <= 0.001 , 0.001 , 50.00, 1',
      '> 0.002 <= 0.0025 , 0.00225 , 100.00, 1',
      '# target 50% 0.001',
      '# target 75% 0.00225',
      '# target 90% 0.0024',
      '# target 99% 0.00249',
      '# target 99.9% 0.002499',
    ]);
    expect(histogramLines(new Histogram(0, 0.001).export(), 'Error cases')).toEqual(['Error cases : no data']);
  });
});

describe('wall clock', () => {
  it('formats the simulation epoch without reading the real date', () => {
    expect(httpDate(MESH_EPOCH_MS)).toBe('Thu, 01 Jan 2026 00:00:00 GMT');
    expect(isoTimestamp(MESH_EPOCH_MS + 61_234)).toBe('2026-01-01T00:01:01.234Z');
    expect(commonLogTimestamp(MESH_EPOCH_MS + 86_400_000 * 59)).toBe('01/Mar/2026:00:00:00 +0000');
    expect(httpDate(951782400000)).toBe('Tue, 29 Feb 2000 00:00:00 GMT');
  });
});
