// Drives a browser through one frontend and records what it saw. Judging happens in evaluate-dashboard.ts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
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

/**
 * Credential an API request carried, by scheme only (the value is never kept): `bearer` a non-empty Bearer key,
 * `bearer-empty` `Bearer undefined`/`null`/nothing (a bundle built without VITE_API_KEY), `x-api-key` HomeIQ's
 * sessionStorage path, `other` another Authorization scheme, `none` no credential.
 */
export type ApiCredential = 'bearer' | 'bearer-empty' | 'x-api-key' | 'other' | 'none';

/** One same-origin API call the page itself made, observed in the browser (never modified or mocked). */
export interface ApiCallObservation {
  readonly method: string;
  /** Full URL, secrets masked. */
  readonly url: string;
  /** Path without the query. */
  readonly path: string;
  /** HTTP status; null when the request failed without a response. */
  readonly status: number | null;
  readonly credential: ApiCredential;
  /** Matches the app's public path pattern (health). */
  readonly public: boolean;
  /** Tab that was active (null while loading). */
  readonly tab: string | null;
}

/** The public health endpoint requested without any credential. */
export interface PublicProbeObservation {
  readonly path: string;
  readonly status: number | null;
  readonly error: string | null;
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
  /** The page's own API calls (only when the app has an `apiAuth` spec; else empty). */
  readonly apiCalls: readonly ApiCallObservation[];
  /** The public endpoint requested without a key (null: no `apiAuth` spec, or the page did not load). */
  readonly publicProbe: PublicProbeObservation | null;
  /** Wall time of the whole pass, in milliseconds. */
  readonly durationMs: number;
}

/** Options of {@link observeDashboard}. */
export interface ObserveDashboardOptions {
  readonly app: DashboardApp;
  /** Base URL of the frontend, e.g. `http://127.0.0.1:3000`. */
  readonly baseUrl: string;
  /**
   * Browser contexts (pages of `context`, when given) used in parallel for this app; tabs are spread over them. Each
   * context costs a renderer process, and the twin's tabs answer in milliseconds, so 1 is faster on the 2-core box:
   * bench/e2e measured 2 contexts per app at 3.25× one tab against 2.21× for 1 context per app, both apps in parallel
   * (headless shell, 2026-12-03). Parallelism pays across apps in one shared context (`runDashboardChecksTogether`);
   * within one app only when its tabs wait on slow backends rather than on the CPU. @default 1
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
   * How a tab is activated. `dom`: in the page, check the tab is visible and not covered (`elementFromPoint` at its
   * centre), call `click()` and wait for the panel's readiness (visible, not `aria-busy`, non-empty; woken by DOM
   * mutations). Without screenshots every tab of a context is walked in ONE in-page call (no browser round trip per
   * tab, 100–190 ms each on the loaded box); with screenshots one call per tab, then its screenshot. `mouse`:
   * Playwright's actionability-checked mouse click per tab, then the same wait. @default 'dom'
   */
  readonly clickMode?: 'dom' | 'mouse';
  /** How long to watch the live counter for a rise, in milliseconds. @default 8000 */
  readonly counterTimeoutMs?: number;
  readonly clock?: Clock;
  /**
   * An open browser context to check this app in, e.g. one shared by both HomeIQ frontends checked at once
   * (`runDashboardChecksTogether`): the app's pages are opened in it and closed by `close()`, while the context,
   * and with it any tracing, stays the caller's (`trace` is ignored). A second page in a context that already has one
   * saves creating and disposing a context (each page still gets its own renderer process, Debian chromium 156).
   * @default a new context per worker
   */
  readonly context?: BrowserContext;
}

/** An observation whose browser contexts are still open, so traces can be kept only when a check failed. */
export interface OpenObservation {
  readonly observation: DashboardObservation;
  /** Closes every context; with `traceDir` (and `trace: true`) saves their traces there first. Returns the paths. */
  close(traceDir?: string): Promise<string[]>;
}

const FAVICON = /\/favicon\.ico(\?|$)/;

/** Options of every browser context the checks open (one desktop viewport). */
export const CONTEXT_OPTIONS = { viewport: { width: 1280, height: 800 } } as const;
/** Tracing options: screenshots, no snapshots (they record network activity, and with it the bundle's API key). */
export const TRACE_OPTIONS = { screenshots: true, snapshots: false } as const;

