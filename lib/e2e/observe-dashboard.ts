// Drives a browser through one frontend and records what it saw. Judging happens in evaluate-dashboard.ts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createLogger, maskSecrets, SystemClock, type Clock } from '../common/index.js';
import type { DashboardApp } from './dashboard-app.js';

const log = createLogger('phasegate:e2e');

/** One tab as clicked and rendered. */
export interface TabObservation {
  readonly id: string;
  readonly label: string;
  /** Selector of the tab element. */
  readonly selector: string;
  /** False when the tab was expected but not rendered in the navigation. */
  readonly found: boolean;
  /** The panel became visible, not busy and non-empty within the tab timeout. */
  readonly rendered: boolean;
  /** Characters of text in the panel. */
  readonly textLength: number;
  /** Text of the error state shown in the panel, if any. */
  readonly errorText: string | null;
  /** Why the tab could not be checked (timeout, click failure). */
  readonly failure: string | null;
  /** Click to rendered, in milliseconds. */
  readonly durationMs: number;
  readonly screenshotPath: string | null;
}

/** A console error, page error or failed request seen while checking. */
export interface BrowserIssue {
  readonly kind: 'console' | 'pageerror' | 'requestfailed' | 'http';
  readonly text: string;
  readonly url: string | null;
  /** Tab that was active (null while loading). */
  readonly tab: string | null;
}

/** Navigation timing of the first page load, in milliseconds from navigation start. */
export interface NavigationTimingObservation {
  readonly ttfbMs: number;
  readonly domContentLoadedMs: number;
  readonly loadMs: number;
  /** Largest contentful paint, when the browser reported one. */
  readonly lcpMs: number | null;
}

/** Statuses shown by the page next to what the API returned. */
export interface StatusObservation {
  readonly apiPath: string;
  readonly cardSelector: string;
  /** service → status shown (`data-status`). */
  readonly shown: Readonly<Record<string, string>>;
  /** service → status from the API; null when the API call failed. */
  readonly api: Readonly<Record<string, string>> | null;
  readonly apiError: string | null;
}

/** Live counter readings. */
export interface CounterObservation {
  readonly selector: string;
  readonly first: number | null;
  readonly last: number | null;
  /** How long it was watched, in milliseconds. */
  readonly waitedMs: number;
}

/** Everything one pass over a frontend recorded. */
export interface DashboardObservation {
  readonly app: string;
  readonly url: string;
  /** HTTP status of the main document (null: no response). */
  readonly documentStatus: number | null;
  readonly rootVisible: boolean;
  /** Why the first load failed, when it did. */
  readonly loadError: string | null;
  readonly rootSelector: string;
  readonly tabSelector: string;
  readonly discoveredTabIds: readonly string[];
  readonly tabs: readonly TabObservation[];
  readonly issues: readonly BrowserIssue[];
  readonly timing: NavigationTimingObservation | null;
  readonly statuses: StatusObservation | null;
  readonly counter: CounterObservation | null;
  /** Wall time of the whole pass, in milliseconds. */
  readonly durationMs: number;
}

/** Options of {@link observeDashboard}. */
export interface ObserveDashboardOptions {
  readonly app: DashboardApp;
  /** Base URL of the frontend, e.g. `http://127.0.0.1:3000`. */
  readonly baseUrl: string;
  /**
   * Browser contexts used in parallel; tabs are spread over them. Measured on the shared 2-core box, 1 context was
   * faster than 2 or 3 (3.3 s vs 4.8 s / 6.0 s for 17 tabs), so parallelism is opt-in. @default 1
   */
  readonly concurrency?: number;
  /** Page load (navigation) timeout, in milliseconds. @default 15000 */
  readonly navigationTimeoutMs?: number;
  /** Per-tab render timeout, in milliseconds. @default 5000 */
  readonly tabTimeoutMs?: number;
  /** Folder for one screenshot per tab; none when undefined. */
  readonly screenshotDir?: string;
  /** Records a Playwright trace per context, saved by `close(traceDir)`. @default false */
  readonly trace?: boolean;
  /** Only check these tab ids (e.g. one tab, for the benchmark). @default all discovered + expected */
  readonly onlyTabs?: readonly string[];
  /**
   * How a tab is activated. `dom`: one in-page round trip that checks the tab is visible and not covered
   * (`elementFromPoint` at its centre), calls `click()` and waits for the panel — about 2–3× faster per tab on the
   * shared box. `mouse`: Playwright's actionability-checked mouse click, then a separate wait. @default 'dom'
   */
  readonly clickMode?: 'dom' | 'mouse';
  /** How long to watch the live counter for a rise, in milliseconds. @default 8000 */
  readonly counterTimeoutMs?: number;
  readonly clock?: Clock;
}

