// Tail-aware comparison of two latency histograms: bootstrap CIs on percentile ratios plus a KS test.
import { bootstrapPercentileRatio, type ConfidenceInterval } from './bootstrap-percentile.js';
import { fromHistogram } from './empirical-distribution.js';
import { ksTwoSample, type KsResult } from './ks-two-sample.js';
import type { LatencyHistogram } from './latency-histogram.js';

/** Options of {@link compareTails}. */
export interface CompareTailsOptions {
  /** Percentiles whose current/baseline ratio gets a CI. @default [50, 95, 99] */
  readonly percentiles?: readonly number[];
  /** Two-sided confidence level. @default 0.95 */
  readonly confidence?: number;
  /** Bootstrap resamples per percentile. @default 10_000 */
  readonly resamples?: number;
  /** RNG seed. @default 1 */
  readonly seed?: number;
}

/** Result of {@link compareTails}. */
export interface TailComparison {
  /** Ratio current/baseline per percentile, keyed `p(95)`, with its bootstrap CI. */
  readonly ratios: Readonly<Record<string, ConfidenceInterval>>;
  /** Whole-distribution KS test on the bucketed values. */
  readonly ks: KsResult;
}

/**
 * Compares `current` against `baseline`. Mann–Whitney U compares ranks, so a regression confined to the
 * slowest 5% barely moves it; here each tail percentile gets its own interval, and KS flags shape changes.
 */
export function compareTails(baseline: LatencyHistogram, current: LatencyHistogram, options: CompareTailsOptions = {}): TailComparison {
  const base = fromHistogram(baseline);
  const cur = fromHistogram(current);
  const ratios: Record<string, ConfidenceInterval> = {};
  for (const [i, p] of (options.percentiles ?? [50, 95, 99]).entries()) {
    ratios[`p(${p})`] = bootstrapPercentileRatio(base, cur, {
      percentile: p,
      ...(options.confidence === undefined ? {} : { confidence: options.confidence }),
      ...(options.resamples === undefined ? {} : { resamples: options.resamples }),
      seed: (options.seed ?? 1) + i,
    });
  }
  const points = (h: LatencyHistogram) => h.weightedValues().map((w) => ({ value: w.valueMs, count: w.count }));
  return { ratios, ks: ksTwoSample(points(baseline), points(current)) };
}
