// Self-test of the Phase 2-4 checks: each is proven able to FAIL on the reference stack (core services) through a
// fault knob, as in faults.test.ts. The checks are the ones suites/phase2 and suites/phase3 run.
import { afterEach, describe, expect, it } from 'vitest';
import { checkMemoryTrend, checkMemoryWindow, checkNoErrorLogs, inspectorMemorySampler, INFLUX_WRITE_ERROR_PATTERNS } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { FaultInjector } from './fault-injector.js';
import { expectFails, target } from '../_setup/gate.js';

const t = target();
const faults = new FaultInjector(t);
const inspector = new DockerodeContainerInspector();
const inject = (service: string, knobs: Record<string, unknown>) => faults.inject(service, knobs);

describe('self-test: the Phase 2-4 checks fail on their faults', () => {
  afterEach(() => faults.clearAll());

  it('P2-SC5 fails when InfluxDB rejects writes (websocket-ingestion logs the failed batch)', async (ctx) => {
    await inject('influxdb', { writeStatus: 503 });
    await new Promise((r) => setTimeout(r, 3_000)); // batches flush every second; at least one must fail and log
    const states = await inspector.listProject(t.projectName);
    const r = await checkNoErrorLogs(inspector, states, { criterionId: 'P2-SC5', services: ['websocket-ingestion'], tail: 200, patterns: INFLUX_WRITE_ERROR_PATTERNS, what: 'InfluxDB write-error' });
    expectFails(ctx, r, /^websocket-ingestion \(homeiq-websocket\): \d+ InfluxDB write-error line\(s\), first: .*InfluxDB write failed: /);
    // The count includes this fault's 503s; the first line quoted may be an earlier scenario's failed write.
    expect(r.measurement).toBeGreaterThan(0);
  });

  it('P3-SC5 fails at once (before the 24 h window) when a service leaks memory', async (ctx) => {
    // 8 MiB/s over 20 samples 300 ms apart (about 6 s, ~50 MiB) stays under the 90 MiB cap and the twins' mem_limit of
    // 128m (no OOM kill); the longer window keeps the slope's interval clear of the limit when CI starves the container.
    await inject('data-retention', { memoryGrowthMiBPerS: 8, memoryCapMiB: 90 });
    const states = await inspector.listProject(t.projectName);
    const c = states.find((s) => s.service === 'data-retention')!;
    const trend = await checkMemoryTrend({ criterionId: 'P3-SC5', service: 'data-retention', sample: inspectorMemorySampler(inspector, c.id), samples: 20, intervalMs: 300, maxGrowthBytesPerS: 2 * 1024 * 1024 });
    const r = checkMemoryWindow({ criterionId: 'P3-SC5', services: ['data-retention'], states, trends: [trend], requiredWindowMs: 24 * 3_600_000, nowMs: Date.now() });
    expectFails(ctx, r, /^data-retention memory grows \d+\.\d\d MiB\/s .*; limit growth <= 2\.00 MiB\/s/);
  });
});
