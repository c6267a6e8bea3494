// 001 §Testing & Validation, E2E (L1383): no UI errors in the browser console, on both frontends and every page
// they offer — the Phase 1 Playwright page checks (lib/e2e, Debian chromium). The seven E2E scenarios of TV-E1
// need the AI services and OpenAI and are not run here.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { AI_AUTOMATION_UI_APP, forCriterion, HEALTH_DASHBOARD_APP, launchChromium, runDashboardChecks } from '../../lib/e2e/index.js';
import { gate, target, thresholds } from '../_setup/gate.js';

const t = target();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('001 Testing & Validation — frontend', () => {
  for (const [app, service] of [[HEALTH_DASHBOARD_APP, 'health-dashboard'], [AI_AUTOMATION_UI_APP, 'ai-automation-ui']] as const) {
    it(`TV-E2: ${service} logs no console or page error and no failed request on any page`, async (ctx) => {
      const { results: r } = await runDashboardChecks(browser, { app, baseUrl: t.urls[service]!, reportDir: join('reports', 'testing', 'dashboards', service), budgets: { loadMs: thresholds().dashboardLoadMs } });
      gate(ctx, forCriterion(r.pageLoad, 'TV-E2'), forCriterion(r.consoleErrors, 'TV-E2'));
    });
  }
});
