// The dashboard page checks the gate suites run the same way (lib/e2e, Debian chromium): one browser per test file,
// each app checked at the target's URL with the run's load budget, screenshots under reports/<suite>/dashboards/.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { AI_AUTOMATION_UI_APP, HEALTH_DASHBOARD_APP, launchChromium, runDashboardChecks, runDashboardChecksTogether, type DashboardApp, type RunDashboardChecksOptions, type DashboardCheckReport } from '../../lib/e2e/index.js';
import { target, thresholds } from './gate.js';

/** Both HomeIQ frontends with their compose service names. */
export const DASHBOARDS: ReadonlyArray<readonly [DashboardApp, string]> = [
  [HEALTH_DASHBOARD_APP, 'health-dashboard'],
  [AI_AUTOMATION_UI_APP, 'ai-automation-ui'],
];

/**
 * Registers the browser's launch and close in the calling suite (call it while tests are collected) and returns the
 * runner: `check(app, service)` gives the page-check results of one app. Apps listed in `together` are checked at
 * the same time in one shared browser context on the first call for any of them (bench/e2e: each app in its own
 * context at once took ~3× one tab, one shared context ~2×), and later calls get their cached results.
 * @default together [] (each on demand, in its own context)
 */
export function dashboardChecks(
  suite: string,
  together: ReadonlyArray<readonly [DashboardApp, string]> = [],
): (app: DashboardApp, service: string) => Promise<DashboardCheckReport['results']> {
  let browser: Browser | undefined;
  const started = new Map<string, Promise<DashboardCheckReport['results']>>();
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const options = (app: DashboardApp, service: string): RunDashboardChecksOptions => ({
    app,
    baseUrl: target().urls[service]!,
    reportDir: join('reports', suite, 'dashboards', service),
    budgets: { loadMs: thresholds().dashboardLoadMs },
  });
  const results = (report: DashboardCheckReport): DashboardCheckReport['results'] => report.results;
  return async (app, service) => {
    const cached = started.get(service);
    if (cached) return cached;
    if (!together.some(([, s]) => s === service)) return runDashboardChecks(browser!, options(app, service)).then(results);
    const all = runDashboardChecksTogether(browser!, together.map(([a, s]) => options(a, s)));
    for (const [i, [, s]] of together.entries()) {
      const pending = all.then((reports) => results(reports[i]!));
      pending.catch(() => undefined); // awaited by its own test; not an unhandled rejection meanwhile
      started.set(s, pending);
    }
    return started.get(service)!;
  };
}
