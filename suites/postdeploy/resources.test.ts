// Post-deployment checklist, resources: memory < 80% of each container's limit (PD-24H-2a; the limit from config
// thresholds.memoryPercentMax, D5.3) and no memory leak over 48 h (PD-48H-4: a significant memory slope fails at once,
// a restart fails, and the 48 h are proven only by uptime) and CPU below thresholds.cpuPercentAvgMax on average
// (PD-24H-2b, D5.3), averaged over a 10 s window of two stats readings — the report says which window was proven.
import { totalmem } from 'node:os';
import { describe, it } from 'vitest';
import { checkCpuPercent, checkMemoryPercent, checkMemoryTrend, onlyNecessary, sampleCpuPercent, checkMemoryWindow, inspectorMemorySampler, type MemoryReading } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { gate, leakJudgedServices, target, thresholds } from '../_setup/gate.js';

const t = target();
const inspector = new DockerodeContainerInspector();
const HOUR_MS = 3_600_000;
/** Growth that would add 1 GiB in 48 h; a slope significantly above it fails. */
const MAX_GROWTH_BYTES_PER_S = Math.round((1024 * 1024 * 1024) / (48 * 3600));

describe('Post-deployment — resources', () => {
  it(`PD-24H-2a: every service uses less than ${thresholds().memoryPercentMax}% of its memory limit (docker stats)`, async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    const readings: MemoryReading[] = [];
    const unreadable: string[] = [];
    await Promise.all(
      t.services.map(async (service) => {
        const c = states.find((s) => s.service === service);
        if (!c) return void unreadable.push(`${service}: no container`);
        try {
          const s = await inspector.stats(c.id);
          readings.push({ service, usageBytes: s.memoryUsageBytes, limitBytes: s.memoryLimitBytes });
        } catch (error) {
          unreadable.push(`${service}: ${(error as Error).message}`);
        }
      }),
    );
    gate(ctx, checkMemoryPercent(readings, { criterionId: 'PD-24H-2a', maxPercent: thresholds().memoryPercentMax, hostMemoryBytes: totalmem(), unreadable }));
  });

  it(`PD-24H-2b: every service below ${thresholds().cpuPercentAvgMax}% CPU on average (two docker stats readings 10 s apart; 100% = one core)`, async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    const containers = t.services.map((service) => ({ service, container: states.find((s) => s.service === service)?.id ?? service }));
    const windowMs = 10_000;
    const readings = await sampleCpuPercent((c) => inspector.stats(c), containers, windowMs);
    gate(ctx, onlyNecessary(checkCpuPercent(readings, { criterionId: 'PD-24H-2b', maxPercent: thresholds().cpuPercentAvgMax, windowMs }), `the plan averages over 24 h; ${windowMs / 1000} s were sampled`));
  });

  it('PD-48H-4: no memory leak — memory flat now, no restart, 48 h of uptime', { timeout: 180_000 }, async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    const judged = leakJudgedServices(t, t.services);
    const trends = await Promise.all(
      judged.map((service) => {
        const c = states.find((s) => s.service === service);
        return checkMemoryTrend({ criterionId: 'PD-48H-4', service, sample: inspectorMemorySampler(inspector, c?.id ?? service), samples: 13, intervalMs: 5_000, maxGrowthBytesPerS: MAX_GROWTH_BYTES_PER_S, ...(c?.startedAt ? { startedAt: c.startedAt } : {}) });
      }),
    );
    gate(ctx, checkMemoryWindow({ criterionId: 'PD-48H-4', services: judged, states: await inspector.listProject(t.projectName), trends, requiredWindowMs: 48 * HOUR_MS, nowMs: Date.now() }));
  });
});
