// Pure verdicts over a DashboardObservation: one CheckResult per criterion facet. No browser here.
import type { CheckResult, Evidence } from '../checks/index.js';
import { checkDashboardAuth, DASHBOARD_AUTH_CRITERIA } from './check-dashboard-auth.js';
import type { DashboardObservation } from './observe-dashboard.js';

/** Load-time budgets of a frontend, in milliseconds from navigation start. Unset budgets are reported only. */
export interface DashboardBudgets {
  /** Load event end. @default 3000 (criteria P1-S10-AC6 / P1-SC4: "< 3 s") */
  readonly loadMs?: number;
  /** DOMContentLoaded event end. @default undefined (reported only) */
  readonly domContentLoadedMs?: number;
  /** Time to first byte of the main document. @default undefined (reported only) */
  readonly ttfbMs?: number;
  /** Largest contentful paint. @default undefined (reported only) */
  readonly lcpMs?: number;
}

/** Criterion each dashboard check reports under first, and the other gates' criteria it also answers. */
export const DASHBOARD_CRITERIA = {
  pageLoad: { primary: 'P1-S10-AC4', also: ['PD-D1-5', 'RB-CL-FN1', 'RB-SC2', 'P4-SC2'] },
  consoleErrors: { primary: 'P1-S10-AC5', also: ['P4-SC3', 'RB-CL-FN7', 'TV-E2', 'RB-V-2'] },
  loadTiming: { primary: 'P1-S10-AC6', also: ['P1-SC4'] },
  tabs: { primary: 'RB-CL-FN2', also: ['P4-SC2', 'RB-V-2', 'P1-S10-AC4'] },
  statuses: { primary: 'RB-V-2', also: ['RUN-FV-4'] },
  liveCounter: { primary: 'RUN-FV-4', also: [] },
  auth: DASHBOARD_AUTH_CRITERIA,
} as const satisfies Record<string, { primary: string; also: readonly string[] }>;

/** Name of one dashboard check. */
export type DashboardCheckName = keyof typeof DASHBOARD_CRITERIA;

/** The same verdict reported under another gate's criterion ID (phase 4, post-deploy, 003, 004). */
export function forCriterion(result: CheckResult, criterionId: string): CheckResult {
  return { ...result, criterionId };
}

const MAX_LISTED = 3;

/** The document answered 2xx, the app's root rendered, and no request failed or answered ≥ 400 (favicon filtered). */
export function checkPageLoad(o: DashboardObservation): CheckResult {
  const title = `${o.app} loads without errors`;
  const limit = 'HTTP 2xx, root rendered, 0 failed requests';
  if (o.loadError !== null || o.documentStatus === null || o.documentStatus >= 400) {
    return {
      criterionId: DASHBOARD_CRITERIA.pageLoad.primary, title, status: 'failed', limit, measurement: o.documentStatus ?? 'no response',
      message: `${o.app} (${o.url}) did not load: ${o.loadError ?? `HTTP ${o.documentStatus}`}; expected HTTP 2xx and ${o.rootSelector} visible; hint: is the container up and bound to 127.0.0.1 on this port?`,
    };
  }
  const failed = o.issues.filter((i) => i.kind === 'requestfailed' || i.kind === 'http');
  const evidence: Evidence[] = failed.slice(0, 10).map((i) => ({ label: `failed request (tab ${i.tab ?? 'load'})`, value: i.text }));
  if (failed.length > 0) {
    const firstFailed = failed[0];
    return {
      criterionId: DASHBOARD_CRITERIA.pageLoad.primary, title, status: 'failed', limit, measurement: failed.length, evidence,
      message: `${o.app} (${o.url}) had ${failed.length} failed request(s), limit 0; first on tab "${firstFailed?.tab ?? 'load'}": ${firstFailed?.text}; hint: check the proxied upstream named in the URL`,
    };
  }
  return {
    criterionId: DASHBOARD_CRITERIA.pageLoad.primary, title, status: 'passed', limit, measurement: 0,
    message: `${o.app} (${o.url}) answered HTTP ${o.documentStatus}, rendered ${o.rootSelector}, 0 failed requests`,
  };
}

