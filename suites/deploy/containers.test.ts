// Deployment day container-state criteria from the Docker API: the emergency rollback trigger "multiple service
// crashes" (DEP-RB-T1, every day), Day 1's 4 h monitor (D1-6), Day 5's Health.Status of every container (D5-6) and
// final-hour monitor (D5-7). Windows longer than the gate has watched are "not yet provable" (skipped), never passed.
import { describe, it } from 'vitest';
import { checkContainersHealthy, checkCrashTrigger, checkNoRestarts } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { gate, target } from '../_setup/gate.js';
import { deployDay } from './day.js';

const t = target();
const day = deployDay();
const inspector = new DockerodeContainerInspector();
const HOUR_MS = 3_600_000;

/** Restarts since the gate's first sample, with the window the criterion asks for (proven from StartedAt). */
async function noRestarts(criterionId: string, requiredWindowMs: number) {
  const now = await inspector.listProject(t.projectName);
  return checkNoRestarts(t.initialContainers, now, { criterionId, services: t.initialContainers.map((c) => c.service), requiredWindowMs, observedWindowMs: Date.now() - t.initialSampledAt });
}

describe(`Deployment Day ${day} — container state`, () => {
  it('DEP-RB-T1: emergency rollback trigger "multiple service crashes" not fired (fewer than 2 crashed or restarting)', async (ctx) => {
    gate(ctx, checkCrashTrigger(t.initialContainers, await inspector.listProject(t.projectName), { criterionId: 'DEP-RB-T1', services: t.services }));
  });

  if (day === 1) {
    it('D1-6: 4 h monitor after Day 1 — every expected service healthy now and no restart in 4 h (RestartCount, StartedAt)', async (ctx) => {
      const states = await inspector.listProject(t.projectName);
      gate(ctx, checkContainersHealthy(states, { criterionId: 'D1-6', expected: t.services }), await noRestarts('D1-6', 4 * HOUR_MS));
    });
  }

  if (day === 5) {
    it('D5-6: every container of the project is healthy (by compose label; 001\'s `name=homeiq` filter misses unprefixed ones, D4.3)', async (ctx) => {
      const states = await inspector.listProject(t.projectName);
      gate(ctx, checkContainersHealthy(states, { criterionId: 'D5-6', expected: [...new Set([...t.services, ...states.map((s) => s.service)])] }));
    });

    it('D5-7: final-hour monitor — no restart in 1 h, every expected service healthy now', async (ctx) => {
      const states = await inspector.listProject(t.projectName);
      gate(ctx, checkContainersHealthy(states, { criterionId: 'D5-7', expected: t.services }), await noRestarts('D5-7', HOUR_MS));
    });
  }
});
