// DEP-RB-T4, the emergency rollback trigger "performance degradation > 50%" (001 L1232): the same endpoints under the
// same open-loop load as the baseline (measured just before this run's rollout, or baselines/reference/phase0.json),
// judged at config `thresholds.emergencyRollbackRatio`. Between the regression limit and this line the gate's
// regression criteria fail but no rollback is triggered (D5.2).
import { describe, inject, it } from 'vitest';
import { homeiqRegressionEndpoints } from '../../lib/baselines/index.js';
import { checkBaselineRegression } from '../../lib/checks/index.js';
import { AutocannonRunner, measureRegression } from '../../lib/load/index.js';
import { gate, target, thresholds } from '../_setup/gate.js';
import { deployDay } from './day.js';

const t = target();
const { emergencyRollbackRatio, baselineOnInconclusive } = thresholds();

describe(`Deployment Day ${deployDay()} — rollback triggers`, () => {
  it(`DEP-RB-T4: emergency rollback trigger "performance degradation" not fired (p(95) within ${Math.round(emergencyRollbackRatio * 100)}% of the baseline)`, async (ctx) => {
    const { measurement } = await measureRegression({ endpoints: homeiqRegressionEndpoints(t), runner: new AutocannonRunner() });
    gate(ctx, checkBaselineRegression({ criterionId: 'DEP-RB-T4', source: inject('baseline'), current: measurement, tolerance: emergencyRollbackRatio, onInconclusive: baselineOnInconclusive }));
  });
});
