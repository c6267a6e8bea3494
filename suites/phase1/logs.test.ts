// Phase 1 log criteria: no error lines in the recent logs.
import { describe, it } from 'vitest';
import { checkNoErrorLogs } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
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
});