/** An observation whose browser contexts are still open, so traces can be kept only when a check failed. */
export interface OpenObservation {
  readonly observation: DashboardObservation;
  /** Closes every context; with `traceDir` (and `trace: true`) saves their traces there first. Returns the paths. */
  close(traceDir?: string): Promise<string[]>;
}

const FAVICON = /\/favicon\.ico(\?|$)/;

interface Worker {
  readonly context: BrowserContext;
  readonly page: Page;
  currentTab: string | null;
}

const safeName = (id: string): string => id.replace(/^\/$/, 'root').replace(/[^a-z0-9-]+/gi, '_').replace(/^_+|_+$/g, '') || 'root';

/** Opens the app in `concurrency` contexts, discovers its tabs, clicks each one and records what happened. */
export async function observeDashboard(browser: Browser, options: ObserveDashboardOptions): Promise<OpenObservation> {
  const clock = options.clock ?? new SystemClock();
  const { app } = options;
  const started = clock.monotonicMs();
  const url = new URL(app.startPath, options.baseUrl).toString();
  const navigationTimeoutMs = options.navigationTimeoutMs ?? 15_000;
  const tabTimeoutMs = options.tabTimeoutMs ?? 5_000;
  const issues: BrowserIssue[] = [];
  if (options.screenshotDir) mkdirSync(options.screenshotDir, { recursive: true });
  log(`[${app.name}] observing ${url}…`);

  const workers: Worker[] = [];
  const concurrency = Math.max(1, options.concurrency ?? 1);
  for (let i = 0; i < concurrency; i += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    if (options.trace) await context.tracing.start({ screenshots: true, snapshots: true });
    const page = await context.newPage();
    const worker: Worker = { context, page, currentTab: null };
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const location = message.location().url || null;
      if (location && FAVICON.test(location)) return;
      issues.push({ kind: 'console', text: maskSecrets(message.text()), url: location, tab: worker.currentTab });
    });
    page.on('pageerror', (error) => issues.push({ kind: 'pageerror', text: maskSecrets(error.message), url: page.url(), tab: worker.currentTab }));
    page.on('requestfailed', (request) => {
      if (FAVICON.test(request.url())) return;
      issues.push({ kind: 'requestfailed', text: `${request.method()} ${maskSecrets(request.url())} failed: ${request.failure()?.errorText ?? 'unknown'}`, url: maskSecrets(request.url()), tab: worker.currentTab });
    });
    page.on('response', (response) => {
      if (response.status() < 400 || FAVICON.test(response.url())) return;
      issues.push({ kind: 'http', text: `${response.request().method()} ${maskSecrets(response.url())} answered HTTP ${response.status()}`, url: maskSecrets(response.url()), tab: worker.currentTab });
    });
    workers.push(worker);
  }
  const close = async (traceDir?: string): Promise<string[]> => {
    const paths: string[] = [];
    for (const [i, w] of workers.entries()) {
      if (options.trace) {
        const path = traceDir ? join(traceDir, `${app.name}-trace-${i}.zip`) : undefined;
        if (path) mkdirSync(traceDir as string, { recursive: true });
        await w.context.tracing.stop(path ? { path } : {}).catch(() => undefined);
        if (path) paths.push(path);
      }
      await w.context.close().catch(() => undefined);
    }
    return paths;
  };

  // 1. Load the app in every context at once.
  const loads = await Promise.all(
    workers.map(async (w) => {
      try {
        const response = await w.page.goto(url, { waitUntil: 'load', timeout: navigationTimeoutMs });
        await w.page.waitForSelector(app.rootSelector, { state: 'visible', timeout: tabTimeoutMs });
        return { status: response?.status() ?? null, error: null as string | null };
      } catch (error) {
        return { status: null, error: maskSecrets((error as Error).message.split('\n', 1)[0] ?? String(error)) };
      }
    }),
  );
  const first = loads[0] ?? { status: null, error: 'no browser context' };
  const base = {
    app: app.name,
    url: maskSecrets(url),
    rootSelector: app.rootSelector,
    tabSelector: app.tabSelector,
    issues,
  };
  const main = workers[0];
  if (first.error !== null || !main) {
    const observation: DashboardObservation = {
      ...base, documentStatus: first.status, rootVisible: false, loadError: first.error, discoveredTabIds: [], tabs: [],
      timing: null, statuses: null, counter: null, durationMs: Math.round(clock.monotonicMs() - started),
    };
    return { observation, close };
  }

  // 2. Timing of the first load, then tab discovery from the app itself.
  const timing = await readTiming(main.page);
  const discovered = await main.page.$$eval(
    app.tabSelector,
    (elements, attribute) => elements.map((e) => ({ id: e.getAttribute(attribute) ?? '', label: (e.textContent ?? '').trim() })),
    app.tabIdAttribute,
  );
  const discoveredIds = discovered.map((t) => t.id).filter((id) => id !== '');
  const wanted = [...new Set([...discoveredIds, ...app.expectedTabIds])].filter((id) => !options.onlyTabs || options.onlyTabs.includes(id));
  const missing = wanted.filter((id) => !discoveredIds.includes(id));
  const toClick = wanted.filter((id) => discoveredIds.includes(id));
  log(`[${app.name}] discovered ${discoveredIds.length} tabs; checking ${toClick.length}, ${missing.length} expected but missing`);

  // 3. Click every tab, spread round-robin over the contexts that loaded.
  const ready = workers.filter((_w, i) => loads[i]?.error === null);
  const results = new Map<string, TabObservation>();
  await Promise.all(
    ready.map(async (w, index) => {
      for (const id of toClick.filter((_id, i) => i % ready.length === index)) {
        const label = discovered.find((t) => t.id === id)?.label ?? id;
        results.set(id, await checkTab(w, options, id, label, tabTimeoutMs, clock));
      }
    }),
  );
  const tabs: TabObservation[] = wanted.map(
    (id) =>
      results.get(id) ?? {
        id, label: id, selector: app.tabSelectorFor(id), found: false, rendered: false, textLength: 0, errorText: null,
        failure: `not rendered in ${app.tabSelector}`, durationMs: 0, screenshotPath: null,
      },
  );

  // 4. Live widgets on the first context.
  const statuses = app.statusWidget ? await readStatuses(main, options, tabTimeoutMs) : null;
  const counter = app.counterWidget ? await watchCounter(main.page, app.counterWidget.selector, app.counterWidget.attribute, options.counterTimeoutMs ?? 8_000, clock) : null;

  const observation: DashboardObservation = {
    ...base, documentStatus: first.status, rootVisible: true, loadError: null, discoveredTabIds: discoveredIds, tabs, timing,
    statuses, counter, durationMs: Math.round(clock.monotonicMs() - started),
  };
  log(`[${app.name}] observed ${tabs.length} tabs, ${issues.length} browser issues in ${observation.durationMs} ms`);
  return { observation, close };
}

