import { describe, expect, it } from 'vitest';
import { histogramQuantile } from './histogram-quantile';

const buckets = (pairs: Array<[number, number]>) => pairs.map(([le, count]) => ({ le, count }));

describe("histogramQuantile (Prometheus' interpolation)", () => {
  const latencies = buckets([
    [5, 0],
    [10, 4],
    [25, 8],
    [Infinity, 10],
  ]);

  it('interpolates linearly inside the bucket that holds the rank, from the bound below it', () => {
    expect(histogramQuantile(0.5, latencies)).toBe(13.75); // rank 5: the first of the 4 between 10 and 25
    expect(histogramQuantile(0.2, latencies)).toBe(7.5); // rank 2: half of the 4 between 5 and 10
    expect(histogramQuantile(0.8, latencies)).toBe(25); // rank 8: the top of its bucket
  });

  it('answers the highest finite bound for a rank in +Inf, and starts the first bucket at 0', () => {
    expect(histogramQuantile(0.99, latencies)).toBe(25);
    expect(
      histogramQuantile(
        0.5,
        buckets([
          [100, 2],
          [Infinity, 2],
        ]),
      ),
    ).toBe(50);
  });

  it('is NaN without observations or without +Inf, and ±Inf outside 0…1', () => {
    expect(
      histogramQuantile(
        0.5,
        buckets([
          [10, 0],
          [Infinity, 0],
        ]),
      ),
    ).toBeNaN();
    expect(
      histogramQuantile(
        0.5,
        buckets([
          [10, 3],
          [20, 4],
        ]),
      ),
    ).toBeNaN();
    expect(histogramQuantile(-1, latencies)).toBe(-Infinity);
    expect(histogramQuantile(2, latencies)).toBe(Infinity);
  });

  it('adds buckets of one bound (several series summed by le), in any order, and keeps counts cumulative', () => {
    const summed = buckets([
      [Infinity, 6],
      [10, 2],
      [25, 4],
      [Infinity, 4],
      [10, 2],
      [25, 4],
    ]);
    expect(histogramQuantile(0.5, summed)).toBe(13.75);
    expect(
      histogramQuantile(
        0.5,
        buckets([
          [10, 4],
          [25, 3],
          [Infinity, 4],
        ]),
      ),
    ).toBe(
      histogramQuantile(
        0.5,
        buckets([
          [10, 4],
          [25, 4],
          [Infinity, 4],
        ]),
      ),
    );
  });
});
