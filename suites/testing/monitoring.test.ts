// 001 §Testing & Validation, monitoring and alerting (L1454-1485): 48 h of health without restarts, resource usage
// sampled per service (the `docker stats` of L1461), the last hour's error lines of every container collected into
// deployment_errors.log (L1464-1467), Jaeger traces of websocket-ingestion, InfluxDB writes in the last hour, memory
// below the 90% alert, no unhealthy service.
import { totalmem } from 'node:os';
import { describe, it } from 'vitest';
import {
  checkContainersHealthy, checkErrorCollection, checkHealthBody, checkMemoryPercent, checkNoRestarts, checkRecentWrites, checkResourceUsage, collectErrorLines, formatErrorLog, sampleResources, type MemoryReading,
} from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { FluxClient } from '../../lib/influx/index.js';
import { diagnosticsDir, writeEvidence } from '../../lib/reports/phase0-artifacts.js';
import { gate, monitorSettings, target, thresholds } from '../_setup/gate.js';

const t = target();
const inspector = new DockerodeContainerInspector();
const flux = new FluxClient({ url: t.influx.url, token: t.influx.token, org: t.influx.org });
/** 001 L1456 "48 hours" of post-deployment monitoring (D5.4: the longest window the plans name). */
const HOURS_48_MS = 48 * 3_600_000;

describe('001 Testing & Validation — monitoring and alerts', () => {
  it('TV-M1: 48 h of health — every service healthy now and none restarted (the window proven from StartedAt)', async (ctx) => {
    const now = await inspector.listProject(t.projectName);
    gate(
      ctx,
      checkContainersHealthy(now, { criterionId: 'TV-M1', expected: t.services }),
      checkNoRestarts(t.initialContainers, now, { criterionId: 'TV-M1', services: t.initialContainers.map((c) => c.service), requiredWindowMs: HOURS_48_MS, observedWindowMs: Date.now() - t.initialSampledAt }),
    );
  });

  it(`TV-M2: resource usage monitored — CPU and memory of every service over ${monitorSettings().resourceWindowMs / 1000} s, below ${thresholds().cpuPercentAvgMax}% CPU and ${thresholds().memoryPercentMax}% memory`, async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    const containers = t.services.map((service) => ({ service, container: states.find((s) => s.service === service)?.id ?? service }));
    const windowMs = monitorSettings().resourceWindowMs;
    const samples = await sampleResources((c) => inspector.stats(c), containers, windowMs);
    gate(ctx, checkResourceUsage(samples, { criterionId: 'TV-M2', memoryPercentMax: thresholds().memoryPercentMax, cpuPercentAvgMax: thresholds().cpuPercentAvgMax, windowMs, hostMemoryBytes: totalmem() }));
  });

  it('TV-M3: the last hour\'s error lines of every container collected into deployment_errors.log (reports/testing/diagnostics/)', async (ctx) => {
    const sinceSeconds = 3600;
    const containers = await inspector.listProject(t.projectName);
    const collection = await collectErrorLines(containers, (id, since) => inspector.logsSince(id, since), { expected: t.services, sinceSeconds });
    const file = writeEvidence(diagnosticsDir('testing'), 'deployment_errors.log', formatErrorLog(collection, new Date(), sinceSeconds));
    gate(ctx, checkErrorCollection(collection, { criterionId: 'TV-M3', file, sinceSeconds }));
  });

  it('TV-M4: Jaeger has traces of websocket-ingestion (/api/traces?service=websocket-ingestion&limit=10 non-empty)', async (ctx) => {
    gate(ctx, await checkHealthBody({ criterionId: 'TV-M4', service: 'jaeger', url: `${t.urls.jaeger}/api/traces?service=websocket-ingestion&limit=10`, rule: { field: 'data.length', greaterThan: 0 } }));
  });

  it('TV-M5: InfluxDB received writes in the last hour (Flux count of home_assistant_events over -1h > 0)', async (ctx) => {
    gate(ctx, await checkRecentWrites({ criterionId: 'TV-M5', influx: flux.typed, bucket: t.influx.bucket, field: 'context_id', range: '-1h' }));
  });

  it('TV-A1: no container uses 90% or more of its memory limit (the alert threshold of 001 L1483)', async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    const readings: MemoryReading[] = [];
    for (const s of states.filter((x) => x.state === 'running')) {
      const stats = await inspector.stats(s.id);
      readings.push({ service: s.service, usageBytes: stats.memoryUsageBytes, limitBytes: stats.memoryLimitBytes });
    }
    // One rule for every memory criterion (D5.3): judged against a container's mem_limit; without one, reported.
    gate(ctx, checkMemoryPercent(readings, { criterionId: 'TV-A1', maxPercent: 90, hostMemoryBytes: totalmem() }));
  });

  it('TV-A2: no service is unhealthy (the alert condition of 001 L1482)', async (ctx) => {
    gate(ctx, checkContainersHealthy(await inspector.listProject(t.projectName), { criterionId: 'TV-A2', expected: t.services }));
  });
});
