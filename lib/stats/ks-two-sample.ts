// Two-sample Kolmogorov–Smirnov test: does the whole latency distribution differ, not just its median?

/** A distinct value and how many times it occurs (histogram buckets or raw samples). */
export interface WeightedPoint {
  readonly value: number;
  readonly count: number;
}

/** Result of {@link ksTwoSample}. */
export interface KsResult {
  /** The KS statistic D = sup |F₁(x) − F₂(x)|, in [0, 1]. */
  readonly statistic: number;
  /** Asymptotic two-sided p-value (Kolmogorov distribution with Stephens' small-sample correction). */
  readonly pValue: number;
  /** Sample sizes. */
  readonly n1: number;
  readonly n2: number;
}

/**
 * Two-sample KS test on weighted points (values need not be sorted or distinct). The p-value is
 * `Q_KS((√nₑ + 0.12 + 0.11/√nₑ)·D)` with nₑ = n₁n₂/(n₁+n₂) (Numerical Recipes §14.3), accurate for nₑ ≥ 4.
 * Unlike Mann–Whitney U (a rank test that Kayenta uses and that misses a pure tail shift),
 * KS reacts to any difference in shape, including a heavier tail.
 */
export function ksTwoSample(a: readonly WeightedPoint[], b: readonly WeightedPoint[]): KsResult {
  const sa = [...a].filter((p) => p.count > 0).sort((x, y) => x.value - y.value);
  const sb = [...b].filter((p) => p.count > 0).sort((x, y) => x.value - y.value);
  const n1 = sa.reduce((s, p) => s + p.count, 0);
  const n2 = sb.reduce((s, p) => s + p.count, 0);
  if (n1 === 0 || n2 === 0) throw new RangeError(`cannot run a KS test on an empty sample (n1=${n1}, n2=${n2})`);
  let i = 0;
  let j = 0;
  let c1 = 0;
  let c2 = 0;
  let d = 0;
  while (i < sa.length || j < sb.length) {
    // Advance past every point equal to the smallest next value in either sample (ties move together).
    const next = Math.min(sa[i]?.value ?? Number.POSITIVE_INFINITY, sb[j]?.value ?? Number.POSITIVE_INFINITY);
    while (i < sa.length && sa[i]!.value === next) c1 += sa[i++]!.count;
    while (j < sb.length && sb[j]!.value === next) c2 += sb[j++]!.count;
    d = Math.max(d, Math.abs(c1 / n1 - c2 / n2));
  }
  const ne = (n1 * n2) / (n1 + n2);
  const sqrtNe = Math.sqrt(ne);
  return { statistic: d, pValue: kolmogorovSurvival((sqrtNe + 0.12 + 0.11 / sqrtNe) * d), n1, n2 };
}

/** Convenience: {@link ksTwoSample} on two arrays of raw values. */
export function ksTwoSampleValues(a: readonly number[], b: readonly number[]): KsResult {
  return ksTwoSample(a.map((value) => ({ value, count: 1 })), b.map((value) => ({ value, count: 1 })));
}

/** Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²}: P(K > λ) for the Kolmogorov distribution. */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  let previous = 0;
  for (let j = 1; j <= 100; j++) {
    const term = 2 * (j % 2 === 1 ? 1 : -1) * Math.exp(-2 * j * j * lambda * lambda);
    sum += term;
    if (Math.abs(term) <= 1e-10 * Math.abs(sum) || Math.abs(term) <= 1e-16 * previous) break;
    previous = Math.abs(term);
  }
  return Math.min(1, Math.max(0, sum));
}
