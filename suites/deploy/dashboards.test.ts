// Day 5 `npm run test:e2e` (D5-5): the project's own Playwright suite is not in the images, so the dashboards' page
// checks (lib/e2e, Debian chromium) stand in for it: both load, render every tab, log no console error. They can
// fail the criterion; a pass leaves it undecided (the project's suite was not run).
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { onlyNecessary } from '../../lib/checks/index.js';
import { AI_AUTOMATION_UI_APP, forCriterion, HEALTH_DASHBOARD_APP, launchChromium, runDashboardChecks, type DashboardApp } from '../../lib/e2e/index.js';
import { gate, target, thresholds } from '../_setup/gate.js';
import { deployDay } from './day.js';

const t = target();
const day = deployDay();
let browser: Browser | undefined;

describe(`Deployment Day ${day} — end to end`, () => {
  if (day === 5) {
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    for (const [app, service] of [[HEALTH_DASHBOARD_APP, 'health-dashboard'], [AI_AUTOMATION_UI_APP, 'ai-automation-ui']] as [DashboardApp, string][]) {
      it(`D5-5: ${service} loads, renders every tab and logs no console error (the necessary part of \`npm run test:e2e\`)`, async (ctx) => {
        const { results: r } = await runDashboardChecks(browser!, { app, baseUrl: t.urls[service]!, reportDir: join('reports', 'deploy', 'dashboards', service), budgets: { loadMs: thresholds().dashboardLoadMs } });
        const missing = 'the project\'s own `npm run test:e2e` suite is not in the images (001 L1212)';
        gate(ctx, ...[r.pageLoad, r.tabs, r.consoleErrors].map((x) => onlyNecessary(forCriterion(x, 'D5-5'), missing)));
      });
    }
  }
});