/** No console error and no uncaught page error during load and the tab walk. */
export function checkConsoleErrors(o: DashboardObservation): CheckResult {
  const title = `${o.app} has no console errors`;
  const errors = o.issues.filter((i) => i.kind === 'console' || i.kind === 'pageerror');
  const evidence: Evidence[] = errors.slice(0, 10).map((i) => ({ label: `${i.kind === 'console' ? 'console.error' : 'page error'} (tab ${i.tab ?? 'load'})`, value: i.text }));
  if (o.loadError !== null) {
    return { criterionId: DASHBOARD_CRITERIA.consoleErrors.primary, title, status: 'error', limit: '0 console errors', message: `${o.app} (${o.url}) did not load, so its console could not be checked: ${o.loadError}` };
  }
  if (errors.length === 0) {
    return { criterionId: DASHBOARD_CRITERIA.consoleErrors.primary, title, status: 'passed', limit: '0 console errors', measurement: 0, message: `${o.app} (${o.url}): 0 console errors and 0 page errors over load + ${o.tabs.length} tabs` };
  }
  const first = errors[0];
  return {
    criterionId: DASHBOARD_CRITERIA.consoleErrors.primary, title, status: 'failed', limit: '0 console errors', measurement: errors.length, evidence,
    message: `${o.app} (${o.url}) logged ${errors.length} console/page error(s), limit 0; first ${first?.kind === 'pageerror' ? 'page error' : 'console.error'} ${first?.tab ? `on tab "${first.tab}"` : 'during load'}: ${first?.text}; hint: open the tab's screenshot and trace in the report folder`,
  };
}

/** Navigation timing of the first load against the budgets (TTFB, DOMContentLoaded, load, LCP). */
export function checkLoadTiming(o: DashboardObservation, budgets: DashboardBudgets = {}): CheckResult {
  const title = `${o.app} load time`;
  const loadBudget = budgets.loadMs ?? 3000;
  const limit = `load < ${loadBudget} ms`;
  const t = o.timing;
  if (t === null) {
    return { criterionId: DASHBOARD_CRITERIA.loadTiming.primary, title, status: 'error', limit, message: `${o.app} (${o.url}): no navigation timing available${o.loadError ? ` (${o.loadError})` : ''}; hint: the page did not finish loading` };
  }
  const summary = `TTFB ${t.ttfbMs} ms, DOMContentLoaded ${t.domContentLoadedMs} ms, load ${t.loadMs} ms, LCP ${t.lcpMs === null ? 'n/a' : `${t.lcpMs} ms`}`;
  const evidence: Evidence[] = [
    { label: 'TTFB', value: t.ttfbMs, unit: 'ms' },
    { label: 'DOMContentLoaded', value: t.domContentLoadedMs, unit: 'ms' },
    { label: 'load', value: t.loadMs, unit: 'ms' },
    { label: 'LCP', value: t.lcpMs, unit: 'ms' },
  ];
  const over = [
    ['load', t.loadMs, loadBudget] as const,
    ['DOMContentLoaded', t.domContentLoadedMs, budgets.domContentLoadedMs] as const,
    ['TTFB', t.ttfbMs, budgets.ttfbMs] as const,
    ['LCP', t.lcpMs, budgets.lcpMs] as const,
  ].filter(([, value, budget]) => budget !== undefined && value !== null && value >= budget);
  if (over.length === 0) {
    return { criterionId: DASHBOARD_CRITERIA.loadTiming.primary, title, status: 'passed', limit, measurement: t.loadMs, evidence, durationMs: t.loadMs, message: `${o.app} (${o.url}) ${summary}; within budget (${limit})` };
  }
  const worst = over.map(([name, value, budget]) => `${name} ${value} ms >= ${budget} ms`).join(', ');
  return {
    criterionId: DASHBOARD_CRITERIA.loadTiming.primary, title, status: 'failed', limit, measurement: t.loadMs, evidence, durationMs: t.loadMs,
    message: `${o.app} (${o.url}) too slow: ${worst} (${summary}); hint: a high TTFB points at the server or its proxy, a late load at assets`,
  };
}

/** Every tab found in the app (plus every expected one) is present, renders content and shows no error state. */
export function checkTabs(o: DashboardObservation): CheckResult {
  const title = `${o.app} all tabs render`;
  if (o.loadError !== null) {
    return { criterionId: DASHBOARD_CRITERIA.tabs.primary, title, status: 'error', limit: 'every tab renders', message: `${o.app} (${o.url}) did not load, so no tab could be checked: ${o.loadError}` };
  }
  const limit = `all ${o.tabs.length} tabs (${o.discoveredTabIds.length} discovered) render content`;
  const bad = o.tabs.filter((t) => !t.found || !t.rendered || t.errorText !== null);
  const evidence: Evidence[] = o.tabs.map((t) => ({
    label: `tab ${t.id}`,
    value: !t.found ? 'missing' : t.errorText !== null ? `error-state: ${t.errorText}` : t.rendered ? `rendered ${t.textLength} chars in ${t.durationMs} ms` : (t.failure ?? 'not rendered'),
  }));
  const okCount = o.tabs.length - bad.length;
  if (o.tabs.length === 0) {
    return { criterionId: DASHBOARD_CRITERIA.tabs.primary, title, status: 'failed', limit, measurement: 0, message: `${o.app} (${o.url}): no tab found with ${o.tabSelector}; hint: the navigation did not render` };
  }
  if (bad.length === 0) {
    return { criterionId: DASHBOARD_CRITERIA.tabs.primary, title, status: 'passed', limit, measurement: okCount, evidence, message: `${o.app} (${o.url}): ${okCount}/${o.tabs.length} tabs rendered content` };
  }
  const describe = (t: (typeof o.tabs)[number]): string =>
    !t.found
      ? `tab "${t.id}" (${t.selector}) not found in ${o.tabSelector}`
      : t.errorText !== null
        ? `tab "${t.id}" (${t.selector}) shows an error state: ${t.errorText}`
        : `tab "${t.id}" (${t.selector}): ${t.failure ?? 'not rendered'}`;
  const listed = bad.slice(0, MAX_LISTED).map(describe).join('; ');
  const more = bad.length > MAX_LISTED ? `; and ${bad.length - MAX_LISTED} more` : '';
  return {
    criterionId: DASHBOARD_CRITERIA.tabs.primary, title, status: 'failed', limit, measurement: okCount, evidence,
    message: `${o.app} (${o.url}): ${okCount}/${o.tabs.length} tabs rendered; ${listed}${more}; hint: see the per-tab screenshots`,
  };
}

