// Phase 2 rebuild criteria, decided from the setup hook's recorded run of the Phase 2 plan (lib/plans/phase2.ts):
// five parallel backend batches and the frontends, each service built without cache, recreated and seen ready.
import { describe, inject, it } from 'vitest';
import { checkRebuildStep } from '../../lib/checks/index.js';
import { PHASE2_PLAN } from '../../lib/plans/phase2.js';
import { gate } from '../_setup/gate.js';
import { expectPlanFits, FIXED_SLEEP_CHOICE } from '../_setup/rebuild-gate.js';

const rebuild = inject('rebuild');

/** Choices the Phase 2 plan data makes, and the plan's own gaps (lib/plans/phase2.ts). */
const PLAN_CHOICES = [
  FIXED_SLEEP_CHOICE,
  {
    id: 'D6.3',
    question: 'Batch 1 (AI services) runs before batch 2 (ml-service, openai-service) although ai-pattern, ai-training and ai-query depend on them: which order?',
    choice: 'the plan order, except that a dependency the compose file declares is rebuilt first (each move is listed below)',
    alternatives: ['001 §2.3-2.4 as written: batch 1 entirely before batch 2'],
  },
  {
    id: 'plan-2.8',
    question: 'The frontends are rebuilt and started with no wait and no check (001 L647-648): when are they done?',
    choice: 'when Docker reports both healthy, like every other step',
    alternatives: ['`up -d` returned'],
  },
];

describe('Phase 2 — rebuild per the plan (setup hook)', () => {
  it('the plan fits the target: no unknown services; order corrections and plan choices are stated', (ctx) => {
    expectPlanFits(ctx, rebuild, PLAN_CHOICES);
  });

  const present = PHASE2_PLAN.steps.filter((step) => (rebuild?.steps[step.id]?.length ?? 0) > 0);
  for (const step of rebuild === null ? PHASE2_PLAN.steps : present) {
    it(`${step.criteria.join(' / ')}: ${step.id} ${step.title}`, (ctx) => {
      gate(ctx, ...step.criteria.map((criterionId) => checkRebuildStep(rebuild, { criterionId, step: step.id })));
    });
  }
});
