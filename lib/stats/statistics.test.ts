import { describe, expect, it } from 'vitest';
import { bootstrapPercentileDifference, bootstrapPercentileRatio, quantileOfSorted } from './bootstrap-percentile.js';
import { compareTails } from './compare-tails.js';
import { fromHistogram, fromSamples, nearestRankPercentile } from './empirical-distribution.js';
import { kolmogorovSurvival, ksTwoSampleValues } from './ks-two-sample.js';
import { LatencyHistogram } from './latency-histogram.js';
import { linearTrend } from './linear-trend.js';
import { createSeededRandom, randomBeta } from './seeded-random.js';
import { studentTCdf, studentTQuantile } from './student-t.js';

/** Lognormal samples with median `medianMs`, deterministic from the seed. */
function lognormal(n: number, medianMs: number, sigma: number, seed: number): number[] {
  const random = createSeededRandom(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = random() || 1e-12;
    const v = random();
    out.push(medianMs * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)));
  }
  return out;
}

describe('Student t', () => {
  it('should match textbook t quantiles and CDF values (scipy.stats.t)', () => {
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.182446305, 7);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138852, 7);
    expect(studentTCdf(1.5, 7)).toBeCloseTo(0.911350757, 8);
  });
});

describe('linearTrend', () => {
  it('should fit the textbook example x=1..5, y=[2,4,5,4,5] with its 95% slope interval', () => {
    const fit = linearTrend([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
    expect(fit.slope).toBeCloseTo(0.6, 10);
    expect(fit.intercept).toBeCloseTo(2.2, 10);
    expect(fit.slopeStdError).toBeCloseTo(0.282842712, 8);
    expect(fit.rSquared).toBeCloseTo(0.6, 10);
    // 0.6 ± t(3, 0.975)·0.2828 = 0.6 ± 0.90013
    expect(fit.slopeLower).toBeCloseTo(-0.300128, 5);
    expect(fit.slopeUpper).toBeCloseTo(1.500128, 5);
  });

  it('should refuse fewer than three points', () => {
    expect(() => linearTrend([1, 2], [1, 2])).toThrowError('a slope confidence interval needs at least 3 points, got 2');
  });
});

describe('ksTwoSample', () => {
  it('should match scipy.stats.ks_2samp on a fixed data set', () => {
    const a = [0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37, 1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47];
    const b = [2.2, 1.66, 1.38, 0.2, 0.36, 0, 0.96, 1.56, 0.44, 1.5, -0.3, 0.66, 2.31, 3.29, -0.27, -0.37, 0.38, 0.7, 0.52, -0.71];
    const r = ksTwoSampleValues(a, b);
    expect(r.statistic).toBeCloseTo(0.23, 10);
    // kstwobign.sf((√nₑ + 0.12 + 0.11/√nₑ)·D) computed with scipy
    expect(r.pValue).toBeCloseTo(0.5411245537, 6);
  });

  it('should give the textbook 5% critical value of the Kolmogorov distribution', () => {
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.05, 4);
    expect(kolmogorovSurvival(1.0)).toBeCloseTo(0.2699996717, 8);
  });

  it('should detect a tail-only change that leaves the median alone', () => {
    const base = lognormal(4000, 20, 0.3, 7);
    // Same body, but the slowest 10% become 3x slower.
    const sorted = [...lognormal(4000, 20, 0.3, 8)].sort((x, y) => x - y);
    const tail = sorted.map((v, i) => (i >= 3600 ? v * 3 : v));
    const r = ksTwoSampleValues(base, tail);
    expect(r.pValue).toBeLessThan(0.001);
  });
});

describe('bootstrapPercentileRatio', () => {
  it('should be reproducible from its seed', () => {
    const a = fromSamples(lognormal(2000, 20, 0.5, 1));
    const b = fromSamples(lognormal(2000, 20, 0.5, 2));
    const one = bootstrapPercentileRatio(a, b, { percentile: 95, seed: 42 });
    const two = bootstrapPercentileRatio(a, b, { percentile: 95, seed: 42 });
    expect(one).toEqual(two);
    expect(one.resamples).toBe(10_000);
    expect(one.confidence).toBe(0.95);
  });

  it('should contain 1 for two samples of the same distribution and exclude it for a +30% p(95)', () => {
    const a = fromSamples(lognormal(5000, 20, 0.5, 11));
    const same = fromSamples(lognormal(5000, 20, 0.5, 12));
    const slower = fromSamples(lognormal(5000, 26, 0.5, 13));
    const aa = bootstrapPercentileRatio(a, same, { percentile: 95 });
    expect(aa.lower).toBeLessThan(1);
    expect(aa.upper).toBeGreaterThan(1);
    const ab = bootstrapPercentileRatio(a, slower, { percentile: 95 });
    expect(ab.estimate).toBeGreaterThan(1.2);
    expect(ab.lower).toBeGreaterThan(1.15);
    expect(ab.upper).toBeLessThan(1.45);
  });

  it('should agree with a naive resample-and-sort bootstrap', () => {
    const values = lognormal(400, 10, 0.6, 21);
    const dist = fromSamples(values);
    const random = createSeededRandom(5);
    const naive: number[] = [];
    for (let r = 0; r < 4000; r++) {
      const resample = Array.from({ length: values.length }, () => values[Math.floor(random() * values.length)]!);
      naive.push(nearestRankPercentile(fromSamples(resample), 95));
    }
    naive.sort((x, y) => x - y);
    const constant = fromSamples(new Array<number>(400).fill(1));
    const fast = bootstrapPercentileDifference(constant, dist, { percentile: 95, resamples: 4000, seed: 9 });
    // Difference to a constant 1 ms shifts the bootstrap distribution by exactly 1.
    expect(fast.lower + 1).toBeCloseTo(quantileOfSorted(naive, 0.025), 0);
    expect(fast.upper + 1).toBeCloseTo(quantileOfSorted(naive, 0.975), 0);
    expect(Math.abs(fast.lower + 1 - quantileOfSorted(naive, 0.025)) / quantileOfSorted(naive, 0.025)).toBeLessThan(0.03);
  });

  it('should refuse empty samples and out-of-range percentiles', () => {
    const a = fromSamples([1, 2, 3]);
    expect(() => bootstrapPercentileRatio(a, fromSamples([]), { percentile: 95 })).toThrowError('cannot bootstrap an empty sample (baseline n=3, current n=0)');
    expect(() => bootstrapPercentileRatio(a, a, { percentile: 101 })).toThrowError('percentile must be within 0–100, got 101');
  });
});

describe('randomBeta', () => {
  it('should have the Beta(2, 3) mean 0.4', () => {
    const random = createSeededRandom(3);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += randomBeta(2, 3, random);
    expect(sum / 20_000).toBeCloseTo(0.4, 2);
  });
});

describe('compareTails', () => {
  it('should flag a p(99) regression that the median does not show', () => {
    const base = new LatencyHistogram();
    const cur = new LatencyHistogram();
    for (const v of lognormal(5000, 20, 0.3, 31)) base.recordMs(v);
    const sorted = lognormal(5000, 20, 0.3, 32).sort((x, y) => x - y);
    sorted.forEach((v, i) => cur.recordMs(i >= 4750 ? v * 2 : v));
    const result = compareTails(base, cur, { resamples: 2000 });
    expect(result.ratios['p(50)']!.lower).toBeLessThan(1);
    expect(result.ratios['p(50)']!.upper).toBeGreaterThan(1);
    expect(result.ratios['p(99)']!.lower).toBeGreaterThan(1.5);
    expect(result.ks.n1).toBe(5000);
    expect(fromHistogram(cur).count).toBe(5000);
  });
});
