// Drives Debian chromium against both dashboard twins running in-process on 127.0.0.1 (port 0), fed by tiny fake
// upstreams. One browser for the whole file.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultController } from '../../fixtures/reference/services/_shared/faults.js';
import type { Twin } from '../../fixtures/reference/services/_shared/twin-server.js';
import { createAiAutomationUiServer } from '../../fixtures/reference/services/ai-automation-ui/index.js';
import { createHealthDashboardServer } from '../../fixtures/reference/services/health-dashboard/index.js';
import { AI_AUTOMATION_UI_APP, HEALTH_DASHBOARD_APP } from './dashboard-app.js';
import { launchChromium } from './launch-chromium.js';
import { runDashboardChecks, runDashboardChecksTogether } from './run-dashboard-checks.js';
import { startFakeHomeiqUpstreams, type FakeHomeiqUpstreams } from './testing/index.js';

const API_KEY = 'unit-test-key-0123456789';

// Bounds, not timings: one browser walks every tab with screenshots; on a loaded 2-core machine that takes > 30 s.
describe('runDashboardChecks against the dashboard twins', { timeout: 120_000 }, () => {
  let browser: Browser;
  let upstreams: FakeHomeiqUpstreams;
  let dashboard: Twin;
  let aiUi: Twin;
  let dashboardUrl: string;
  let aiUiUrl: string;
  let reportDir: string;
  const dashboardFaults = new FaultController({});
  const aiUiFaults = new FaultController({});

  beforeAll(async () => {
    reportDir = mkdtempSync(join(tmpdir(), 'phasegate-e2e-'));
    upstreams = await startFakeHomeiqUpstreams({ apiKey: API_KEY, eventsPerSecond: 50 });
    dashboard = createHealthDashboardServer({ port: 0, ...upstreams, apiKey: API_KEY, counterPollMs: 250, faults: dashboardFaults });
    aiUi = createAiAutomationUiServer({ port: 0, dataApiUrl: upstreams.dataApiUrl, aiAutomationUrl: 'http://127.0.0.1:1', apiKey: API_KEY, faults: aiUiFaults });
    const [p1, p2] = await Promise.all([dashboard.listen(), aiUi.listen(), (async () => void (browser = await launchChromium()))()]);
    dashboardUrl = `http://127.0.0.1:${p1}`;
    aiUiUrl = `http://127.0.0.1:${p2}`;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all([dashboard?.close(), aiUi?.close(), upstreams?.close()]);
    rmSync(reportDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    dashboardFaults.replace({});
    aiUiFaults.replace({});
  });

  it('should pass every health-dashboard check on a healthy stack, with one screenshot per tab and no trace', async () => {
    const report = await runDashboardChecks(browser, { app: HEALTH_DASHBOARD_APP, baseUrl: dashboardUrl, reportDir, counterTimeoutMs: 3_000 });
    expect(Object.values(report.results).map((r) => `${r.criterionId} ${r.status}`)).toEqual([
      'P1-S10-AC4 passed', 'P1-S10-AC5 passed', 'P1-S10-AC6 passed', 'RB-CL-FN2 passed', 'RB-V-2 passed', 'RUN-FV-4 passed', 'P1-S10-AC4 passed',
    ]);
    expect(report.results.tabs.message).toBe(`health-dashboard (${dashboardUrl}/): 17/17 tabs rendered content`);
    expect(report.observation.discoveredTabIds).toHaveLength(17);
    const screenshots = readdirSync(join(reportDir, 'screenshots')).filter((f) => f.startsWith('health-dashboard-'));
    expect(screenshots).toHaveLength(17);
    expect(report.tracePaths).toEqual([]);
    expect(existsSync(join(reportDir, 'traces'))).toBe(false);
    // Auth as HomeIQ does it: the page's own calls carry the baked Bearer key; the key itself is shown nowhere.
    expect(report.results.auth.message).toMatch(new RegExp(`^health-dashboard \\(${dashboardUrl}/\\): \\d+ API calls, \\d+ sent Authorization: Bearer \\*\\*\\*, none answered 401/403; public /health answered HTTP 200 without a key$`));
    expect(new Set(report.observation.apiCalls.filter((c) => !c.public).map((c) => c.credential))).toEqual(new Set(['bearer']));
    expect(new Set(report.observation.apiCalls.map((c) => c.tab))).toContain('devices');
    expect(JSON.stringify(report) + screenshots.join('\n')).not.toContain(API_KEY);
  });

  it('should fail the auth check on a wrong baked key (bakedApiKey), naming the request URL, the 401 and the hint', async () => {
    dashboardFaults.replace({ bakedApiKey: 'wrong-baked-key-000' });
    const report = await runDashboardChecks(browser, { app: HEALTH_DASHBOARD_APP, baseUrl: dashboardUrl, counterTimeoutMs: 500, onlyTabs: ['overview', 'devices'] });
    const auth = report.results.auth;
    expect([auth.criterionId, auth.status]).toEqual(['P1-S10-AC4', 'failed']);
    expect(auth.message).toMatch(
      new RegExp(`^health-dashboard \\(${dashboardUrl}/\\): \\d+ of \\d+ API calls refused \\(401/403\\) or sent without a Bearer key; first: GET ${dashboardUrl}/api/(devices\\?limit=200|v1/events\\?limit=\\d+) .*answered HTTP 401 sending Authorization: Bearer \\*\\*\\*; .*hint: the key baked into the bundle \\(VITE_API_KEY build arg\\) is not the backend's API_KEY`),
    );
    expect(auth.message).toContain(`GET ${dashboardUrl}/api/devices?limit=200 on tab "devices" answered HTTP 401`);
    expect(JSON.stringify(report)).not.toMatch(/wrong-baked-key-000|unit-test-key/);
  });

  it('should fail the auth check when sessionStorage api_key makes the page send X-API-Key (sessionApiKey)', async () => {
    dashboardFaults.replace({ sessionApiKey: 'stale-session-key-111' });
    const report = await runDashboardChecks(browser, { app: HEALTH_DASHBOARD_APP, baseUrl: dashboardUrl, counterTimeoutMs: 500, onlyTabs: ['overview', 'devices'] });
    expect(report.results.auth.status).toBe('failed');
    expect(report.results.auth.message).toMatch(/answered HTTP 401 sending X-API-Key \*\*\*; .*hint: sessionStorage 'api_key' is set, so HomeIQ's getAuthHeaders \(src\/services\/api\.ts\) sends X-API-Key, which the backends do not read/);
    expect(JSON.stringify(report)).not.toContain('stale-session-key-111');
  });

  it('should fail the ai-automation-ui auth check on a bundle built without a key (bakedApiKey "")', async () => {
    aiUiFaults.replace({ bakedApiKey: '' });
    const report = await runDashboardChecks(browser, { app: AI_AUTOMATION_UI_APP, baseUrl: aiUiUrl, onlyTabs: ['/', '/patterns'] });
    expect(report.results.auth.status).toBe('failed');
    expect(report.results.auth.message).toMatch(
      new RegExp(`^ai-automation-ui \\(${aiUiUrl}/\\): \\d+ of \\d+ API calls .*first: GET ${aiUiUrl}/api/data/api/devices\\?limit=100 during load answered HTTP 401 sending Authorization: Bearer with no key \\(undefined\\); .*hint: the bundle was built without VITE_API_KEY`),
    );
  });

  it('should pass the ai-automation-ui checks and show the admin System Status', async () => {
    const report = await runDashboardChecks(browser, { app: AI_AUTOMATION_UI_APP, baseUrl: aiUiUrl });
    expect(Object.values(report.results).map((r) => `${r.criterionId} ${r.status}`)).toEqual([
      'P1-S10-AC4 passed', 'P1-S10-AC5 passed', 'P1-S10-AC6 passed', 'RB-CL-FN2 passed', 'RB-V-2 skipped', 'RUN-FV-4 skipped', 'P1-S10-AC4 passed',
    ]);
    expect(report.observation.tabs.map((t) => t.id)).toContain('/admin');
  });

  it('should fail the console check on the consoleError knob, naming the message and keeping a trace', async () => {
    dashboardFaults.replace({ consoleError: true });
    const report = await runDashboardChecks(browser, { app: HEALTH_DASHBOARD_APP, baseUrl: dashboardUrl, reportDir, counterTimeoutMs: 1_000, onlyTabs: ['overview', 'services'] });
    expect(report.results.consoleErrors.status).toBe('failed');
    expect(report.results.consoleErrors.message).toBe(
      `health-dashboard (${dashboardUrl}/) logged 1 console/page error(s), limit 0; first console.error during load: phasegate fault: injected console error (consoleError knob); hint: open the tab's screenshot and trace in the report folder`,
    );
    expect(report.results.tabs.status).toBe('passed');
    expect(report.tracePaths).toEqual([join(reportDir, 'traces', 'health-dashboard-trace-0.zip')]);
    expect(existsSync(report.tracePaths[0] ?? '')).toBe(true);
  });

  it('should fail the tab check on the missingTab knob, naming the tab and its selector', async () => {
    dashboardFaults.replace({ missingTab: 'sports' });
    const report = await runDashboardChecks(browser, { app: HEALTH_DASHBOARD_APP, baseUrl: dashboardUrl, counterTimeoutMs: 1_000 });
    expect(report.results.tabs.status).toBe('failed');
    expect(report.results.tabs.message).toBe(
      `health-dashboard (${dashboardUrl}/): 16/17 tabs rendered; tab "sports" ([data-testid="tab-sports"]) not found in [data-testid="tab-navigation"] [role="tab"]; hint: see the per-tab screenshots`,
    );
    expect(report.results.consoleErrors.status).toBe('passed');
  });

  it('should fail the tab check on the brokenTab knob with the error state it shows (mouse clicks)', async () => {
    aiUiFaults.replace({ brokenTab: 'patterns' });
    const report = await runDashboardChecks(browser, { app: AI_AUTOMATION_UI_APP, baseUrl: aiUiUrl, clickMode: 'mouse' });
    expect(report.results.tabs.message).toBe(
      `ai-automation-ui (${aiUiUrl}/): 10/11 tabs rendered; tab "/patterns" ([data-testid="app-navigation"] a[data-route="/patterns"]) shows an error state: Failed to load Patterns; hint: see the per-tab screenshots`,
    );
  });

  it('should fail the load-time check on the slowLoadMs knob with the measured timings', async () => {
    dashboardFaults.replace({ slowLoadMs: 700 });
    const report = await runDashboardChecks(browser, { app: HEALTH_DASHBOARD_APP, baseUrl: dashboardUrl, budgets: { loadMs: 1_000 }, onlyTabs: ['overview'], concurrency: 1, counterTimeoutMs: 500 });
    const timing = report.results.loadTiming;
    expect(timing.status).toBe('failed');
    expect(timing.measurement).toBeGreaterThanOrEqual(1_400);
    expect(timing.message).toMatch(
      /^health-dashboard \(http:\/\/127\.0\.0\.1:\d+\/\) too slow: load \d+ ms >= 1000 ms \(TTFB \d+ ms, DOMContentLoaded \d+ ms, load \d+ ms, LCP (\d+ ms|n\/a)\); hint: a high TTFB points at the server or its proxy, a late load at assets$/,
    );
    expect(report.results.tabs.status).toBe('passed');
  });

  it('should check both apps together in one shared context, judging each on its own and tracing only the failed one', async () => {
    aiUiFaults.replace({ consoleError: true });
    const together = join(reportDir, 'together');
    const [dash, ai] = await runDashboardChecksTogether(browser, [
      { app: HEALTH_DASHBOARD_APP, baseUrl: dashboardUrl, reportDir: join(together, 'health-dashboard'), counterTimeoutMs: 1_000 },
      { app: AI_AUTOMATION_UI_APP, baseUrl: aiUiUrl, reportDir: join(together, 'ai-automation-ui') },
    ]);
    expect(dash!.results.tabs.message).toBe(`health-dashboard (${dashboardUrl}/): 17/17 tabs rendered content`);
    expect(dash!.results.consoleErrors.status).toBe('passed');
    expect(dash!.tracePaths).toEqual([]);
    expect(readdirSync(join(together, 'health-dashboard', 'screenshots'))).toHaveLength(17);
    expect(ai!.results.tabs.message).toBe(`ai-automation-ui (${aiUiUrl}/): 11/11 tabs rendered content`);
    expect(ai!.results.consoleErrors.status).toBe('failed');
    expect(ai!.results.consoleErrors.message).toMatch(/^ai-automation-ui \(.*\) logged 1 console\/page error\(s\), limit 0; first console\.error during load: phasegate fault: injected console error/);
    expect(ai!.tracePaths).toEqual([join(together, 'ai-automation-ui', 'traces', 'dashboards-trace.zip')]);
    expect(existsSync(ai!.tracePaths[0]!)).toBe(true);
    expect(existsSync(join(together, 'health-dashboard', 'traces'))).toBe(false);
    // The shared context is closed, and with it both pages (they are not closed one by one).
    expect(browser.contexts()).toEqual([]);
  });
});
