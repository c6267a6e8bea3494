// The dashboard page checks the gate suites run the same way (lib/e2e, Debian chromium): one browser per test file,
// each app checked at the target's URL with the run's load budget, screenshots under reports/<suite>/dashboards/.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { AI_AUTOMATION_UI_APP, HEALTH_DASHBOARD_APP, launchChromium, runDashboardChecks, type DashboardApp, type DashboardCheckReport } from '../../lib/e2e/index.js';
import { target, thresholds } from './gate.js';

/** Both HomeIQ frontends with their compose service names. */
export const DASHBOARDS: ReadonlyArray<readonly [DashboardApp, string]> = [
  [HEALTH_DASHBOARD_APP, 'health-dashboard'],
  [AI_AUTOMATION_UI_APP, 'ai-automation-ui'],
];

/**
 * Registers the browser's launch and close in the calling suite (call it while tests are collected) and returns the
 * runner: `check(app, service)` gives the page-check results of one app.
 */
export function dashboardChecks(suite: string): (app: DashboardApp, service: string) => Promise<DashboardCheckReport['results']> {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return async (app, service) => {
    const report = await runDashboardChecks(browser!, { app, baseUrl: target().urls[service]!, reportDir: join('reports', suite, 'dashboards', service), budgets: { loadMs: thresholds().dashboardLoadMs } });
    return report.results;
  };
}
