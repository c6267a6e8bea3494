// Post-deployment checklist PD-48H-3 "performance within 10% of baseline" (API response times, frontend load times,
// ML inference times): the API half, measured under the same open-loop load as baselines/reference/phase0.json
// (`phasegate baseline capture phase0`). A regression fails it; a pass leaves it undecided (no frontend or ML baseline).
import { describe, inject, it } from 'vitest';
import { homeiqRegressionEndpoints } from '../../lib/baselines/index.js';
import { checkBaselineRegression, onlyNecessary } from '../../lib/checks/index.js';
import { AutocannonRunner, measureRegression } from '../../lib/load/index.js';
import { gate, target, thresholds } from '../_setup/gate.js';

const t = target();
const { regressionRatio, baselineOnInconclusive } = thresholds();

describe('Post-deployment — performance against the baseline', () => {
  it(`PD-48H-3: API p(95) latency within ${Math.round(regressionRatio * 100)}% of the baseline (frontend and ML inference times not measured)`, async (ctx) => {
    const { measurement } = await measureRegression({ endpoints: homeiqRegressionEndpoints(t), runner: new AutocannonRunner() });
    const api = checkBaselineRegression({ criterionId: 'PD-48H-3', source: inject('baseline'), current: measurement, tolerance: regressionRatio, onInconclusive: baselineOnInconclusive });
    gate(ctx, onlyNecessary(api, 'frontend load and ML inference times have no baseline (001 L1714-1717; the ML inference probe of 001 L1404-1409 is placeholder code)'));
  });
});