/** A tab as the in-page walker saw it. */
interface WalkedTab {
  readonly id: string;
  readonly rendered: boolean;
  readonly textLength: number;
  readonly errorText: string | null;
  readonly failure: string | null;
  /** Wall clock (epoch ms) just before the click: issues from then on belong to this tab. */
  readonly startedAt: number;
  readonly durationMs: number;
}

interface Worker {
  readonly index: number;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Tab activations in order, wall clock (epoch ms): an issue belongs to the last tab started before it. */
  readonly windows: Array<{ readonly id: string; readonly at: number }>;
}

/** An issue or API call with the time it happened, attributed to a tab once the walk is over. */
interface Timed<T> {
  readonly worker: number;
  readonly at: number;
  readonly value: T;
}

const safeName = (id: string): string => maskSecrets(id).replace(/^\/$/, 'root').replace(/[^a-z0-9-]+/gi, '_').replace(/^_+|_+$/g, '') || 'root';
const firstLine = (error: unknown): string => maskSecrets((error as Error).message?.split('\n', 1)[0] ?? String(error));

/** Scheme of the credential in a request's headers (lower-case names); the value itself is never returned. */
export function credentialOf(headers: Readonly<Record<string, string>>): ApiCredential {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const bearer = /^\s*Bearer(?:\s+(.*))?$/i.exec(authorization);
    if (!bearer) return 'other';
    const key = (bearer[1] ?? '').trim();
    return key === '' || key === 'undefined' || key === 'null' ? 'bearer-empty' : 'bearer';
  }
  return headers['x-api-key'] !== undefined ? 'x-api-key' : 'none';
}

