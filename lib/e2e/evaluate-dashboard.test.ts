import { describe, expect, it } from 'vitest';
import { checkLiveCounter, checkLoadTiming, checkPageLoad, checkServiceStatuses, checkTabs, evaluateDashboard, forCriterion } from './evaluate-dashboard.js';
import type { DashboardObservation } from './observe-dashboard.js';

const healthy: DashboardObservation = {
  app: 'health-dashboard',
  url: 'http://127.0.0.1:3000/',
  documentStatus: 200,
  rootVisible: true,
  loadError: null,
  rootSelector: '[data-testid="dashboard-root"]',
  tabSelector: '[data-testid="tab-navigation"] [role="tab"]',
  discoveredTabIds: ['overview', 'services'],
  tabs: [
    { id: 'overview', label: 'Overview', selector: '[data-testid="tab-overview"]', found: true, rendered: true, textLength: 120, errorText: null, failure: null, durationMs: 40, screenshotPath: null },
    { id: 'services', label: 'Services', selector: '[data-testid="tab-services"]', found: true, rendered: true, textLength: 80, errorText: null, failure: null, durationMs: 35, screenshotPath: null },
  ],
  issues: [],
  timing: { ttfbMs: 12, domContentLoadedMs: 150, loadMs: 160, lcpMs: 200 },
  statuses: { apiPath: '/api/v1/health/services', cardSelector: '[data-testid="service-card"]', shown: { influxdb: 'pass', 'sports-api': 'unhealthy' }, api: { influxdb: 'pass', 'sports-api': 'unhealthy' }, apiError: null },
  counter: { selector: '[data-testid="event-counter"]', first: 100, last: 112, waitedMs: 600 },
  apiCalls: [{ method: 'GET', url: 'http://127.0.0.1:3000/api/v1/health/services', path: '/api/v1/health/services', status: 200, credential: 'bearer', public: false, tab: null }],
  publicProbe: { path: '/health', status: 200, error: null },
  durationMs: 900,
};

describe('evaluateDashboard', () => {
  it('should pass every check on a healthy observation', () => {
    const results = evaluateDashboard(healthy);
    expect(Object.values(results).map((r) => [r.criterionId, r.status])).toEqual([
      ['P1-S10-AC4', 'passed'],
      ['P1-S10-AC5', 'passed'],
      ['P1-S10-AC6', 'passed'],
      ['RB-CL-FN2', 'passed'],
      ['RB-V-2', 'passed'],
      ['RUN-FV-4', 'passed'],
      ['P1-S10-AC4', 'passed'],
    ]);
    expect(results.statuses.message).toBe(
      'health-dashboard: 2 service statuses in [data-testid="service-card"] match /api/v1/health/services (not healthy per API: sports-api)',
    );
  });

  it('should fail the status check naming the service whose shown status differs from the API', () => {
    const result = checkServiceStatuses({ ...healthy, statuses: { ...healthy.statuses!, shown: { influxdb: 'pass', 'sports-api': 'healthy' } } });
    expect(result.status).toBe('failed');
    expect(result.message).toBe(
      'health-dashboard: 1 of 2 statuses in [data-testid="service-card"] differ from /api/v1/health/services: sports-api shown "healthy" vs API "unhealthy"; hint: the dashboard may show stale or mis-mapped data',
    );
  });

  it('should fail the live counter check when the counter does not rise', () => {
    const result = checkLiveCounter({ ...healthy, counter: { selector: '[data-testid="event-counter"]', first: 100, last: 100, waitedMs: 8000 } });
    expect(result.status).toBe('failed');
    expect(result.message).toBe(
      'health-dashboard: [data-testid="event-counter"] did not rise in 8000 ms (first 100, last 100); hint: is the HA simulator sending events and websocket-ingestion subscribed?',
    );
  });

  it('should fail page load on a failed request and name the tab it happened on', () => {
    const result = checkPageLoad({ ...healthy, issues: [{ kind: 'http', text: 'GET http://127.0.0.1:3000/api/devices answered HTTP 502', url: 'http://127.0.0.1:3000/api/devices', tab: 'devices' }] });
    expect(result.status).toBe('failed');
    expect(result.message).toBe(
      'health-dashboard (http://127.0.0.1:3000/) had 1 failed request(s), limit 0; first on tab "devices": GET http://127.0.0.1:3000/api/devices answered HTTP 502; hint: check the proxied upstream named in the URL',
    );
  });

  it('should report an unreachable app as failed load and as errors (not verdicts) for the checks that need it', () => {
    const down: DashboardObservation = { ...healthy, documentStatus: null, rootVisible: false, loadError: 'net::ERR_CONNECTION_REFUSED at http://127.0.0.1:3000/', tabs: [], timing: null };
    const results = evaluateDashboard(down);
    expect(results.pageLoad.message).toBe(
      'health-dashboard (http://127.0.0.1:3000/) did not load: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:3000/; expected HTTP 2xx and [data-testid="dashboard-root"] visible; hint: is the container up and bound to 127.0.0.1 on this port?',
    );
    expect([results.pageLoad.status, results.consoleErrors.status, results.loadTiming.status, results.tabs.status]).toEqual(['failed', 'error', 'error', 'error']);
  });

  it('should judge DOMContentLoaded, TTFB and LCP only when a budget is set', () => {
    expect(checkLoadTiming(healthy, { lcpMs: 100 }).message).toBe(
      'health-dashboard (http://127.0.0.1:3000/) too slow: LCP 200 ms >= 100 ms (TTFB 12 ms, DOMContentLoaded 150 ms, load 160 ms, LCP 200 ms); hint: a high TTFB points at the server or its proxy, a late load at assets',
    );
    expect(checkLoadTiming(healthy, { loadMs: 3000 }).status).toBe('passed');
  });

  it('should list at most three failing tabs and count the rest', () => {
    const tabs = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ ...healthy.tabs[0]!, id, selector: `[data-testid="tab-${id}"]`, found: false, rendered: false }));
    const result = checkTabs({ ...healthy, tabs });
    expect(result.message).toBe(
      'health-dashboard (http://127.0.0.1:3000/): 0/5 tabs rendered; tab "a" ([data-testid="tab-a"]) not found in [data-testid="tab-navigation"] [role="tab"]; tab "b" ([data-testid="tab-b"]) not found in [data-testid="tab-navigation"] [role="tab"]; tab "c" ([data-testid="tab-c"]) not found in [data-testid="tab-navigation"] [role="tab"]; and 2 more; hint: see the per-tab screenshots',
    );
  });

  it('should relabel a verdict for another gate without changing it', () => {
    const result = forCriterion(checkPageLoad(healthy), 'PD-D1-5');
    expect(result).toEqual({ ...checkPageLoad(healthy), criterionId: 'PD-D1-5' });
  });
});
