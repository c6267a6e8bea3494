// Phase 1 performance regression (P1-SC7 "< 10% vs baseline", P1-S11-AC7, P1-NEXT4): the same endpoints under the
// same open-loop load as the baseline, compared by the p(95) ratio's bootstrap interval. The baseline is the
// measurement taken just before this run's rebuild, or baselines/reference/phase0.json (config `baseline.source`).
import { describe, inject, it } from 'vitest';
import { collectFingerprint, homeiqRegressionEndpoints } from '../../lib/baselines/index.js';
import { checkBaselineRegression } from '../../lib/checks/index.js';
import { AutocannonRunner, measureRegression } from '../../lib/load/index.js';
import { gate, target, thresholds } from '../_setup/gate.js';

const t = target();
const { regressionRatio, baselineOnInconclusive } = thresholds();
const source = inject('baseline');

describe('Phase 1 — performance against the baseline', () => {
  it(`P1-SC7 / P1-S11-AC7 / P1-NEXT4: p(95) latency within ${Math.round(regressionRatio * 100)}% of the baseline`, async (ctx) => {
    // Without a baseline there is nothing to compare: say so at once instead of measuring for nothing.
    const current = source.kind === 'none' ? { fingerprint: collectFingerprint(), endpoints: [] } : (await measureRegression({ endpoints: homeiqRegressionEndpoints(t), runner: new AutocannonRunner() })).measurement;
    const { comparison, ...result } = checkBaselineRegression({ criterionId: 'P1-SC7', source, current, tolerance: regressionRatio, onInconclusive: baselineOnInconclusive });
    // The report's baseline section and `phasegate report --check` (exit 99 on a regression) read this.
    if (comparison && source.kind !== 'none') ctx.task.meta.baseline = { label: `P1-SC7 p(95) vs ${source.origin}`, ...comparison };
    // One comparison decides all three (002 L38, L581; 001 Phase 1 "next steps").
    gate(ctx, ...['P1-SC7', 'P1-S11-AC7', 'P1-NEXT4'].map((criterionId) => ({ ...result, criterionId })));
  });
});