async function checkTab(w: Worker, options: ObserveDashboardOptions, id: string, label: string, timeoutMs: number, clock: Clock): Promise<TabObservation> {
  const { app } = options;
  const selector = app.tabSelectorFor(id);
  const panelSelector = app.panelSelectorFor(id);
  const t0 = clock.monotonicMs();
  w.currentTab = id;
  let state: { rendered: boolean; textLength: number; errorText: string | null; failure: string | null };
  try {
    if ((options.clickMode ?? 'dom') === 'mouse') await w.page.click(selector, { timeout: timeoutMs });
    state = await w.page.evaluate(activateAndWait, { selector, panelSelector, errorSelector: app.errorSelector, timeoutMs, click: (options.clickMode ?? 'dom') === 'dom' });
  } catch (error) {
    const first = (error as Error).message.split('\n', 1)[0] ?? String(error);
    state = { rendered: false, textLength: 0, errorText: null, failure: /timeout/i.test(first) ? `tab ${selector} not clickable within ${timeoutMs} ms` : maskSecrets(first) };
  }
  const durationMs = Math.round(clock.monotonicMs() - t0);
  let screenshotPath: string | null = null;
  if (options.screenshotDir) {
    screenshotPath = join(options.screenshotDir, `${app.name}-${safeName(id)}.png`);
    await w.page.screenshot({ path: screenshotPath }).catch(() => (screenshotPath = null));
  }
  return { id, label, selector, found: true, ...state, durationMs, screenshotPath };
}