/** Opens the app in `concurrency` contexts, discovers its tabs, clicks each one and records what happened. */
export async function observeDashboard(browser: Browser, options: ObserveDashboardOptions): Promise<OpenObservation> {
  const clock = options.clock ?? new SystemClock();
  const { app } = options;
  const started = clock.monotonicMs();
  const url = new URL(app.startPath, options.baseUrl).toString();
  const origin = new URL(url).origin;
  const navigationTimeoutMs = options.navigationTimeoutMs ?? 15_000;
  const tabTimeoutMs = options.tabTimeoutMs ?? 5_000;
  const issues: Array<Timed<Omit<BrowserIssue, 'tab'>>> = [];
  const apiCalls: Array<Timed<Omit<ApiCallObservation, 'tab'>>> = [];
  const pendingHeaders: Array<Promise<void>> = [];
  if (options.screenshotDir) mkdirSync(options.screenshotDir, { recursive: true });
  log(`[${app.name}] observing ${url}…`);

  // Records a same-origin API call with the scheme of the credential it carried (headers read, never changed).
  const recordApiCall = (worker: number, request: Request, status: number | null): void => {
    const auth = app.apiAuth;
    if (!auth) return;
    const target = new URL(request.url());
    if (target.origin !== origin || !auth.apiPath.test(target.pathname)) return;
    const at = startedAtOf(request);
    const push = (headers: Record<string, string>): void => {
      apiCalls.push({
        worker, at,
        value: { method: request.method(), url: maskSecrets(request.url()), path: target.pathname, status, credential: credentialOf(headers), public: auth.publicPath.test(target.pathname) },
      });
    };
    // headers() carries what the page set (Authorization, X-API-Key) without a round trip; only a request that
    // seems to carry nothing is re-read in full (allHeaders) before it is called credential-less.
    const quick = request.headers();
    if (credentialOf(quick) !== 'none') return push(quick);
    pendingHeaders.push(request.allHeaders().then(push, () => push(quick)));
  };

  const workers: Worker[] = [];
  const concurrency = Math.max(1, options.concurrency ?? 1);
  // Contexts and pages are opened in parallel: a new page starts a renderer process, the slowest step on a busy box.
  const opened = await Promise.all(
    Array.from({ length: concurrency }, async () => {
      if (options.context) return { context: options.context, page: await options.context.newPage() };
      const context = await browser.newContext(CONTEXT_OPTIONS);
      // Snapshots are off: they record network activity, and with it the Authorization header the bundle sends.
      if (options.trace) await context.tracing.start(TRACE_OPTIONS);
      return { context, page: await context.newPage() };
    }),
  );
  for (const [index, { context, page }] of opened.entries()) {
    const worker: Worker = { index, context, page, windows: [] };
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const location = message.location().url || null;
      if (location && FAVICON.test(location)) return;
      issues.push({ worker: index, at: message.timestamp(), value: { kind: 'console', text: maskSecrets(message.text()), url: location && maskSecrets(location) } });
    });
    page.on('pageerror', (error) => issues.push({ worker: index, at: Date.now(), value: { kind: 'pageerror', text: maskSecrets(error.message), url: maskSecrets(page.url()) } }));
    page.on('requestfailed', (request) => {
      recordApiCall(index, request, null);
      if (FAVICON.test(request.url())) return;
      issues.push({ worker: index, at: startedAtOf(request), value: { kind: 'requestfailed', text: `${request.method()} ${maskSecrets(request.url())} failed: ${request.failure()?.errorText ?? 'unknown'}`, url: maskSecrets(request.url()) } });
    });
    page.on('response', (response) => {
      recordApiCall(index, response.request(), response.status());
      if (response.status() < 400 || FAVICON.test(response.url())) return;
      issues.push({ worker: index, at: startedAtOf(response.request()), value: { kind: 'http', text: `${response.request().method()} ${maskSecrets(response.url())} answered HTTP ${response.status()}`, url: maskSecrets(response.url()) } });
    });
    workers.push(worker);
  }
  const close = async (traceDir?: string): Promise<string[]> => {
    const paths: string[] = [];
    for (const [i, w] of workers.entries()) {
      if (options.context) {
        await w.page.close().catch(() => undefined);
        continue;
      }
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
  // Tab of an event: the last tab its worker activated before it happened (null: during load).
  const tabAt = (worker: number, at: number): string | null => {
    const windows = workers[worker]?.windows ?? [];
    let tab: string | null = null;
    for (const w of windows) if (w.at <= at) tab = w.id;
    return tab;
  };
  const settle = async (): Promise<{ issues: BrowserIssue[]; apiCalls: ApiCallObservation[] }> => {
    await Promise.all(pendingHeaders);
    const byTime = <T>(a: Timed<T>, b: Timed<T>): number => a.at - b.at;
    return {
      issues: [...issues].sort(byTime).map((i) => ({ ...i.value, tab: tabAt(i.worker, i.at) })),
      apiCalls: [...apiCalls].sort(byTime).map((c) => ({ ...c.value, tab: tabAt(c.worker, c.at) })),
    };
  };

  // 1. Load the app in every context at once.
  const loads = await Promise.all(
    workers.map(async (w) => {
      try {
        const response = await w.page.goto(url, { waitUntil: 'load', timeout: navigationTimeoutMs });
        // In the page (no Playwright selector engine to inject: that alone cost 0.2–0.3 s per page on the 2-core box).
        const visible = await w.page.evaluate(waitVisible, { selector: app.rootSelector, timeoutMs: tabTimeoutMs });
        if (!visible) return { status: response?.status() ?? null, error: `${app.rootSelector} not visible within ${tabTimeoutMs} ms after load` };
        return { status: response?.status() ?? null, error: null as string | null };
      } catch (error) {
        return { status: null, error: firstLine(error) };
      }
    }),
  );
  const first = loads[0] ?? { status: null, error: 'no browser context' };
  const base = { app: app.name, url: maskSecrets(url), rootSelector: app.rootSelector, tabSelector: app.tabSelector };
  const main = workers[0];
  if (first.error !== null || !main) {
    const observation: DashboardObservation = {
      ...base, ...(await settle()), documentStatus: first.status, rootVisible: false, loadError: first.error, discoveredTabIds: [], tabs: [],
      timing: null, statuses: null, counter: null, publicProbe: null, durationMs: Math.round(clock.monotonicMs() - started),
    };
    return { observation, close };
  }

  // 2. Tab discovery from the app itself. The first load's timing and the public probe are not waited for here: they
  // run during the walk (the timing's 50 ms LCP wait was on every check's critical path). readTiming is sent to the page
  // first, so it takes its LCP cut-off before any tab is clicked; neither rejects.
  const timingRead = readTiming(main.page);
  const publicProbeRead = app.apiAuth ? probePublic(main.context, options.baseUrl, app.apiAuth.healthPath, tabTimeoutMs) : Promise.resolve(null);
  const discovered = await main.page.evaluate(
    ({ selector, attribute }) => [...document.querySelectorAll(selector)].map((e) => ({ id: e.getAttribute(attribute) ?? '', label: (e.textContent ?? '').trim() })),
    { selector: app.tabSelector, attribute: app.tabIdAttribute },
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
      const mine = toClick.filter((_id, i) => i % ready.length === index);
      for (const tab of await checkTabs(w, options, mine, tabTimeoutMs)) {
        results.set(tab.id, { ...tab, label: discovered.find((t) => t.id === tab.id)?.label ?? tab.id });
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

  const [timing, publicProbe] = await Promise.all([timingRead, publicProbeRead]);

  // 4. Live widgets on the first context.
  const statuses = app.statusWidget ? await readStatuses(main, options, tabTimeoutMs) : null;
  const counter = app.counterWidget ? await watchCounter(main.page, app.counterWidget.selector, app.counterWidget.attribute, options.counterTimeoutMs ?? 8_000, clock) : null;

  const observation: DashboardObservation = {
    ...base, ...(await settle()), documentStatus: first.status, rootVisible: true, loadError: null, discoveredTabIds: discoveredIds, tabs, timing,
    statuses, counter, publicProbe, durationMs: Math.round(clock.monotonicMs() - started),
  };
  log(`[${app.name}] observed ${tabs.length} tabs, ${observation.issues.length} browser issues, ${observation.apiCalls.length} API calls in ${observation.durationMs} ms`);
  return { observation, close };
}

/** Wall-clock start of a request (epoch ms), as the browser measured it; now when it did not say. */
function startedAtOf(request: Request): number {
  const start = request.timing().startTime;
  return Number.isFinite(start) && start > 0 ? start : Date.now();
}

/** GET of the public endpoint from the context's request API: no Authorization, no X-API-Key. */
async function probePublic(context: BrowserContext, baseUrl: string, path: string, timeoutMs: number): Promise<PublicProbeObservation> {
  try {
    const response = await context.request.get(new URL(path, baseUrl).toString(), { timeout: timeoutMs, maxRedirects: 0 });
    await response.dispose();
    return { path, status: response.status(), error: null };
  } catch (error) {
    return { path, status: null, error: firstLine(error) };
  }
}

/**
 * Checks the worker's tabs. Without screenshots and with DOM clicks, the whole list is walked in ONE in-page call
 * (one browser round trip per app instead of one per tab); otherwise one call per tab, then its screenshot.
 */
async function checkTabs(w: Worker, options: ObserveDashboardOptions, ids: readonly string[], timeoutMs: number): Promise<Array<Omit<TabObservation, 'label'>>> {
  const { app } = options;
  const dom = (options.clickMode ?? 'dom') === 'dom';
  const spec = (id: string) => ({ id, selector: app.tabSelectorFor(id), panelSelector: app.panelSelectorFor(id) });
  const walk = async (batch: readonly string[]): Promise<WalkedTab[]> => {
    const startedAt = Date.now();
    try {
      return await w.page.evaluate(walkTabs, { tabs: batch.map(spec), errorSelector: app.errorSelector, timeoutMs, click: dom });
    } catch (error) {
      const line = firstLine(error);
      return batch.map((id) => ({ id, rendered: false, textLength: 0, errorText: null, failure: line, startedAt, durationMs: Date.now() - startedAt }));
    }
  };
  const out: Array<Omit<TabObservation, 'label'>> = [];
  if (dom && !options.screenshotDir) {
    const walked = await walk(ids);
    for (const t of walked) w.windows.push({ id: t.id, at: t.startedAt });
    for (const t of walked) out.push({ ...t, selector: spec(t.id).selector, found: true, screenshotPath: null });
    return out;
  }
  for (const id of ids) {
    const selector = app.tabSelectorFor(id);
    w.windows.push({ id, at: Date.now() });
    let state: WalkedTab;
    const t0 = Date.now();
    try {
      if (!dom) await w.page.click(selector, { timeout: timeoutMs });
      state = (await walk([id]))[0] ?? { id, rendered: false, textLength: 0, errorText: null, failure: 'no result', startedAt: t0, durationMs: 0 };
      if (!dom) state = { ...state, durationMs: Date.now() - t0 };
    } catch (error) {
      const line = firstLine(error);
      state = { id, rendered: false, textLength: 0, errorText: null, failure: /timeout/i.test(line) ? `tab ${selector} not clickable within ${timeoutMs} ms` : line, startedAt: t0, durationMs: Date.now() - t0 };
    }
    let screenshotPath: string | null = null;
    if (options.screenshotDir) {
      screenshotPath = join(options.screenshotDir, `${app.name}-${safeName(id)}.png`);
      await w.page.screenshot({ path: screenshotPath }).catch(() => (screenshotPath = null));
    }
    out.push({ ...state, selector, found: true, screenshotPath });
  }
  return out;
}

/** Runs in the page: true once `selector` matches a visible element (woken by DOM changes), false after `timeoutMs`. */
async function waitVisible(args: { selector: string; timeoutMs: number }): Promise<boolean> {
  const t0 = performance.now();
  for (;;) {
    const element = document.querySelector<HTMLElement>(args.selector);
    if (element && element.checkVisibility()) return true;
    if (performance.now() - t0 > args.timeoutMs) return false;
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve();
      });
      observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true });
      setTimeout(() => {
        observer.disconnect();
        resolve();
      }, 50);
    });
  }
}

