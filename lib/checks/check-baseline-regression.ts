// BASELINE_REGRESSION (P1-SC7, P1-S11-AC7, P1-NEXT4): the current latency distribution against the stored one,
// judged by the p(95) ratio and its bootstrap interval (issue 7: estimate above the tolerance AND interval above 1) —
// regressed, unchanged or "cannot say", never a guess.
import type { CheckResult, Evidence } from './check-result.js';
import { compareToBaseline, type BaselineComparison, type CompareToBaselineOptions, type CurrentMeasurement } from '../baselines/compare-to-baseline.js';
import type { BaselineSource } from '../baselines/baseline-source.js';

/** Options of {@link checkBaselineRegression}. */
export interface BaselineRegressionCheck {
  readonly criterionId: string;
  readonly source: BaselineSource;
  /** This run's measurement with the same profile (see `measureRegression`). */
  readonly current: CurrentMeasurement;
  /** Allowed slowdown of p(95) as a fraction. @default 0.10 (P1-SC7 "< 10%") */
  readonly tolerance?: number;
  /**
   * What an `inconclusive` comparison (the marginal band: not regressed but the interval reaches past the limit, or the
   * estimate is past it but the interval includes 1; too few samples) becomes. `skip`: reported as
   * not decided, with the interval; `fail`: treated as a regression (strict nightly runs). @default 'skip'
   */
  readonly onInconclusive?: 'skip' | 'fail';
  /** Passed on to {@link compareToBaseline} (confidence, resamples, seed, rule). */
  readonly compare?: Omit<CompareToBaselineOptions, 'tolerance'>;
}

/** The check result plus the comparison behind it (absent when there was nothing to compare), for the report. */
export interface BaselineRegressionResult extends CheckResult {
  readonly comparison?: BaselineComparison;
}

const CAPTURE_HINT = 'capture one on this machine with `npx phasegate baseline capture phase0` (or let a gate that rebuilds measure one before its rebuild)';

/** Compares and turns the verdict into a check result; a missing or foreign baseline is `skipped`, never passed. */
export function checkBaselineRegression(check: BaselineRegressionCheck): BaselineRegressionResult {
  const tolerance = check.tolerance ?? 0.1;
  const limit = `p(95) ratio ≤ ${(1 + tolerance).toFixed(2)} (regressed: estimate above it and 95% CI above 1)`;
  const base = { criterionId: check.criterionId, title: 'latency regression vs baseline', limit };
  if (check.source.kind === 'none') {
    return { ...base, status: 'skipped', message: `no baseline to compare with: ${check.source.reason}. hint: ${CAPTURE_HINT}` };
  }
  const { origin } = check.source;
  const comparison = compareToBaseline(check.current, check.source.baseline, { ...(check.compare ?? {}), tolerance });
  const evidence = toEvidence(comparison);
  const withComparison = (result: CheckResult): BaselineRegressionResult => ({ ...result, comparison });
  if (comparison.fingerprintDifferences.length > 0) {
    const diffs = comparison.fingerprintDifferences.map((d) => `${d.field} ${d.baseline} → ${d.current}`).join(', ');
    return withComparison({
      ...base,
      status: 'skipped',
      message: `baseline ${origin} was measured in another environment (${diffs}); latency is not comparable across them. hint: ${CAPTURE_HINT}`,
      evidence,
    });
  }
  const worst = worstRatio(comparison);
  const measurement = worst === undefined ? undefined : Math.round(worst * 1000) / 1000;
  const lines = (verdicts: readonly string[]) => comparison.endpoints.filter((e) => verdicts.includes(e.verdict)).map((e) => e.message);
  const against = `against ${origin} (${check.source.baseline.createdAt})`;
  switch (comparison.verdict) {
    case 'regressed':
      return withComparison({
        ...base,
        status: 'failed',
        ...(measurement === undefined ? {} : { measurement }),
        message: `latency regressed ${against}: ${lines(['regressed']).join('; ')}. hint: compare the rebuilt images' changes for the slowed endpoints; every endpoint's ratio and interval is in the evidence`,
        evidence,
      });
    case 'inconclusive': {
      const why = lines(['inconclusive']).join('; ');
      if ((check.onInconclusive ?? 'skip') === 'fail') {
        return withComparison({ ...base, status: 'failed', ...(measurement === undefined ? {} : { measurement }), message: `cannot rule out a regression ${against} (onInconclusive: fail): ${why}`, evidence });
      }
      return withComparison({ ...base, status: 'skipped', ...(measurement === undefined ? {} : { measurement }), message: `not decided ${against}: ${why}. hint: measure longer (more samples narrow the interval) or on a quieter machine`, evidence });
    }
    default:
      return withComparison({
        ...base,
        status: 'passed',
        ...(measurement === undefined ? {} : { measurement }),
        message: `no regression ${against}: ${comparison.endpoints.map((e) => e.message).join('; ')}`,
        evidence,
      });
  }
}

function worstRatio(comparison: BaselineComparison): number | undefined {
  const ratios = comparison.endpoints.flatMap((e) => (e.ratio ? [e.ratio.estimate] : []));
  return ratios.length === 0 ? undefined : Math.max(...ratios);
}

function toEvidence(comparison: BaselineComparison): Evidence[] {
  return [
    ...comparison.endpoints.map((e) => ({ label: `${e.route} (${e.name})`, value: e.message })),
    ...comparison.warnings.map((w) => ({ label: 'warning', value: w })),
  ];
}
