// Self-test of the dashboard checks on the running reference stack: each knob makes the matching check fail.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { HEALTH_DASHBOARD_APP, launchChromium, runDashboardChecks } from '../../lib/e2e/index.js';
import { FaultClient } from '../../lib/stack/index.js';
import { expectFails, target } from '../_setup/gate.js';

const t = target();
const knobs = new FaultClient('health-dashboard', t.urls['health-dashboard']!);
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await knobs.clear();
});

const run = () => runDashboardChecks(browser, { app: HEALTH_DASHBOARD_APP, baseUrl: t.urls['health-dashboard']!, budgets: { loadMs: 1_500 }, traceOnFailure: false });

describe('self-test: dashboard checks fail on their faults', () => {
  it('P1-S10-AC5 fails when the page logs a console error', async (ctx) => {
    await knobs.set({ consoleError: true });
    expectFails(ctx, (await run()).results.consoleErrors, /console/i);
  });

  it('RB-CL-FN2 (tabs) fails naming the missing tab and its selector', async (ctx) => {
    await knobs.set({ missingTab: 'sports' });
    expectFails(ctx, (await run()).results.tabs, /16\/17 tabs rendered; tab "sports" \(\[data-testid="tab-sports"\]\) not found/);
  });

  it('P1-S10-AC4 (auth) fails naming the request and its 401 when the bundle bakes a wrong key', async (ctx) => {
    await knobs.set({ bakedApiKey: 'wrong-baked-key-000' });
    expectFails(ctx, (await run()).results.auth, /API calls refused \(401\/403\) or sent without a Bearer key; first: GET http:\/\/\S+ .*answered HTTP 401 sending Authorization: Bearer \*\*\*; .*hint: the key baked into the bundle \(VITE_API_KEY build arg\)/);
  });

  it('P1-S10-AC4 (auth) fails when sessionStorage api_key makes the page send X-API-Key', async (ctx) => {
    await knobs.set({ sessionApiKey: 'stale-session-key-111' });
    expectFails(ctx, (await run()).results.auth, /answered HTTP 401 sending X-API-Key \*\*\*; .*hint: sessionStorage 'api_key' is set/);
  });

  it('P1-S10-AC6 fails when the dashboard loads slower than its budget', async (ctx) => {
    await knobs.set({ slowLoadMs: 2_000 });
    expectFails(ctx, (await run()).results.loadTiming, /too slow: load \d+ ?ms >= 1500 ?ms/);
  });
});