/**
 * Runs in the page: for each tab in turn, (optionally) clicks it after a visibility/covered check, then waits for
 * its panel to be visible, not `aria-busy` and non-empty — the panel's own readiness signal, no settle delay.
 */
async function walkTabs(args: { tabs: Array<{ id: string; selector: string; panelSelector: string }>; errorSelector: string; timeoutMs: number; click: boolean }): Promise<WalkedTab[]> {
  // No named inner functions: tsx/vitest may compile with keepNames, and an injected __name() call would not exist
  // in the page this function is serialized into.
  const results: WalkedTab[] = [];
  for (const spec of args.tabs) {
    const startedAt = Date.now();
    const t0 = performance.now();
    let r: { rendered: boolean; textLength: number; errorText: string | null; failure: string | null } | null = null;
    if (args.click) {
      const tab = document.querySelector<HTMLElement>(spec.selector);
      if (!tab) r = { rendered: false, textLength: 0, errorText: null, failure: `tab ${spec.selector} disappeared` };
      else {
        tab.scrollIntoView({ block: 'center' });
        const box = tab.getBoundingClientRect();
        const visible = box.width > 0 && box.height > 0 && tab.checkVisibility();
        const hit = visible ? document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) : null;
        if (!visible) r = { rendered: false, textLength: 0, errorText: null, failure: `tab ${spec.selector} is not visible` };
        else if (hit && hit !== tab && !tab.contains(hit)) {
          const what = `${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ''}${hit.getAttribute('data-testid') ? `[data-testid="${hit.getAttribute('data-testid')}"]` : ''}`;
          r = { rendered: false, textLength: 0, errorText: null, failure: `tab ${spec.selector} is covered by ${what}` };
        } else tab.click();
      }
    }
    while (r === null) {
      const panel = document.querySelector<HTMLElement>(spec.panelSelector);
      const text = (panel?.textContent ?? '').trim().length;
      const error = panel?.querySelector(args.errorSelector)?.textContent?.trim() ?? null;
      if (panel && !panel.hidden && panel.getAttribute('aria-busy') !== 'true' && text > 0) r = { rendered: true, textLength: text, errorText: error, failure: null };
      else if (performance.now() - t0 > args.timeoutMs) r = { rendered: false, textLength: text, errorText: error, failure: `panel ${spec.panelSelector} not rendered within ${args.timeoutMs} ms` };
      else {
        // The panel's own readiness signal: wake on the next DOM change (aria-busy, content), not on a fixed delay.
        await new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            observer.disconnect();
            resolve();
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          setTimeout(() => {
            observer.disconnect();
            resolve();
          }, 50);
        });
      }
    }
    results.push({ id: spec.id, ...r, startedAt, durationMs: Math.round(performance.now() - t0) });
  }
  return results;
}

async function readTiming(page: Page): Promise<NavigationTimingObservation | null> {
  return page
    .evaluate(async () => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      if (!nav) return null;
      // The largest paint of the first load only: the tab walk runs meanwhile, and a panel it renders (a click from
      // script is no user input, so LCP keeps counting) would otherwise become the "LCP" of the load.
      const cutoff = performance.now();
      const lcp = await new Promise<number | null>((resolve) => {
        let last: number | null = null;
        try {
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) if (entry.startTime <= cutoff) last = entry.startTime;
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
  w.windows.push({ id: widget.tabId, at: Date.now() });
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
