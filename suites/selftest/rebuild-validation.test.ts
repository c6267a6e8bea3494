// Self-test of 003's validation entries (suites/rebuild/validation.test.ts): each entry is evaluated exactly as the
// gate does (suites/_setup/rebuild-validation.ts) while the fault matching its check is injected, and must FAIL with
// the diagnosis named here. One scenario per fault; every entry it lists is judged under it. Knobs are cleared after
// each scenario; the stopped container of the last one is started again and waited for.
import { execa } from 'execa';
import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import type { CheckResult } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { HEALTH_DASHBOARD_APP } from '../../lib/e2e/index.js';
import { validationEntry } from '../../lib/plans/complete-rebuild-validation.js';
import { dashboardChecks } from '../_setup/dashboards.js';
import { expectFails, target } from '../_setup/gate.js';
import { createValidationEvaluator } from '../_setup/rebuild-validation.js';
import { FaultInjector } from './fault-injector.js';

const t = target();
const faults = new FaultInjector(t);
const inspector = new DockerodeContainerInspector();
const dashboard = dashboardChecks('selftest');
// Not cached: every scenario checks the dashboard afresh, under its own fault.
const evaluator = createValidationEvaluator({ dashboard: () => dashboard(HEALTH_DASHBOARD_APP, 'health-dashboard') });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Scenario {
  /** What is broken, for the test title. */
  readonly fault: string;
  /** The validation entries judged under it. */
  readonly ids: readonly string[];
  readonly inject: () => Promise<void>;
  /** The failing result's message must match. */
  readonly diagnosis: RegExp;
  /** Set up after injecting (e.g. lines logged, memory grown), in milliseconds. @default 0 */
  readonly settleMs?: number;
}

const knob = (service: string, knobs: Record<string, unknown>) => () => faults.inject(service, knobs);

const SCENARIOS: readonly Scenario[] = [
  { fault: 'data-api /health says "unhealthy" with HTTP 200', ids: ['RB-CL-SH5', 'RB-V-1', 'RB-SC10'], inject: knob('data-api', { healthStatus: 'unhealthy' }), diagnosis: /data-api.*answered HTTP 200 but status = "unhealthy"/ },
  { fault: 'InfluxDB /health says "fail" with HTTP 200', ids: ['RB-CL-SH1'], inject: knob('influxdb', { healthStatus: 'fail', healthHttpStatus: 200 }), diagnosis: /influxdb.*answered HTTP 200 but status = "fail"/ },
  { fault: 'websocket-ingestion /health says "unhealthy"', ids: ['RB-CL-SH2'], inject: knob('websocket-ingestion', { healthStatus: 'unhealthy' }), diagnosis: /websocket-ingestion.*status = "unhealthy"/ },
  { fault: 'admin-api /api/v1/health says "unhealthy"', ids: ['RB-CL-SH4'], inject: knob('admin-api', { healthStatus: 'unhealthy' }), diagnosis: /admin-api.*status = "unhealthy"/ },
  { fault: 'data-retention /health says "unhealthy"', ids: ['RB-CL-SH6'], inject: knob('data-retention', { healthStatus: 'unhealthy' }), diagnosis: /data-retention.*status = "unhealthy"/ },
  { fault: 'sports-api /health says "unhealthy"', ids: ['RB-CL-SH7'], inject: knob('sports-api', { healthStatus: 'unhealthy' }), diagnosis: /sports-api.*status = "unhealthy"/ },
  { fault: 'the health-dashboard accepts connections and never answers', ids: ['RB-CL-SH9'], inject: knob('health-dashboard', { hang: true }), diagnosis: /health-dashboard.*did not answer/ },
  { fault: 'websocket-ingestion lost its Home Assistant connection', ids: ['RB-V-3', 'RB-CL-FN3', 'RB-CL-INT1', 'RB-SC3'], inject: knob('websocket-ingestion', { disconnect: true }), diagnosis: /websocket-ingestion .*subscription\.is_subscribed = false/, settleMs: 1_000 },
  { fault: 'websocket-ingestion stops writing to InfluxDB', ids: ['RB-CL-FN4', 'RB-SC4'], inject: knob('websocket-ingestion', { stopWriting: true }), diagnosis: /gained 0 points/, settleMs: 1_500 },
  { fault: 'data-api lists no devices', ids: ['RB-CL-FN5', 'RB-CL-INT3', 'RB-SC5', 'RB-PR-1..8'], inject: knob('data-api', { noDevices: true }), diagnosis: /\/api\/devices.*count = 0/ },
  { fault: 'data-api returns no events', ids: ['RB-CL-INT2'], inject: knob('data-api', { eventsEmpty: true }), diagnosis: /\/api\/v1\/events\?limit=1.*length = 0/ },
  { fault: 'sports-api hangs', ids: ['RB-V-5', 'RB-CL-FN6', 'RB-CL-INT5'], inject: knob('sports-api', { hang: true }), diagnosis: /sports-api.*\/api\/n[fh]l\/games.*did not answer/ },
  { fault: 'a dashboard tab is missing', ids: ['RB-CL-FN2'], inject: knob('health-dashboard', { missingTab: 'sports' }), diagnosis: /tab "sports" \(\[data-testid="tab-sports"\]\) not found/ },
  { fault: 'the dashboard logs a console error', ids: ['RB-CL-FN7', 'RB-SC2', 'RB-V-2'], inject: knob('health-dashboard', { consoleError: true }), diagnosis: /console\/page error.*injected console error/ },
  { fault: 'admin-api answers the dashboard\'s calls with HTTP 503', ids: ['RB-CL-FN1'], inject: knob('admin-api', { healthHttpStatus: 503 }), diagnosis: /health-dashboard .* failed request\(s\), limit 0; first on tab "[a-z-]+": GET .*answered HTTP 503/ },
  { fault: 'the dashboard takes 3.5 s to load', ids: ['RB-CL-PERF1'], inject: knob('health-dashboard', { slowLoadMs: 3_500 }), diagnosis: /health-dashboard .* too slow: load \d+ ms >= \d+ ms/ },
  { fault: 'data-api answers after 700 ms', ids: ['RB-CL-PERF2', 'RB-SC6'], inject: knob('data-api', { latencyMs: 700 }), diagnosis: /data-api \/health.*p\(95\)=/ },
  { fault: 'data-retention logs ERROR lines', ids: ['RB-CL-INF5', 'RB-CL-FN8', 'RB-SC7'], inject: knob('data-retention', { logErrors: 5 }), diagnosis: /data-retention .*error line\(s\), first: .*ERROR phasegate fault: injected error line/, settleMs: 2_000 },
  { fault: 'data-api answers /api/devices without a key', ids: ['RB-CL-SEC5'], inject: knob('data-api', { authBypass: true }), diagnosis: /data-api.*no key → HTTP 200; expected HTTP 401 or 403/ },
  { fault: 'data-api opens an unintended port', ids: ['RB-CL-SEC4'], inject: knob('data-api', { extraListenPort: 28_432 }), diagnosis: /data-api listens on 127\.0\.0\.1:28432/, settleMs: 500 },
];

