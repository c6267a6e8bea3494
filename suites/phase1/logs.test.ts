// Phase 1 log criteria: no error lines in the recent logs.
import { describe, it } from 'vitest';
import { checkNoErrorLogs } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { PHASE1_PLAN } from '../../lib/plans/phase1.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const inspector = new DockerodeContainerInspector();

describe('Phase 1 — logs', () => {
  it('P1-SC2 / P1-S11-AC2: no errors in the last 100 log lines of any service', async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    const services = states.map((s) => s.service);
    gate(
      ctx,
      await checkNoErrorLogs(inspector, states, { criterionId: 'P1-SC2', services, tail: 100 }),
      await checkNoErrorLogs(inspector, states, { criterionId: 'P1-S11-AC2', services, tail: 100 }),
    );
  });

  it('P1-S4-AC7: no errors in the last 50 log lines of the core services', async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    gate(ctx, await checkNoErrorLogs(inspector, states, { criterionId: 'P1-S4-AC7', services: ['data-api', 'websocket-ingestion', 'admin-api', 'data-retention'], tail: 50 }));
  });

  // Stories 5–9 each end with "no errors in logs" for the services they rebuilt (002 L286, L360, L396, L432, L468).
  for (const [criterionId, stepId] of [['P1-S5-AC5', 'P1-S5'], ['P1-S6-AC5', 'P1-S6'], ['P1-S7-AC5', 'P1-S7'], ['P1-S8-AC5', 'P1-S8'], ['P1-S9-AC5', 'P1-S9']] as const) {
    const step = PHASE1_PLAN.steps.find((s) => s.id === stepId)!;
    it(`${criterionId}: no errors in the last 50 log lines of the ${step.title} services`, async (ctx) => {
      const states = await inspector.listProject(t.projectName);
      const running = new Set(states.map((s) => s.service));
      const services = step.services.map((name) => PHASE1_PLAN.renames[name]?.to ?? name).filter((name) => running.has(name));
      if (services.length === 0) {
        return gate(ctx, { criterionId, title: `${step.title}: error lines`, status: 'skipped', message: `none of the ${step.services.length} services of ${stepId} (${step.services.join(', ')}) runs in this target` });
      }
      gate(ctx, await checkNoErrorLogs(inspector, states, { criterionId, services, tail: 50 }));
    });
  }
});
