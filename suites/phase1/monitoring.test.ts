// Phase 1 monitoring tasks: Story 4's "Monitor for 1 hour (no restarts)" after the core rebuild (002 L271) watched for
// config monitor.coreWatchMs (default 30 s; P1-SC5 proves the hour from StartedAt), and Story 6's "Monitor resource
// usage" of the AI/ML subset (002 L381), skipped with the reason when none of its services runs in the target.
import { totalmem } from 'node:os';
import { describe, inject, it } from 'vitest';
import { checkCoreWatch, checkHealthBody, checkResourceUsage, sampleResources, watchServices } from '../../lib/checks/index.js';
import { SystemClock } from '../../lib/common/clock.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { PHASE1_PLAN } from '../../lib/plans/phase1.js';
import { gate, monitorSettings, target, thresholds } from '../_setup/gate.js';
import { healthEndpoints } from '../_setup/health-endpoints.js';

const t = target();
const inspector = new DockerodeContainerInspector();
const { coreWatchMs, coreWatchIntervalMs, resourceWindowMs } = monitorSettings();
/** Story 4's core services (002 §1.4). */
const CORE = ['data-api', 'websocket-ingestion', 'admin-api', 'data-retention'];

describe('Phase 1 — monitoring after the rebuild', () => {
  it(`P1-S4-T6: core services watched ${coreWatchMs / 1000} s after the rebuild (every ${coreWatchIntervalMs / 1000} s): always running and healthy, healthy bodies, no restart`, { timeout: coreWatchMs + 60_000 }, async (ctx) => {
    if (inject('rebuild') === null) {
      return gate(ctx, { criterionId: 'P1-S4-T6', title: 'core watch after the rebuild', status: 'skipped', message: 'no rebuild ran in this gate (PHASEGATE_REBUILD=0): there is no "after the rebuild" to watch' });
    }
    const endpoints = healthEndpoints(t);
    const services = CORE.filter((s) => t.services.includes(s));
    const samples = await watchServices({
      services,
      list: () => inspector.listProject(t.projectName),
      healthBody: async (service) => {
        const e = endpoints.find((x) => x.service === service);
        if (!e) return { ok: false, detail: 'no health URL' };
        const r = await checkHealthBody({ criterionId: 'P1-S4-T6', service, url: e.url, rule: e.rule });
        return { ok: r.status === 'passed', detail: r.message.split('. hint:')[0]! };
      },
      durationMs: coreWatchMs,
      intervalMs: coreWatchIntervalMs,
      clock: new SystemClock(),
    });
    gate(ctx, checkCoreWatch(samples, { criterionId: 'P1-S4-T6', services, durationMs: coreWatchMs, intervalMs: coreWatchIntervalMs }));
  });

  const story6 = PHASE1_PLAN.steps.find((s) => s.id === 'P1-S6')!;
  it(`P1-S6-T6: resource usage of the ${story6.title} services monitored (CPU and memory over ${resourceWindowMs / 1000} s)`, async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    const services = story6.services.map((name) => PHASE1_PLAN.renames[name]?.to ?? name).filter((name) => states.some((s) => s.service === name));
    if (services.length === 0) {
      return gate(ctx, { criterionId: 'P1-S6-T6', title: `${story6.title}: resource usage`, status: 'skipped', message: `none of the ${story6.services.length} services of P1-S6 (${story6.services.join(', ')}) runs in this target` });
    }
    const containers = services.map((service) => ({ service, container: states.find((s) => s.service === service)!.id }));
    const samples = await sampleResources((c) => inspector.stats(c), containers, resourceWindowMs);
    // 002 gives no threshold (criteria.md: "no threshold"); the D5.3 limits of this run are applied.
    gate(ctx, checkResourceUsage(samples, { criterionId: 'P1-S6-T6', memoryPercentMax: thresholds().memoryPercentMax, cpuPercentAvgMax: thresholds().cpuPercentAvgMax, windowMs: resourceWindowMs, hostMemoryBytes: totalmem() }));
  });
});