/** Judges one entry under the current fault: at least one of its results fails, with the diagnosis. */
async function expectEntryFails(ctx: TestContext, id: string, diagnosis: RegExp): Promise<void> {
  const entry = validationEntry(id);
  expect(entry, `${id} has a validation entry`).toBeDefined();
  expect(evaluator.unmet(entry!), `${id} is decidable on the target`).toBeNull();
  const results: CheckResult[] = await evaluator.evaluate(entry!);
  const failed = results.find((r) => r.status === 'failed' && diagnosis.test(r.message)) ?? results.find((r) => r.status === 'failed') ?? results[0]!;
  expectFails(ctx, { ...failed, criterionId: id }, diagnosis);
}

describe('self-test: 003 validation entries fail on their faults', () => {
  afterEach(async () => {
    await faults.clearAll();
  });

  for (const s of SCENARIOS) {
    it(`${s.ids.join(', ')} fail when ${s.fault}`, { timeout: 180_000 }, async (ctx) => {
      await s.inject();
      if (s.settleMs) await sleep(s.settleMs);
      for (const id of s.ids) await expectEntryFails(ctx, id, s.diagnosis);
    });
  }

  it('RB-CL-INF1, RB-CL-INF2, RB-SC1 fail when a container (jaeger) is stopped', { timeout: 180_000 }, async (ctx) => {
    const jaeger = (await inspector.listProject(t.projectName)).find((c) => c.service === 'jaeger');
    expect(jaeger, 'jaeger runs in the reference stack').toBeDefined();
    await execa('docker', ['stop', '-t', '2', jaeger!.id]);
    try {
      for (const id of ['RB-CL-INF1', 'RB-CL-INF2', 'RB-SC1']) await expectEntryFails(ctx, id, /jaeger/);
    } finally {
      await execa('docker', ['start', jaeger!.id]);
      for (let i = 0; i < 60; i++) {
        const now = (await inspector.listProject(t.projectName)).find((c) => c.service === 'jaeger');
        if (now?.health === 'healthy') break;
        await sleep(1_000);
      }
    }
  });
});
