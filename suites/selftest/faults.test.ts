// Self-test of the gate: every check is proven able to FAIL. Each scenario injects one fault into the
// reference stack through its knob, runs the check and expects a failure with the right diagnosis.
import { afterEach, describe, expect, it } from 'vitest';
import { createBaseline, homeiqRegressionEndpoints } from '../../lib/baselines/index.js';
import { checkBaselineRegression, checkEventsFlowing, checkNoDataLoss, snapshotPoints, checkHealthBody, checkLatency, checkLoadBudget, checkNoErrorLogs, checkNoRestarts } from '../../lib/checks/index.js';
import { AutocannonRunner, measureRegression } from '../../lib/load/index.js';
import { SystemClock } from '../../lib/common/clock.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { FluxClient } from '../../lib/influx/index.js';
import { probeHaWebsocket } from '../../lib/probes/index.js';
import { waitHealthy } from '../../lib/stack/index.js';
import { FaultInjector } from './fault-injector.js';
import { expectFails, gate, target } from '../_setup/gate.js';

const t = target();
const faults = new FaultInjector(t);
const flux = new FluxClient({ url: t.influx.url, token: t.influx.token, org: t.influx.org });
const inspector = new DockerodeContainerInspector();
const inject = (service: string, knobs: Record<string, unknown>) => faults.inject(service, knobs);

