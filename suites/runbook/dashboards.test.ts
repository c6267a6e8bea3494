// Runbook 004 frontend verification (L222-248): the dashboard on :3000 loads and shows data, and the ai-automation-ui
// Synergies page loads without errors — the same Playwright page checks as Phase 1 (lib/e2e, Debian chromium).
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

describe('Runbook 004 — dashboards (Playwright, Debian chromium)', () => {
  it('RUN-FV-4: the health dashboard on :3000 loads and shows data (every tab renders, statuses match the API, the live counter rises)', async (ctx) => {
    const { results: r } = await runDashboardChecks(browser, { app: HEALTH_DASHBOARD_APP, baseUrl: t.urls['health-dashboard']!, reportDir: join('reports', 'runbook', 'dashboards', 'health-dashboard'), budgets: { loadMs: thresholds().dashboardLoadMs } });
    gate(ctx, ...[r.pageLoad, r.tabs, r.statuses, r.liveCounter].map((x) => forCriterion(x, 'RUN-FV-4')));
  });

  it('RUN-FV-7: the ai-automation-ui Synergies page (and every other page) loads without console or request errors', async (ctx) => {
    const { results: r } = await runDashboardChecks(browser, { app: AI_AUTOMATION_UI_APP, baseUrl: t.urls['ai-automation-ui']!, reportDir: join('reports', 'runbook', 'dashboards', 'ai-automation-ui'), budgets: { loadMs: thresholds().dashboardLoadMs } });
    gate(ctx, ...[r.pageLoad, r.tabs, r.consoleErrors].map((x) => forCriterion(x, 'RUN-FV-7')));
  });
});
