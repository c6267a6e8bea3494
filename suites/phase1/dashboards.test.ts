// Phase 1 dashboard criteria (002 Story 10): both frontends load, render every tab the app has, log no console
// errors, and load within budget — the same page checks `npx playwright test` runs (lib/e2e).
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { AI_AUTOMATION_UI_APP, forCriterion, HEALTH_DASHBOARD_APP, launchChromium, runDashboardChecks, type DashboardApp } from '../../lib/e2e/index.js';
import { gate, target, thresholds } from '../_setup/gate.js';

const t = target();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function check(app: DashboardApp, service: string) {
  const { results } = await runDashboardChecks(browser, { app, baseUrl: t.urls[service]!, reportDir: join('reports', 'phase1', 'dashboards', service), budgets: { loadMs: thresholds().dashboardLoadMs } });
  return results;
}

describe('Phase 1 — dashboards (Playwright, Debian chromium)', () => {
  for (const [app, service] of [[HEALTH_DASHBOARD_APP, 'health-dashboard'], [AI_AUTOMATION_UI_APP, 'ai-automation-ui']] as const) {
    it(`P1-S10-AC4 / P1-S10-AC5 / P1-S10-AC6 / P1-SC4: ${service} loads, renders every tab, logs no console error, loads in < ${thresholds().dashboardLoadMs} ms`, async (ctx) => {
      const r = await check(app, service);
      gate(ctx, r.pageLoad, forCriterion(r.tabs, 'P1-S10-AC4'), r.consoleErrors, r.loadTiming, forCriterion(r.loadTiming, 'P1-SC4'));
    });
  }
});
