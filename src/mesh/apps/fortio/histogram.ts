import { formatG } from '../go-format';

/**
 * fortio's stats package: a counter (count, min, max, sum, stddev) and a histogram with fixed bucket
 * boundaries, exported and printed line for line as `fortio load` prints them.
 */
export class Counter {
  count = 0;
  min = 0;
  max = 0;
  sum = 0;
  private sumOfSquares = 0;

  record(value: number): void {
    if (this.count === 0) {
      this.min = value;
      this.max = value;
    } else if (value < this.min) this.min = value;
    else if (value > this.max) this.max = value;
    this.count++;
    this.sum += value;
    this.sumOfSquares += value * value;
  }

  avg(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  stdDev(): number {
    if (this.count === 0) return 0;
    const sigma = (this.sumOfSquares - (this.sum * this.sum) / this.count) / this.count;
    return sigma < 0 ? 0 : Math.sqrt(sigma);
  }

  /** Merges `other` into this counter. */
  add(other: Counter): void {
    if (other.count === 0) return;
    if (this.count === 0) {
      this.min = other.min;
      this.max = other.max;
    } else {
      this.min = Math.min(this.min, other.min);
      this.max = Math.max(this.max, other.max);
    }
    this.count += other.count;
    this.sum += other.sum;
    this.sumOfSquares += other.sumOfSquares;
  }

  /** `msg : count 20 avg 0.0056869 +/- 0.003869 min 0.000499 max 0.0144329 sum 0.113738` */
  line(msg: string): string {
    return (
      `${msg} : count ${this.count} avg ${formatG(this.avg(), 8)} +/- ${formatG(this.stdDev(), 4)} ` +
      `min ${formatG(this.min)} max ${formatG(this.max)} sum ${formatG(this.sum, 9)}`
    );
  }
}

// Bucket upper bounds (after offset and divider); intervals are ]previous, bound].
const BUCKETS = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100, 120, 140, 160,
  180, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000, 2000, 3000, 4000, 5000, 7500, 10000, 20000, 30000,
  40000, 50000, 75000, 100000,
];
const LAST_BOUND = BUCKETS[BUCKETS.length - 1]!;

export interface Bucket {
  start: number;
  end: number;
  /** Cumulative percentage up to and including this bucket. */
  percent: number;
  count: number;
}

export interface HistogramData {
  count: number;
  min: number;
  max: number;
  sum: number;
  avg: number;
  stdDev: number;
  buckets: Bucket[];
  percentiles: { percentile: number; value: number }[];
}

export const DEFAULT_PERCENTILES = [50, 75, 90, 99, 99.9];

export class Histogram extends Counter {
  /** One slot per bound, plus the overflow bucket (> the last bound). */
  private readonly data = new Array<number>(BUCKETS.length + 1).fill(0);

  constructor(
    private readonly offset: number,
    private readonly divider: number,
  ) {
    super();
  }

  override record(value: number): void {
    super.record(value);
    const scaled = (value - this.offset) / this.divider;
    let index: number;
    if (scaled <= BUCKETS[0]!) index = 0;
    else if (scaled > LAST_BOUND) index = BUCKETS.length;
    else {
      // Intervals are open on the left: a value exactly on a bound belongs to the bucket it closes.
      let whole = Math.trunc(scaled);
      if (scaled - whole < 1e-12) whole--;
      index = BUCKETS.findIndex((bound) => bound > whole);
    }
    this.data[index]! += 1;
  }

  addHistogram(other: Histogram): void {
    this.add(other);
    for (let i = 0; i < this.data.length; i++) this.data[i]! += other.data[i]!;
  }

  export(percentiles: readonly number[] = DEFAULT_PERCENTILES): HistogramData {
    const result: HistogramData = {
      count: this.count,
      min: this.min,
      max: this.max,
      sum: this.sum,
      avg: this.avg(),
      stdDev: this.stdDev(),
      buckets: [],
      percentiles: [],
    };
    const lastIndex = this.data.findLastIndex((n) => n > 0);
    if (lastIndex < 0) return result;
    let previous = BUCKETS[0]!;
    let total = 0;
    for (let i = 0; i <= lastIndex; i++) {
      const count = this.data[i]!;
      if (count === 0) {
        if (i < BUCKETS.length) previous = BUCKETS[i]!;
        continue;
      }
      total += count;
      const bucket: Bucket = {
        start: result.buckets.length === 0 ? this.min : this.divider * previous + this.offset,
        end: 0,
        percent: (100 * total) / this.count,
        count,
      };
      if (i < BUCKETS.length) {
        bucket.end = this.divider * BUCKETS[i]! + this.offset;
        previous = BUCKETS[i]!;
      } else {
        bucket.start = this.divider * previous + this.offset;
        bucket.end = this.max;
      }
      result.buckets.push(bucket);
    }
    result.buckets[result.buckets.length - 1]!.end = this.max;
    result.percentiles = percentiles.map((percentile) => ({ percentile, value: percentileOf(result, percentile) }));
    return result;
  }
}

/** Linear interpolation inside the bucket that reaches `percentile`, as fortio estimates it. */
function percentileOf(data: HistogramData, percentile: number): number {
  if (percentile >= 100) return data.max;
  let previousPercent = 100 / data.count;
  if (percentile <= previousPercent) return data.min;
  for (const bucket of data.buckets) {
    if (percentile <= bucket.percent) {
      return (
        bucket.start +
        ((percentile - previousPercent) / (bucket.percent - previousPercent)) * (bucket.end - bucket.start)
      );
    }
    previousPercent = bucket.percent;
  }
  return data.max;
}

/** The histogram block of fortio's report (`msg : no data` when empty). */
export function histogramLines(data: HistogramData, msg: string): string[] {
  if (data.buckets.length === 0) return [`${msg} : no data`];
  const lines = [
    `${msg} : count ${data.count} avg ${formatG(data.avg, 8)} +/- ${formatG(data.stdDev, 4)} min ${formatG(data.min)} max ${formatG(data.max)} sum ${formatG(data.sum, 9)}`,
    '# range, mid point, percentile, count',
  ];
  data.buckets.forEach((b, i) => {
    const sep = i === 0 ? '>=' : '>';
    lines.push(
      `${sep} ${formatG(b.start, 6)} <= ${formatG(b.end, 6)} , ${formatG((b.start + b.end) / 2, 6)} , ${b.percent.toFixed(2)}, ${b.count}`,
    );
  });
  for (const p of data.percentiles) lines.push(`# target ${formatG(p.percentile)}% ${formatG(p.value, 6)}`);
  return lines;
}
