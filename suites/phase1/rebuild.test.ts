// Phase 1 rebuild criteria, decided from the setup hook's recorded run of the Phase 1 plan (lib/plans/phase1.ts):
// no `sleep 20`, no `docker ps` text — each service built without cache, recreated and seen ready, in plan order.
import { describe, inject, it } from 'vitest';
import { checkRebuildStep, checkRestartEvents, type RebuildStepCheckOptions } from '../../lib/checks/index.js';
import { PHASE1_PLAN } from '../../lib/plans/phase1.js';
import { gate } from '../_setup/gate.js';
import { expectPlanFits } from '../_setup/rebuild-gate.js';

const rebuild = inject('rebuild');

/** Choices the Phase 1 plan data makes where 001 and 002 disagree (lib/plans/phase1.ts). */
const PLAN_CHOICES = [
  { id: 'D6.4', question: 'Is data-retention rebuilt after admin-api or in the parallel integration batch?', choice: '002 §4.4: sequentially after admin-api (step P1-S4)', alternatives: ['001 §1.5: in the parallel batch with the integrations'] },
  { id: 'D6.5', question: 'Are InfluxDB and Jaeger restarted together or one after the other?', choice: '002 L146-149: InfluxDB, then Jaeger, each until ready (step P1-S3)', alternatives: ['001 L403: both together, then sleep 30'] },
];

/** Criterion → which services of its step it is about (default: all of the step in the target). */
const SCOPE: Record<string, Omit<RebuildStepCheckOptions, 'criterionId' | 'step'>> = {
  'P1-S3-AC1': { services: ['influxdb'] },
  'P1-S3-AC2': { services: ['jaeger'] },
  'P1-S3-AC3': { maxReadyMs: 120_000 },
  'P1-S4-AC1': { services: ['data-api'] },
  'P1-S4-AC2': { services: ['websocket-ingestion'] },
  'P1-S4-AC3': { services: ['admin-api'] },
  'P1-S4-AC4': { services: ['data-retention'] },
  'P1-001-T4': { services: ['data-api', 'websocket-ingestion', 'admin-api'] },
};

describe('Phase 1 — rebuild per the plan (setup hook)', () => {
  it('the plan fits the target: no unknown services; renames, order corrections and contradiction choices are stated', (ctx) => {
    expectPlanFits(ctx, rebuild, PLAN_CHOICES);
  });

  const present = PHASE1_PLAN.steps.filter((step) => (rebuild?.steps[step.id]?.length ?? 0) > 0);
  for (const step of rebuild === null ? PHASE1_PLAN.steps : present) {
    it(`${step.id}: ${step.title} (${step.criteria.join(', ')})`, (ctx) => {
      gate(ctx, ...step.criteria.map((criterionId) => checkRebuildStep(rebuild, { criterionId, step: step.id, ...(SCOPE[criterionId] ?? {}) })));
    });
  }

  it('P1-S3-AC6: monitoring captured the restart events of InfluxDB and Jaeger (the Docker event stream, watched during the rebuild)', async (ctx) => {
    if (rebuild === null) {
      return gate(ctx, { criterionId: 'P1-S3-AC6', title: 'restart events recorded by Docker', status: 'skipped', message: 'no rebuild ran in this gate (PHASEGATE_REBUILD=0): nothing was restarted' });
    }
    const window = { since: new Date(rebuild!.startedAt), until: new Date(Date.parse(rebuild!.startedAt) + rebuild!.makespanMs) };
    const events = inject('rebuildEvents') ?? [];
    gate(ctx, checkRestartEvents({ criterionId: 'P1-S3-AC6', services: rebuild!.steps['P1-S3'] ?? [], events, window }));
  });
});
