// Self-test of the runbook gate (suites/runbook): each new criterion check is proven able to FAIL on the reference
// stack. One fault per scenario through the twins' knobs, cleared after each test.
import { afterEach, describe, it } from 'vitest';
import { checkAuth, checkHealthBody, checkLatency, checkNoErrorLogs } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { FaultClient } from '../../lib/stack/index.js';
import { expectFails, gate, target } from '../_setup/gate.js';
import { healthEndpoints } from '../_setup/health-endpoints.js';

const t = target();
const faults = (service: string) => new FaultClient(service, t.urls[service]!);
const inspector = new DockerodeContainerInspector();
const bearer = { Authorization: `Bearer ${t.apiKey}` };
const touched = new Set<string>();
async function inject(service: string, knobs: Record<string, unknown>): Promise<void> {
  touched.add(service);
  await faults(service).set(knobs);
}

describe('self-test: the runbook checks fail on their faults', () => {
  afterEach(async () => {
    for (const service of touched) await faults(service).clear();
    touched.clear();
  });

  it('healthy stack: auth is enforced and data-api returns events before any fault', async (ctx) => {
    gate(
      ctx,
      await checkAuth({ criterionId: 'RUN-PRE-3c', service: 'data-api', url: `${t.urls['data-api']}/api/v1/events?limit=1`, expect: 'rejected', attempts: [{ label: 'no key' }] }),
      await checkHealthBody({ criterionId: 'RUN-FV-2', service: 'data-api', url: `${t.urls['data-api']}/api/v1/events?limit=5`, headers: bearer, rule: { field: 'length', greaterThan: 0 } }),
    );
  });

  it('RUN-PRE-3c fails when data-api answers without a key (auth bypassed)', async (ctx) => {
    await inject('data-api', { authBypass: true });
    const r = await checkAuth({ criterionId: 'RUN-PRE-3c', service: 'data-api', url: `${t.urls['data-api']}/api/v1/events?limit=1`, expect: 'rejected', attempts: [{ label: 'no key' }] });
    expectFails(ctx, r, /no key → HTTP 200; expected HTTP 401 or 403 for every attempt\. hint: the endpoint answers without a valid key/);
  });

  it('RUN-FV-2 fails when data-api answers 200 with an empty event list (its InfluxDB query failed)', async (ctx) => {
    await inject('data-api', { eventsEmpty: true });
    const r = await checkHealthBody({ criterionId: 'RUN-FV-2', service: 'data-api', url: `${t.urls['data-api']}/api/v1/events?limit=5`, headers: bearer, rule: { field: 'length', greaterThan: 0 } });
    expectFails(ctx, r, /answered HTTP 200 but length = 0; expected 2xx and length > 0/);
  });

  it('RUN-FV-3 fails on the stats route: 200 with an upstream "HTTP 404" inside (as HomeIQ at REF)', async (ctx) => {
    await inject('data-api', { eventsStatsUpstream404: true });
    const r = await checkHealthBody({ criterionId: 'RUN-FV-3', service: 'data-api', url: `${t.urls['data-api']}/api/v1/events/stats?period=1h`, headers: bearer, rule: { lacks: '"error"' } });
    expectFails(ctx, r, /answered HTTP 200 but the body contains "\\"error\\""; expected 2xx and body lacks/);
  });

  it('RUN-FV-1 fails when websocket-ingestion loses Home Assistant while /health stays 200', async (ctx) => {
    await inject('websocket-ingestion', { disconnect: true });
    const r = await checkHealthBody({ criterionId: 'RUN-FV-1', service: 'websocket-ingestion', url: `${t.urls['websocket-ingestion']}/health`, rule: { field: 'subscription.is_subscribed', equals: true } });
    expectFails(ctx, r, /answered HTTP 200 but subscription\.is_subscribed = false/);
  });

  it('RUN-POST-1b fails when data-api answers slower than 500 ms', async (ctx) => {
    await inject('data-api', { latencyMs: 650 });
    const r = await checkLatency({ criterionId: 'RUN-POST-1b', name: 'data-api /health', url: `${t.urls['data-api']}/health`, limitMs: 500, samples: 3 });
    expectFails(ctx, r, /data-api \/health .*p\(95\)=\d+\.\dms .* over 3 sequential requests; limit p\(95\) < 500ms/);
  });

  it('RUN-M5 fails when admin-api /health answers 503', async (ctx) => {
    await inject('admin-api', { healthHttpStatus: 503 });
    const r = await checkHealthBody({ criterionId: 'RUN-M5', service: 'admin-api', url: `${t.urls['admin-api']}/health`, rule: { field: 'status', equals: 'healthy' } });
    expectFails(ctx, r, /admin-api \(.*\/health\) answered HTTP 503/);
  });

  it('RUN-MON-1 fails when a service logs errors', async (ctx) => {
    await inject('admin-api', { logErrors: 20 });
    await new Promise((r) => setTimeout(r, 1_000));
    const states = await inspector.listProject(t.projectName);
    const r = await checkNoErrorLogs(inspector, states, { criterionId: 'RUN-MON-1', services: ['admin-api'], tail: 100 });
    expectFails(ctx, r, /admin-api \(.*\): \d+ error line\(s\), first: .*ERROR phasegate fault: injected error line/);
  });

  it('RUN-TS-1 fails when the dashboard answers a proxied path with its index.html (no upstream)', async (ctx) => {
    // The /setup-service/ location is missing, as in a misconfigured nginx: the SPA fallback answers 200 HTML.
    await inject('health-dashboard', { proxyFallback: '/setup-service/' });
    const r = await checkHealthBody({ criterionId: 'RUN-TS-1', service: 'health-dashboard', url: `${t.urls['health-dashboard']}/setup-service/api/health/environment`, rule: { json: true } });
    expectFails(ctx, r, /answered HTTP 200 but the body is not JSON/);
  });

  it('RUN-POST-1a fails when a critical service (data-api) answers 200 with status "unhealthy"', async (ctx) => {
    await inject('data-api', { healthStatus: 'unhealthy' });
    // As the gate: the four critical services' health endpoints with their body rules (suites/_setup/health-endpoints.ts).
    const critical = healthEndpoints(t).filter((e) => ['influxdb', 'websocket-ingestion', 'data-api', 'admin-api'].includes(e.service));
    const results = await Promise.all(critical.map((e) => checkHealthBody({ criterionId: 'RUN-POST-1a', ...e })));
    expectFails(ctx, results.find((r) => r.status === 'failed') ?? results[0]!, /data-api .*answered HTTP 200 but status = "unhealthy"/);
  });

  it('RUN-POST-1c fails on a connection-level error: data-retention answers its health endpoint with HTTP 503', async (ctx) => {
    await inject('data-retention', { healthHttpStatus: 503 });
    const results = await Promise.all(healthEndpoints(t).map((e) => checkHealthBody({ criterionId: 'RUN-POST-1c', service: e.service, url: e.url, rule: { any: true } })));
    expectFails(ctx, results.find((r) => r.status === 'failed') ?? results[0]!, /data-retention .*answered HTTP 503; expected 2xx/);
  });

  it('RUN-TS-2 fails when admin-api requires a key on its public MQTT config and real-time metrics routes', async (ctx) => {
    await inject('admin-api', { publicAuthRequired: true });
    const attempts = [{ label: 'no key' }];
    expectFails(ctx, await checkAuth({ criterionId: 'RUN-TS-2', service: 'admin-api', url: `${t.urls['admin-api']}/api/v1/config/integrations/mqtt`, expect: 'public', attempts }), /no key → HTTP 401/);
    expectFails(ctx, await checkAuth({ criterionId: 'RUN-TS-2', service: 'admin-api', url: `${t.urls['admin-api']}/api/v1/real-time-metrics`, expect: 'public', attempts }), /no key → HTTP 401/);
  });
});
