// Declares one Playwright test per dashboard check. The logic lives in lib/e2e (runDashboardChecks), the same
// functions the vitest gate suites call; this file only maps verdicts to tests with criterion annotations.
import { expect, test } from '@playwright/test';
import { DASHBOARD_CRITERIA, runDashboardChecks, type DashboardApp, type DashboardCheckName, type DashboardCheckReport } from '../lib/e2e/index.js';

/** Options of {@link declareDashboardChecks}. */
export interface DeclareDashboardChecksOptions {
  readonly app: DashboardApp;
  /** Checks that apply to this app (others are not declared, rather than skipped). */
  readonly checks: readonly DashboardCheckName[];
}

/** Report folder for screenshots and traces. @default 'reports/playwright' (env PHASEGATE_E2E_REPORT_DIR) */
const REPORT_DIR = process.env.PHASEGATE_E2E_REPORT_DIR || 'reports/playwright';
/** Load budget, in milliseconds. @default 3000 (env PHASEGATE_E2E_LOAD_BUDGET_MS) */
const LOAD_BUDGET_MS = Number(process.env.PHASEGATE_E2E_LOAD_BUDGET_MS || 3000);

/** Runs the app's checks once per worker (beforeAll) and declares one test per check. */
export function declareDashboardChecks({ app, checks }: DeclareDashboardChecksOptions): void {
  let report: DashboardCheckReport | undefined;
  test.beforeAll(async ({ browser }, testInfo) => {
    testInfo.setTimeout(120_000);
    const baseUrl = testInfo.project.use.baseURL;
    if (!baseUrl) throw new Error(`project ${testInfo.project.name} has no use.baseURL; set it in playwright.config.ts`);
    report = await runDashboardChecks(browser, { app, baseUrl, reportDir: REPORT_DIR, budgets: { loadMs: LOAD_BUDGET_MS } });
  });

  for (const name of checks) {
    const criteria = DASHBOARD_CRITERIA[name];
    test(
      `${app.name}: ${name} [${criteria.primary}]`,
      { annotation: [criteria.primary, ...criteria.also].map((id) => ({ type: 'criterion', description: id })) },
      // Playwright requires a destructuring pattern as the first argument, even when no fixture is used.
      // eslint-disable-next-line no-empty-pattern
      async ({}, testInfo) => {
        const result = report?.results[name];
        if (!result) throw new Error(`no ${name} result for ${app.name}: the page checks did not run`);
        await testInfo.attach(`${name}.json`, { body: JSON.stringify(result, null, 2), contentType: 'application/json' });
        for (const path of report?.tracePaths ?? []) await testInfo.attach('trace', { path, contentType: 'application/zip' });
        expect(result.status, result.message).toBe('passed');
      },
    );
  }
}
