// One call per frontend: observe it in the browser, judge it, keep traces only when something failed.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CheckResult } from '../checks/index.js';
import { evaluateDashboard, type DashboardBudgets, type DashboardCheckName } from './evaluate-dashboard.js';
import { observeDashboard, type DashboardObservation, type ObserveDashboardOptions } from './observe-dashboard.js';

/** Options of {@link runDashboardChecks}. */
export interface RunDashboardChecksOptions extends Omit<ObserveDashboardOptions, 'screenshotDir' | 'trace'> {
  /** Report folder: screenshots go to `<reportDir>/screenshots`, traces (on failure) to `<reportDir>/traces`. @default none */
  readonly reportDir?: string;
  /** Save a Playwright trace when any check failed (needs `reportDir`). @default true */
  readonly traceOnFailure?: boolean;
  readonly budgets?: DashboardBudgets;
}

/** What {@link runDashboardChecks} found. */
export interface DashboardCheckReport {
  readonly observation: DashboardObservation;
  readonly results: Readonly<Record<DashboardCheckName, CheckResult>>;
  /** Trace files written (only when a check failed). */
  readonly tracePaths: readonly string[];
}

/** Checks one frontend end to end (load, console, timing, every tab, statuses, live counter). */
export async function runDashboardChecks(browser: Browser, options: RunDashboardChecksOptions): Promise<DashboardCheckReport> {
  const trace = Boolean(options.reportDir) && (options.traceOnFailure ?? true);
  const open = await observeDashboard(browser, {
    ...options,
    screenshotDir: options.reportDir ? join(options.reportDir, 'screenshots') : undefined,
    trace,
  });
  try {
    const results = evaluateDashboard(open.observation, options.budgets);
    const failed = Object.values(results).some((r) => r.status === 'failed' || r.status === 'error');
    const tracePaths = await open.close(failed && trace && options.reportDir ? join(options.reportDir, 'traces') : undefined);
    return { observation: open.observation, results, tracePaths };
  } catch (error) {
    await open.close();
    throw error;
  }
}