/** The statuses shown on the page equal what the API says, service by service. */
export function checkServiceStatuses(o: DashboardObservation): CheckResult {
  const title = `${o.app} shows the API's service statuses`;
  const s = o.statuses;
  const limit = 'shown status == API status for every service';
  if (s === null) return { criterionId: DASHBOARD_CRITERIA.statuses.primary, title, status: 'skipped', limit, message: `${o.app}: no status widget to compare` };
  if (s.api === null) {
    return { criterionId: DASHBOARD_CRITERIA.statuses.primary, title, status: 'error', limit, message: `${o.app}: ${s.apiPath} could not be read (${s.apiError}), so the shown statuses cannot be compared; hint: check admin-api` };
  }
  const names = [...new Set([...Object.keys(s.api), ...Object.keys(s.shown)])].sort();
  const mismatches = names.filter((n) => s.api?.[n] !== s.shown[n]);
  const evidence: Evidence[] = names.map((n) => ({ label: n, value: `shown ${s.shown[n] ?? 'missing'}, API ${s.api?.[n] ?? 'missing'}` }));
  const notHealthy = names.filter((n) => !/^(healthy|pass)$/.test(s.api?.[n] ?? ''));
  if (mismatches.length === 0) {
    return {
      criterionId: DASHBOARD_CRITERIA.statuses.primary, title, status: 'passed', limit, measurement: names.length, evidence,
      message: `${o.app}: ${names.length} service statuses in ${s.cardSelector} match ${s.apiPath}${notHealthy.length ? ` (not healthy per API: ${notHealthy.join(', ')})` : ''}`,
    };
  }
  const listed = mismatches.slice(0, MAX_LISTED).map((n) => `${n} shown "${s.shown[n] ?? 'missing'}" vs API "${s.api?.[n] ?? 'missing'}"`).join('; ');
  return {
    criterionId: DASHBOARD_CRITERIA.statuses.primary, title, status: 'failed', limit, measurement: mismatches.length, evidence,
    message: `${o.app}: ${mismatches.length} of ${names.length} statuses in ${s.cardSelector} differ from ${s.apiPath}: ${listed}; hint: the dashboard may show stale or mis-mapped data`,
  };
}

/** The live event counter rose while it was watched (the simulator must be running). */
export function checkLiveCounter(o: DashboardObservation): CheckResult {
  const title = `${o.app} live event counter rises`;
  const c = o.counter;
  if (c === null) return { criterionId: DASHBOARD_CRITERIA.liveCounter.primary, title, status: 'skipped', limit: 'rises', message: `${o.app}: no live counter widget` };
  const limit = `rises within ${c.waitedMs} ms`;
  if (c.first !== null && c.last !== null && c.last > c.first) {
    return { criterionId: DASHBOARD_CRITERIA.liveCounter.primary, title, status: 'passed', limit, measurement: c.last - c.first, message: `${o.app}: ${c.selector} rose from ${c.first} to ${c.last} in ${c.waitedMs} ms` };
  }
  return {
    criterionId: DASHBOARD_CRITERIA.liveCounter.primary, title, status: 'failed', limit, measurement: c.last === null || c.first === null ? 'unreadable' : c.last - c.first,
    message: `${o.app}: ${c.selector} did not rise in ${c.waitedMs} ms (first ${c.first ?? 'unreadable'}, last ${c.last ?? 'unreadable'}); hint: is the HA simulator sending events and websocket-ingestion subscribed?`,
  };
}

/** All dashboard verdicts for one observation, in a stable order. */
export function evaluateDashboard(o: DashboardObservation, budgets: DashboardBudgets = {}): Record<DashboardCheckName, CheckResult> {
  return {
    pageLoad: checkPageLoad(o),
    consoleErrors: checkConsoleErrors(o),
    loadTiming: checkLoadTiming(o, budgets),
    tabs: checkTabs(o),
    statuses: checkServiceStatuses(o),
    liveCounter: checkLiveCounter(o),
    auth: checkDashboardAuth(o),
  };
}
