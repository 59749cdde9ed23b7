import { describe, expect, it } from 'vitest';
import {
  chartSpanMs,
  defaultQuery,
  fitQuery,
  formatValue,
  groupName,
  seriesStyle,
  sortRows,
  timeTicks,
  valueTicks,
} from './metrics-model';

describe('the Metrics tab model', () => {
  it('draws round value ticks that reach the highest value, and time ticks back to the oldest scrape', () => {
    expect(valueTicks(3)).toEqual([0, 1, 2, 3]);
    expect(valueTicks(7.3)).toEqual([0, 2, 4, 6, 8]);
    expect(valueTicks(0.37)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(valueTicks(0)).toEqual([0, 1]);
    expect(timeTicks(25_000)).toEqual([0, 10_000, 20_000]);
    const result = { kind: 'counter' as const, windowMs: 10_000, now: 90_000, current: [] };
    expect(
      chartSpanMs({
        ...result,
        series: [
          {
            labels: {},
            points: [
              [30_000, 1],
              [90_000, 1],
            ],
          },
        ],
      }),
    ).toBe(60_000);
    expect(chartSpanMs({ ...result, series: [] })).toBe(10_000);
    expect(timeTicks(300_000)).toEqual([0, 60_000, 120_000, 180_000, 240_000, 300_000]);
  });

  it('names a group by its labels and tells the ninth colour from the first by a dash', () => {
    expect(groupName({ destination_workload: 'reviews-v2', response_code: '503' })).toBe(
      'destination_workload=reviews-v2, response_code=503',
    );
    expect(groupName({ destination_workload: '' })).toBe('destination_workload=""');
    expect(groupName({})).toBeNull();
    expect(seriesStyle(8)).toEqual({ colour: seriesStyle(0).colour, dashed: true });
  });

  it('opens on istio_requests_total by workload, and drops labels a metric no longer has', () => {
    const requests = {
      name: 'istio_requests_total',
      kind: 'counter' as const,
      labels: { destination_workload: ['a'] },
    };
    const other = { name: 'envoy_cluster_upstream_rq_total', kind: 'counter' as const, labels: {} };
    expect(defaultQuery([other, requests])).toEqual({
      metric: 'istio_requests_total',
      groupBy: ['destination_workload'],
      filters: {},
    });
    expect(defaultQuery([other])).toEqual({ metric: other.name, groupBy: [], filters: {} });
    expect(defaultQuery([])).toBeUndefined();
    const asked = {
      metric: requests.name,
      groupBy: ['pod', 'destination_workload'],
      filters: { pod: 'x' },
      show: 'p99' as const,
    };
    expect(fitQuery(asked, requests)).toEqual({
      metric: requests.name,
      groupBy: ['destination_workload'],
      filters: {},
    });
  });

  it('sorts rows by a label (numbers as numbers) or by a value, either way', () => {
    const row = (code: string, rate: number) => ({ labels: { response_code: code }, rate, total: rate });
    const rows = [row('503', 1), row('200', 3), row('80', 2)];
    expect(sortRows(rows, { column: 'response_code', descending: false }).map((r) => r.labels.response_code)).toEqual([
      '80',
      '200',
      '503',
    ]);
    expect(sortRows(rows, { column: 'rate', descending: true }).map((r) => r.rate)).toEqual([3, 2, 1]);
  });

  it('writes numbers as the page language does', () => {
    expect(formatValue(1234.5, 'en')).toBe('1,235');
    expect(formatValue(2.345, 'ko')).toBe('2.35');
    expect(formatValue(12.34, 'en')).toBe('12.3');
  });
});
