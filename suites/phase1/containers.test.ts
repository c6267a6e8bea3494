// Phase 1 container-state criteria from the Docker API (not `docker ps` text).
import { describe, it } from 'vitest';
import { checkContainersHealthy, checkNoRestarts } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { gate, target, thresholds } from '../_setup/gate.js';

const t = target();
const inspector = new DockerodeContainerInspector();

describe('Phase 1 — container state', () => {
  it('P1-SC1 / P1-S11-AC1: every expected service is healthy', async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    gate(ctx, checkContainersHealthy(states, { criterionId: 'P1-SC1', expected: t.services }), checkContainersHealthy(states, { criterionId: 'P1-S11-AC1', expected: t.services }));
  });

  it('P1-G1: availability kept (at least 44 of 45 services healthy, scaled to the target)', async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    gate(ctx, checkContainersHealthy(states, { criterionId: 'P1-G1', expected: states.map((s) => s.service), minHealthyRatio: 44 / 45 }));
  });

  it('P1-SC5 / P1-S11-AC5: no service restarted since the gate started', async (ctx) => {
    const now = await inspector.listProject(t.projectName);
    const observedWindowMs = Date.now() - t.initialSampledAt;
    const services = t.initialContainers.map((c) => c.service);
    gate(
      ctx,
      checkNoRestarts(t.initialContainers, now, { criterionId: 'P1-SC5', services, requiredWindowMs: thresholds().restartWindowMs, observedWindowMs }),
      checkNoRestarts(t.initialContainers, now, { criterionId: 'P1-S11-AC5', services, requiredWindowMs: thresholds().restartWindowMs, observedWindowMs }),
    );
  });
});
