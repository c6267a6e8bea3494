// Phase 3 "no memory leaks (24-hour stability test)" (001 L893-894, L902) for the four ML services: memory sampled
// for a minute (a significant slope fails at once), RestartCount 0, and the 24 h proven only by uptime since the
// last start — a freshly rebuilt service is "not yet provable" (skipped), never passed.
import { describe, it } from 'vitest';
import { checkMemoryTrend, checkMemoryWindow, inspectorMemorySampler } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { PHASE3_PLAN } from '../../lib/plans/phase3.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const inspector = new DockerodeContainerInspector();
const ML_SERVICES = PHASE3_PLAN.steps.flatMap((s) => s.services);
const DAY_MS = 24 * 3_600_000;
/** Growth that would add 1 GiB in 24 h; a slope significantly above it fails. */
const MAX_GROWTH_BYTES_PER_S = Math.round((1024 * 1024 * 1024) / (24 * 3600));

describe('Phase 3 — 24 h stability of the ML services', () => {
  it('P3-SC5: no memory leak in the ML services (flat memory, no restart, 24 h of uptime)', { timeout: 180_000 }, async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    const trends = await Promise.all(
      ML_SERVICES.map((service) => {
        const c = states.find((s) => s.service === service);
        return checkMemoryTrend({ criterionId: 'P3-SC5', service, sample: inspectorMemorySampler(inspector, c?.id ?? service), samples: 13, intervalMs: 5_000, maxGrowthBytesPerS: MAX_GROWTH_BYTES_PER_S, ...(c?.startedAt ? { startedAt: c.startedAt } : {}) });
      }),
    );
    const after = await inspector.listProject(t.projectName);
    gate(ctx, checkMemoryWindow({ criterionId: 'P3-SC5', services: ML_SERVICES, states: after, trends, requiredWindowMs: DAY_MS, nowMs: Date.now() }));
  });
});
