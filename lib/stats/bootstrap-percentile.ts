// Bootstrap confidence intervals for the ratio or difference of one percentile between two samples.
import { percentileRank, type EmpiricalDistribution } from './empirical-distribution.js';
import { createSeededRandom, randomBeta, type RandomSource } from './seeded-random.js';

/** Options of {@link bootstrapPercentileRatio} and {@link bootstrapPercentileDifference}. */
export interface BootstrapOptions {
  /** The percentile compared, 0–100 (95 for p(95)). */
  readonly percentile: number;
  /** Number of bootstrap resamples. 10 000 keeps the Monte-Carlo error of a 95% bound below ~1% of its width. @default 10_000 */
  readonly resamples?: number;
  /** Two-sided confidence level of the interval, in (0, 1). @default 0.95 */
  readonly confidence?: number;
  /** Seed of the resampling RNG; the same seed gives the same interval. @default 1 */
  readonly seed?: number;
}

/** A point estimate with its percentile-bootstrap confidence interval. */
export interface ConfidenceInterval {
  /** The statistic on the original samples. */
  readonly estimate: number;
  /** Lower bound of the interval. */
  readonly lower: number;
  /** Upper bound of the interval. */
  readonly upper: number;
  /** The confidence level used, e.g. 0.95. */
  readonly confidence: number;
  /** Number of resamples behind the interval. */
  readonly resamples: number;
}

/**
 * CI for `p(N)` of `current` divided by `p(N)` of `baseline` (1.15 = 15% slower).
 *
 * Each sample is resampled independently (the usual two-sample bootstrap). Rather than drawing n values
 * and sorting them, each resample's nearest-rank percentile is drawn directly: the k-th order statistic
 * of n uniforms is Beta(k, n−k+1), and mapping it through the sample's inverse CDF gives exactly the
 * k-th order statistic of a resample. That makes a resample O(log n) instead of O(n log n), so 10 000
 * resamples of 100 000-request histograms take milliseconds. Assumes independent observations:
 * autocorrelated latencies (stall bursts) make the interval too narrow; compare repeated trials then.
 */
export function bootstrapPercentileRatio(baseline: EmpiricalDistribution, current: EmpiricalDistribution, options: BootstrapOptions): ConfidenceInterval {
  return bootstrap(baseline, current, options, ratio);
}

/** CI for `p(N)` of `current` minus `p(N)` of `baseline`, in the samples' unit. See {@link bootstrapPercentileRatio}. */
export function bootstrapPercentileDifference(baseline: EmpiricalDistribution, current: EmpiricalDistribution, options: BootstrapOptions): ConfidenceInterval {
  return bootstrap(baseline, current, options, (b, c) => c - b);
}

function ratio(base: number, cur: number): number {
  if (base === 0) return cur === 0 ? 1 : Number.POSITIVE_INFINITY;
  return cur / base;
}

function bootstrap(
  baseline: EmpiricalDistribution,
  current: EmpiricalDistribution,
  options: BootstrapOptions,
  statistic: (base: number, cur: number) => number,
): ConfidenceInterval {
  const resamples = options.resamples ?? 10_000;
  const confidence = options.confidence ?? 0.95;
  const p = options.percentile;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0–100, got ${p}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be within (0, 1), got ${confidence}`);
  if (!Number.isInteger(resamples) || resamples < 100) throw new RangeError(`resamples must be an integer ≥ 100, got ${resamples}`);
  if (baseline.count === 0 || current.count === 0) {
    throw new RangeError(`cannot bootstrap an empty sample (baseline n=${baseline.count}, current n=${current.count})`);
  }
  const random = createSeededRandom(options.seed ?? 1);
  const estimate = statistic(
    baseline.valueAtRank(percentileRank(p, baseline.count)),
    current.valueAtRank(percentileRank(p, current.count)),
  );
  const values = new Float64Array(resamples);
  for (let i = 0; i < resamples; i++) {
    values[i] = statistic(resampledPercentile(baseline, p, random), resampledPercentile(current, p, random));
  }
  values.sort();
  const alpha = (1 - confidence) / 2;
  return {
    estimate,
    lower: quantileOfSorted(values, alpha),
    upper: quantileOfSorted(values, 1 - alpha),
    confidence,
    resamples,
  };
}

/** Nearest-rank percentile of one bootstrap resample, drawn through the Beta order-statistic identity. */
function resampledPercentile(dist: EmpiricalDistribution, p: number, random: RandomSource): number {
  const n = dist.count;
  const k = percentileRank(p, n);
  const u = randomBeta(k, n - k + 1, random);
  return dist.valueAtRank(Math.min(n, Math.max(1, Math.ceil(u * n))));
}

/** Linear-interpolated quantile (Hyndman–Fan type 7) of an ascending array. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  // Infinity − Infinity would give NaN; an infinite neighbour means the quantile is infinite.
  if (!Number.isFinite(a) || !Number.isFinite(b)) return h - lo > 0 ? b : a;
  return a + (h - lo) * (b - a);
}
