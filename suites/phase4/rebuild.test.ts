// Phase 4 rebuild criteria, decided from the setup hook's recorded run of the Phase 4 plan (lib/plans/phase4.ts):
// both frontends built without cache, recreated and seen healthy.
import { describe, inject, it } from 'vitest';
import { checkRebuildStep } from '../../lib/checks/index.js';
import { PHASE4_PLAN } from '../../lib/plans/phase4.js';
import { gate } from '../_setup/gate.js';
import { expectPlanFits } from '../_setup/rebuild-gate.js';

const rebuild = inject('rebuild');

/** Choices the Phase 4 plan data makes (001 §4.2). */
const PLAN_CHOICES = [
  {
    id: 'plan-4.2',
    question: '001 §4.2 builds and tests each app locally (`npm run build`, `npm run test`) before the image build. Is that part of the gate?',
    choice: 'no: the images are built from source by compose; the local build and test need the apps\' own npm scripts and are not reported as passed',
    alternatives: ['run `npm run build && npm run test` in both app folders first'],
  },
];

describe('Phase 4 — rebuild per the plan (setup hook)', () => {
  it('the plan fits the target: no unknown services; plan choices are stated', (ctx) => {
    expectPlanFits(ctx, rebuild, PLAN_CHOICES);
  });

  for (const step of PHASE4_PLAN.steps) {
    it(`${step.criteria.join(' / ')}: ${step.id} ${step.title}`, (ctx) => {
      gate(ctx, ...step.criteria.map((criterionId) => checkRebuildStep(rebuild, { criterionId, step: step.id })));
    });
  }
});