/** Runs in the page: (optionally) clicks the tab after a visibility/covered check, then waits for its panel. */
async function activateAndWait(args: { selector: string; panelSelector: string; errorSelector: string; timeoutMs: number; click: boolean }): Promise<{
  rendered: boolean;
  textLength: number;
  errorText: string | null;
  failure: string | null;
}> {
  // No named inner functions: tsx/vitest may compile with keepNames, and an injected __name() call would not exist
  // in the page this function is serialized into.
  if (args.click) {
    const tab = document.querySelector<HTMLElement>(args.selector);
    if (!tab) return { rendered: false, textLength: 0, errorText: null, failure: `tab ${args.selector} disappeared` };
    tab.scrollIntoView({ block: 'center' });
    const box = tab.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || !tab.checkVisibility()) return { rendered: false, textLength: 0, errorText: null, failure: `tab ${args.selector} is not visible` };
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (hit && hit !== tab && !tab.contains(hit)) {
      const what = `${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ''}${hit.getAttribute('data-testid') ? `[data-testid="${hit.getAttribute('data-testid')}"]` : ''}`;
      return { rendered: false, textLength: 0, errorText: null, failure: `tab ${args.selector} is covered by ${what}` };
    }
    tab.click();
  }
  const started = performance.now();
  for (;;) {
    const panel = document.querySelector<HTMLElement>(args.panelSelector);
    const text = (panel?.textContent ?? '').trim().length;
    const error = panel?.querySelector(args.errorSelector)?.textContent?.trim() ?? null;
    if (panel && !panel.hidden && panel.getAttribute('aria-busy') !== 'true' && text > 0) return { rendered: true, textLength: text, errorText: error, failure: null };
    if (performance.now() - started > args.timeoutMs) {
      return { rendered: false, textLength: text, errorText: error, failure: `panel ${args.panelSelector} not rendered within ${args.timeoutMs} ms` };
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function readTiming(page: Page): Promise<NavigationTimingObservation | null> {
  return page
    .evaluate(async () => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      if (!nav) return null;
      const lcp = await new Promise<number | null>((resolve) => {
        let last: number | null = null;
        try {
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) last = entry.startTime;
          });
          observer.observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(() => {
            observer.disconnect();
            resolve(last);
          }, 50);
        } catch {
          resolve(null);
        }
      });
      return {
        ttfbMs: Math.round(nav.responseStart),
        domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
        loadMs: Math.round(nav.loadEventEnd),
        lcpMs: lcp === null ? null : Math.round(lcp),
      };
    })
    .catch(() => null);
}

async function readStatuses(w: Worker, options: ObserveDashboardOptions, timeoutMs: number): Promise<StatusObservation | null> {
  const widget = options.app.statusWidget;
  if (!widget) return null;
  w.currentTab = widget.tabId;
  const shown: Record<string, string> = {};
  try {
    await w.page.click(options.app.tabSelectorFor(widget.tabId), { timeout: timeoutMs });
    await w.page.waitForSelector(`${options.app.panelSelectorFor(widget.tabId)} ${widget.cardSelector}`, { timeout: timeoutMs });
    const cards = await w.page.$$eval(`${options.app.panelSelectorFor(widget.tabId)} ${widget.cardSelector}`, (els) =>
      els.map((e) => [e.getAttribute('data-service') ?? '', e.getAttribute('data-status') ?? ''] as const),
    );
    for (const [name, status] of cards) shown[name] = status;
  } catch {
    // No cards shown: the comparison below reports every API service as missing.
  }
  try {
    const response = await w.page.request.get(new URL(widget.apiPath, options.baseUrl).toString(), { timeout: timeoutMs });
    if (!response.ok()) return { apiPath: widget.apiPath, cardSelector: widget.cardSelector, shown, api: null, apiError: `HTTP ${response.status()}` };
    const body = (await response.json()) as Record<string, { status?: unknown } | undefined>;
    const api: Record<string, string> = {};
    for (const [name, value] of Object.entries(body)) api[name] = String(value?.status ?? 'unknown');
    return { apiPath: widget.apiPath, cardSelector: widget.cardSelector, shown, api, apiError: null };
  } catch (error) {
    return { apiPath: widget.apiPath, cardSelector: widget.cardSelector, shown, api: null, apiError: maskSecrets((error as Error).message.split('\n', 1)[0] ?? '') };
  }
}

async function watchCounter(page: Page, selector: string, attribute: string, timeoutMs: number, clock: Clock): Promise<CounterObservation> {
  const read = async (): Promise<number | null> => {
    const raw = await page.getAttribute(selector, attribute, { timeout: 1_000 }).catch(() => null);
    const n = raw === null ? NaN : Number(raw);
    return Number.isFinite(n) ? n : null;
  };
  const t0 = clock.monotonicMs();
  // Right after load the widget may still show its initial 0 until the app's first poll lands; a jump from that
  // placeholder to the current total is not a rise, so the baseline is the first non-zero reading (up to half the time).
  let first = await read();
  while ((first === null || first === 0) && clock.monotonicMs() - t0 < timeoutMs / 2) {
    await clock.sleep(250);
    first = await read();
  }
  let last = first;
  while (clock.monotonicMs() - t0 < timeoutMs) {
    await clock.sleep(250);
    last = await read();
    if (first !== null && last !== null && last > first) break;
  }
  return { selector, first, last, waitedMs: Math.round(clock.monotonicMs() - t0) };
}
