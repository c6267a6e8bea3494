// A sample seen as a step function: count and inverse CDF. Sorted arrays and histograms both fit.
import type { LatencyHistogram } from './latency-histogram.js';

/** A sample of n values, viewed through its empirical quantile function. */
export interface EmpiricalDistribution {
  /** Sample size n. */
  readonly count: number;
  /**
   * The k-th smallest value (1-based rank, 1 ≤ k ≤ n): the nearest-rank order statistic.
   */
  valueAtRank(rank: number): number;
}

/** Nearest-rank percentile of a distribution: the value at rank ⌈p/100 · n⌉ (at least 1). */
export function nearestRankPercentile(dist: EmpiricalDistribution, p: number): number {
  if (dist.count === 0) return Number.NaN;
  return dist.valueAtRank(percentileRank(p, dist.count));
}

/** ⌈p/100 · n⌉ clamped to [1, n]. */
export function percentileRank(p: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil((p / 100) * n - 1e-9)));
}

/** A sample held as numbers (copied and sorted once). */
export function fromSamples(values: readonly number[]): EmpiricalDistribution {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    valueAtRank: (rank) => sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!,
  };
}

/** A sample held in a {@link LatencyHistogram} (values are bucket representatives, in ms). */
export function fromHistogram(histogram: LatencyHistogram): EmpiricalDistribution {
  const weighted = histogram.weightedValues();
  const values = Float64Array.from(weighted, (w) => w.valueMs);
  const cumulative = new Float64Array(weighted.length);
  let total = 0;
  weighted.forEach((w, i) => {
    total += w.count;
    cumulative[i] = total;
  });
  return {
    count: total,
    valueAtRank: (rank) => {
      // First bucket whose cumulative count reaches the rank.
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! >= rank) hi = mid;
        else lo = mid + 1;
      }
      return values[lo]!;
    },
  };
}
