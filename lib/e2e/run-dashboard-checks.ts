// One call per frontend (or one for several at once): observe it in the browser, judge it, keep traces only when
// something failed.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CheckResult } from '../checks/index.js';
import { evaluateDashboard, type DashboardBudgets, type DashboardCheckName } from './evaluate-dashboard.js';
import { CONTEXT_OPTIONS, observeDashboard, TRACE_OPTIONS, type DashboardObservation, type ObserveDashboardOptions, type OpenObservation } from './observe-dashboard.js';

/** Options of {@link runDashboardChecks}. */
export interface RunDashboardChecksOptions extends Omit<ObserveDashboardOptions, 'screenshotDir' | 'trace' | 'context'> {
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

const wantsTrace = (options: RunDashboardChecksOptions): boolean => Boolean(options.reportDir) && (options.traceOnFailure ?? true);
const screenshotDir = (options: RunDashboardChecksOptions): string | undefined => (options.reportDir ? join(options.reportDir, 'screenshots') : undefined);
const traceDir = (options: RunDashboardChecksOptions): string | undefined => (options.reportDir ? join(options.reportDir, 'traces') : undefined);

function judge(open: OpenObservation, options: RunDashboardChecksOptions): { results: DashboardCheckReport['results']; failed: boolean } {
  const results = evaluateDashboard(open.observation, options.budgets);
  return { results, failed: Object.values(results).some((r) => r.status === 'failed' || r.status === 'error') };
}

/** Checks one frontend end to end (load, console, timing, every tab, statuses, live counter) in its own context. */
export async function runDashboardChecks(browser: Browser, options: RunDashboardChecksOptions): Promise<DashboardCheckReport> {
  const trace = wantsTrace(options);
  const open = await observeDashboard(browser, { ...options, screenshotDir: screenshotDir(options), trace });
  try {
    const { results, failed } = judge(open, options);
    const tracePaths = await open.close(failed && trace ? traceDir(options) : undefined);
    return { observation: open.observation, results, tracePaths };
  } catch (error) {
    await open.close();
    throw error;
  }
}

/**
 * Checks several frontends at the same time in ONE browser context (one page each, same results as
 * {@link runDashboardChecks} per app, in the order given). Sharing the context is what makes checking both HomeIQ
 * apps cheap: no second context to create and dispose (bench/e2e; each page still has its own renderer process, so
 * one app's hang or crash cannot take the other's checks with it). The apps are on different origins, so their
 * storage stays apart; cookies are per host, as in the operator's own browser. One trace records all of them: when
 * any app's checks failed, it is saved as `dashboards-trace.zip` into the traces folder of every app that failed.
 */
export async function runDashboardChecksTogether(browser: Browser, list: readonly RunDashboardChecksOptions[]): Promise<DashboardCheckReport[]> {
  const context = await browser.newContext(CONTEXT_OPTIONS);
  const trace = list.some(wantsTrace);
  try {
    if (trace) await context.tracing.start(TRACE_OPTIONS);
    const opened = await Promise.all(list.map((options) => observeDashboard(browser, { ...options, context, screenshotDir: screenshotDir(options) })));
    const judged = opened.map((open, i) => judge(open, list[i]!));
    // The pages are not closed one by one (each close a browser round trip, in turn): closing the context below closes
    // them all at once, as a single app's check closes its own context.
    const keepIn = list.filter((options, i) => judged[i]!.failed && wantsTrace(options)).map((options) => traceDir(options)!);
    const tracePaths = new Map<string, string>();
    if (trace) {
      const [first, ...rest] = keepIn.map((dir) => join(dir, 'dashboards-trace.zip'));
      if (first) mkdirSync(join(first, '..'), { recursive: true });
      await context.tracing.stop(first ? { path: first } : {});
      for (const path of rest) {
        mkdirSync(join(path, '..'), { recursive: true });
        copyFileSync(first!, path);
      }
      for (const path of [first, ...rest]) if (path) tracePaths.set(join(path, '..'), path);
    }
    return opened.map((open, i) => ({
      observation: open.observation,
      results: judged[i]!.results,
      tracePaths: judged[i]!.failed && wantsTrace(list[i]!) ? [tracePaths.get(traceDir(list[i]!)!)!] : [],
    }));
  } finally {
    await context.close().catch(() => undefined);
  }
}