describe('self-test: each check fails on its fault', () => {
  afterEach(() => faults.clearAll());

  it('healthy stack: the checks pass before any fault is injected', async (ctx) => {
    gate(
      ctx,
      await checkHealthBody({ criterionId: 'P1-S4-V2', service: 'data-api', url: `${t.urls['data-api']}/health`, rule: { field: 'dependencies.influxdb.status', equals: 'connected' } }),
      await checkEventsFlowing({ criterionId: 'P1-SC6', ingestionHealthUrl: `${t.urls['websocket-ingestion']}/health`, flux, bucket: t.influx.bucket, windowMs: 3_000 }),
    );
  });

  it('P1-SC6 fails when websocket-ingestion stops writing while its /health still says healthy (the always-200 trap)', async (ctx) => {
    await inject('websocket-ingestion', { stopWriting: true });
    await new Promise((r) => setTimeout(r, 1_500)); // let an in-flight batch land
    const health = await checkHealthBody({ criterionId: 'P0-S2-AC3a', service: 'websocket-ingestion', url: `${t.urls['websocket-ingestion']}/health`, rule: { field: 'status', equals: 'healthy' } });
    expect(health).toBeHealthy();
    const flow = await checkEventsFlowing({ criterionId: 'P1-SC6', ingestionHealthUrl: `${t.urls['websocket-ingestion']}/health`, flux, bucket: t.influx.bucket, windowMs: 3_000 });
    expectFails(ctx, flow, /websocket-ingestion received \d+ events in 3s but InfluxDB bucket home_assistant_events gained 0 points/);
  });

  it('P1-SC6 fails when Home Assistant sends no events', async (ctx) => {
    await inject('ha-simulator', { stopEvents: true });
    const flow = await checkEventsFlowing({ criterionId: 'P1-SC6', ingestionHealthUrl: `${t.urls['websocket-ingestion']}/health`, flux, bucket: t.influx.bucket, windowMs: 3_000 });
    expectFails(ctx, flow, /websocket-ingestion received 0 events in 3s/);
  });

  it('P1-001-T7b fails when websocket-ingestion answers 200 with status "degraded"', async (ctx) => {
    await inject('websocket-ingestion', { healthStatus: 'degraded' });
    const r = await checkHealthBody({ criterionId: 'P1-001-T7b', service: 'websocket-ingestion', url: `${t.urls['websocket-ingestion']}/health`, rule: { field: 'status', equals: 'healthy' } });
    expectFails(ctx, r, /answered HTTP 200 but status = "degraded"; expected 2xx and status == "healthy"/);
  });

  it('combined: HTTP 200 everywhere, but HA is disconnected and InfluxDB rejects writes — P1-SC6 and P0-S2-AC3a both fail', async (ctx) => {
    await inject('websocket-ingestion', { disconnect: true });
    await inject('influxdb', { writeStatus: 503 });
    const status = (await fetch(`${t.urls['websocket-ingestion']}/health`)).status;
    expect(status, 'websocket-ingestion /health keeps answering 200 (HomeIQ behaviour)').toBe(200);
    const flow = await checkEventsFlowing({ criterionId: 'P1-SC6', ingestionHealthUrl: `${t.urls['websocket-ingestion']}/health`, flux, bucket: t.influx.bucket, windowMs: 3_000 });
    expectFails(ctx, flow, /websocket-ingestion received 0 events in 3s/);
    const subscribed = await checkHealthBody({ criterionId: 'P0-S2-AC3a', service: 'websocket-ingestion', url: `${t.urls['websocket-ingestion']}/health`, rule: { field: 'subscription.is_subscribed', equals: true } });
    expectFails(ctx, subscribed, /answered HTTP 200 but subscription\.is_subscribed = false/);
  });

  it('P1-S4-V2 fails when data-api loses InfluxDB', async (ctx) => {
    await inject('data-api', { influxDisconnected: true });
    const r = await checkHealthBody({ criterionId: 'P1-S4-V2', service: 'data-api', url: `${t.urls['data-api']}/health`, rule: { field: 'dependencies.influxdb.status', equals: 'connected' } });
    expectFails(ctx, r, /dependencies\.influxdb\.status = "disconnected"/);
  });

  it('P1-S4-V5 fails when data-retention has no policies', async (ctx) => {
    await inject('data-retention', { policyCount: 0 });
    const r = await checkHealthBody({ criterionId: 'P1-S4-V5', service: 'data-retention', url: `${t.urls['data-retention']}/health`, rule: { field: 'service_status.policy_count', greaterThan: 0 } });
    expectFails(ctx, r, /service_status\.policy_count = 0; expected 2xx and service_status\.policy_count > 0/);
  });

  it('P1-S4-AC5 fails on an HTTP 503 health answer', async (ctx) => {
    await inject('data-retention', { healthHttpStatus: 503 });
    const r = await checkHealthBody({ criterionId: 'P1-S4-AC5', service: 'data-retention', url: `${t.urls['data-retention']}/health`, rule: { field: 'status', equals: 'healthy' } });
    expectFails(ctx, r, /answered HTTP 503; expected 2xx and status == "healthy"/);
  });

  it('P1-S3-AC4 fails within its bound when InfluxDB black-holes requests', async (ctx) => {
    await inject('influxdb', { hang: true });
    const r = await checkHealthBody({ criterionId: 'P1-S3-AC4', service: 'influxdb', url: `${t.urls.influxdb}/health`, rule: { field: 'status', equals: 'pass' }, timeoutMs: 1_000 });
    expectFails(ctx, r, /influxdb \(http:\/\/127\.0\.0\.1:8086\/health\) did not answer: timeout after 1000ms \(no response headers\)/);
  });

  it('P1-SC3 fails when data-api answers slower than 500 ms', async (ctx) => {
    await inject('data-api', { latencyMs: 650 });
    const r = await checkLatency({ criterionId: 'P1-SC3', name: 'data-api /health', url: `${t.urls['data-api']}/health`, limitMs: 500, samples: 3 });
    expectFails(ctx, r, /data-api \/health \(http:\/\/127\.0\.0\.1:8006\/health\): p\(95\)=\d+\.\dms max=\d+\.\dms over 3 sequential requests; limit p\(95\) < 500ms/);
    expect(r.measurement).toBeGreaterThanOrEqual(650);
  });

  it('P1-S4-V1 fails its k6 budget under open-loop load when data-api slows down', async (ctx) => {
    await inject('data-api', { latencyMs: 600 });
    const r = await checkLoadBudget({ criterionId: 'P1-S4-V1', name: 'data-api /health', url: `${t.urls['data-api']}/health`, budgets: { http_req_duration: ['p(95)<500'] }, ratePerSec: 10, durationMs: 2_000, warmupMs: 0 });
    expectFails(ctx, r, /data-api \/health \(http:\/\/127\.0\.0\.1:8006\/health\): ✗ 'p\(95\)<500' p\(95\)=\d+(\.\d+)?ms over \d+ requests at 10\/s open loop/);
  });

  it('P1-SC7 fails when data-api is slower than the baseline measured minutes before', async (ctx) => {
    const endpoints = homeiqRegressionEndpoints(t).filter((e) => e.name.startsWith('data-api'));
    const profile = { mode: 'open' as const, ratePerSec: 60, durationMs: 2_000, warmupMs: 300, connections: 30 };
    const before = await measureRegression({ endpoints, profile, runner: new AutocannonRunner() });
    const source = { kind: 'pre-rebuild' as const, origin: 'the healthy measurement', baseline: createBaseline({ target: 'reference', phase: 'selftest', fingerprint: before.measurement.fingerprint, endpoints: before.measurement.endpoints }) };
    await inject('data-api', { latencyMs: 300 });
    const after = await measureRegression({ endpoints, profile, runner: new AutocannonRunner() });
    const r = checkBaselineRegression({ criterionId: 'P1-SC7', source, current: after.measurement });
    expectFails(ctx, r, /^latency regressed against the healthy measurement \(.*\): data-api GET \/(health|api\/v1\/events)[^:]*: p\(95\) \d+\.\d\dms → \d+\.\d\dms, ratio \d+\.\d{3} .*regressed/);
  });

  it('P1-S4-AC7 fails when a service logs errors', async (ctx) => {
    await inject('admin-api', { logErrors: 20 });
    await new Promise((r) => setTimeout(r, 1_000));
    const states = await inspector.listProject(t.projectName);
    const r = await checkNoErrorLogs(inspector, states, { criterionId: 'P1-S4-AC7', services: ['admin-api'], tail: 50 });
    expectFails(ctx, r, /admin-api \(homeiq-admin\): \d+ error line\(s\), first: .*ERROR phasegate fault: injected error line/);
  });

  it('P1-S4-AC8 precondition fails when Home Assistant never answers auth (bounded, step named)', async (ctx) => {
    await inject('ha-simulator', { neverAuthOk: true });
    const ha = await probeHaWebsocket({ url: t.ha.url, token: t.ha.token, stepTimeoutMs: 1_500 });
    expect(ha.ok).toBe(false);
    expect(ha.error).toBe('ws://127.0.0.1:8125/api/websocket: HA never sent auth_ok after auth within 1500ms (stuck in phase auth_ok). hint: HA answers auth with auth_ok or auth_invalid at once; a silent HA is hung or not HA');
    expect(ha.error).not.toContain(t.ha.token);
    ctx.task.meta.criterionIds = ['P1-S4-AC8'];
  });

  it('P1-SC5 fails when a container crashes and is restarted', async (ctx) => {
    const before = await inspector.listProject(t.projectName);
    const started = Date.now();
    await inject('sports-api', { crashAfterMs: 50 });
    faults.forget('sports-api'); // the process is gone; its knobs die with it
    const clock = new SystemClock();
    // wait until Docker has restarted it and it is healthy again, so later checks see a whole stack
    for (let i = 0; i < 60; i++) {
      const c = (await inspector.listProject(t.projectName)).find((s) => s.service === 'sports-api');
      if (c && c.restartCount > (before.find((s) => s.service === 'sports-api')?.restartCount ?? 0)) break;
      await clock.sleep(250);
    }
    await waitHealthy(inspector, t.projectName, clock, 60_000);
    const after = await inspector.listProject(t.projectName);
    const r = checkNoRestarts(before, after, { criterionId: 'P1-SC5', services: before.map((s) => s.service), requiredWindowMs: 3_600_000, observedWindowMs: Date.now() - started });
    expectFails(ctx, r, /1 service\(s\) restarted in the \d+ s observed \(criterion asks 1\.0 h\): sports-api: RestartCount 0→1/);
  });

  it('P1-S3-AC5 fails when InfluxDB restarts without its data (a lost volume)', async (ctx) => {
    const before = await snapshotPoints({ influx: flux.typed, bucket: t.influx.bucket, stop: new Date() });
    expect(before.count, 'events must have been written before the restart for the check to prove anything').toBeGreaterThan(0);
    const restarts = (await inspector.listProject(t.projectName)).find((s) => s.service === 'influxdb')?.restartCount ?? 0;
    // Sticky: the restarted process wipes its data dir at start; the crash makes Docker restart it.
    await inject('influxdb', { loseDataOnRestart: true, crashAfterMs: 50 });
    const clock = new SystemClock();
    for (let i = 0; i < 80; i++) {
      const c = (await inspector.listProject(t.projectName)).find((s) => s.service === 'influxdb');
      if (c && c.restartCount > restarts) break;
      await clock.sleep(250);
    }
    await waitHealthy(inspector, t.projectName, clock, 60_000);
    const r = await checkNoDataLoss({ criterionId: 'P1-S3-AC5', influx: flux.typed, before, event: 'the crash and restart of influxdb' });
    expectFails(ctx, r, new RegExp(`^InfluxDB lost \\d+ of ${before.count} points written before the crash and restart of influxdb \\(bucket home_assistant_events, measurement home_assistant_events, .*: ${before.count} before, \\d+ after\\)\\. hint: is /var/lib/influxdb2 a named volume`));
  });
});
