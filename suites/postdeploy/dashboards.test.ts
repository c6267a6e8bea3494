// Post-deployment checklist, frontends: both dashboards load and render (PD-D1-5), in the browser (lib/e2e, Debian
// chromium): page load, every tab, no console error. "All E2E tests pass" (PD-48H-2) is the project's own suite, not
// in the images: these page checks can fail it, a pass leaves it undecided.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { onlyNecessary } from '../../lib/checks/index.js';
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

describe('Post-deployment — frontends', () => {
  for (const [app, service] of [[HEALTH_DASHBOARD_APP, 'health-dashboard'], [AI_AUTOMATION_UI_APP, 'ai-automation-ui']] as [DashboardApp, string][]) {
    it(`PD-D1-5 / PD-48H-2: ${service} loads and renders every tab without console errors`, async (ctx) => {
      const { results: r } = await runDashboardChecks(browser, { app, baseUrl: t.urls[service]!, reportDir: join('reports', 'postdeploy', 'dashboards', service), budgets: { loadMs: thresholds().dashboardLoadMs } });
      const e2e = 'the project\'s own E2E suite (`npm run test:e2e`) is not in the images';
      gate(ctx, forCriterion(r.pageLoad, 'PD-D1-5'), forCriterion(r.tabs, 'PD-D1-5'), ...[r.pageLoad, r.tabs, r.consoleErrors].map((x) => onlyNecessary(forCriterion(x, 'PD-48H-2'), e2e)));
    });
  }
});
