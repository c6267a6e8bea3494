import { describe, expect, it } from 'vitest';
import { checkDashboardAuth } from './check-dashboard-auth.js';
import { credentialOf, type ApiCallObservation, type DashboardObservation } from './observe-dashboard.js';

const call = (path: string, over: Partial<ApiCallObservation> = {}): ApiCallObservation => ({
  method: 'GET', url: `http://127.0.0.1:3000${path}`, path, status: 200, credential: 'bearer', public: /\/health$/.test(path), tab: 'overview', ...over,
});

const healthy: DashboardObservation = {
  app: 'health-dashboard', url: 'http://127.0.0.1:3000/', documentStatus: 200, rootVisible: true, loadError: null,
  rootSelector: '[data-testid="dashboard-root"]', tabSelector: '[data-testid="tab-navigation"] [role="tab"]', discoveredTabIds: ['overview', 'devices'],
  tabs: [], issues: [], timing: null, statuses: null, counter: null, durationMs: 500,
  apiCalls: [call('/api/v1/health'), call('/api/devices', { tab: 'devices' }), call('/ingestion/health', { credential: 'none', tab: null })],
  publicProbe: { path: '/health', status: 200, error: null },
};

describe('checkDashboardAuth', () => {
  it('should pass when every API call sends a Bearer key, none is refused and /health answers without a key', () => {
    const r = checkDashboardAuth(healthy);
    expect([r.criterionId, r.status, r.measurement]).toEqual(['P1-S10-AC4', 'passed', 0]);
    expect(r.message).toBe('health-dashboard (http://127.0.0.1:3000/): 3 API calls, 2 sent Authorization: Bearer ***, none answered 401/403; public /health answered HTTP 200 without a key');
  });

  it('should fail on a 401 naming the request URL, the tab, the status and the hint about the baked key', () => {
    const r = checkDashboardAuth({ ...healthy, apiCalls: [call('/api/v1/health'), call('/api/devices?limit=200', { status: 401, tab: 'devices' })].map((c) => ({ ...c, path: c.path.split('?')[0] as string })) });
    expect(r.status).toBe('failed');
    expect(r.measurement).toBe(1);
    expect(r.message).toBe(
      "health-dashboard (http://127.0.0.1:3000/): 1 of 2 API calls refused (401/403) or sent without a Bearer key; first: GET http://127.0.0.1:3000/api/devices?limit=200 on tab \"devices\" answered HTTP 401 sending Authorization: Bearer ***; hint: the key baked into the bundle (VITE_API_KEY build arg) is not the backend's API_KEY (or the backend refuses it); rebuild the frontend image with the current key from .env",
    );
  });

  it('should fail on X-API-Key calls (sessionStorage api_key) and on a bundle built without a key, with their hints', () => {
    const xApiKey = checkDashboardAuth({ ...healthy, apiCalls: [call('/api/devices', { credential: 'x-api-key', status: 401, tab: null })] });
    expect(xApiKey.message).toMatch(/^health-dashboard \(.*\): 1 of 1 API calls .*; first: GET http:\/\/127\.0\.0\.1:3000\/api\/devices during load answered HTTP 401 sending X-API-Key \*\*\*; hint: sessionStorage 'api_key' is set, so HomeIQ's getAuthHeaders/);
    const empty = checkDashboardAuth({ ...healthy, apiCalls: [call('/api/devices', { credential: 'bearer-empty', status: 401 })] });
    expect(empty.message).toMatch(/sending Authorization: Bearer with no key \(undefined\); hint: the bundle was built without VITE_API_KEY/);
  });

  it('should fail a call that got 2xx without any credential (anonymous backend), but not a public one', () => {
    const r = checkDashboardAuth({ ...healthy, apiCalls: [...healthy.apiCalls, call('/api/v1/events', { credential: 'none' })] });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/1 of 4 API calls .*first: GET http:\/\/127\.0\.0\.1:3000\/api\/v1\/events on tab "overview" answered HTTP 200 sending no credential; hint: the page sent no Bearer key/);
  });

  it('should list at most three bad calls and count the rest', () => {
    const r = checkDashboardAuth({ ...healthy, apiCalls: ['/a', '/b', '/c', '/d', '/e'].map((p) => call(`/api${p}`, { status: 403 })) });
    expect(r.message).toMatch(/5 of 5 API calls .*\/api\/a .*; GET .*\/api\/b .*; GET .*\/api\/c .*; and 2 more; hint: a 403 with a Bearer key is the nginx CSRF rule/);
  });

  it('should fail when the public health endpoint needs a key, error when no API call was seen, skip without a spec', () => {
    expect(checkDashboardAuth({ ...healthy, publicProbe: { path: '/health', status: 401, error: null } }).message).toBe(
      'health-dashboard (http://127.0.0.1:3000/): public /health answered HTTP 401 without a key, expected 2xx; hint: a health endpoint must not need a key (nginx serves /health itself)',
    );
    expect(checkDashboardAuth({ ...healthy, apiCalls: [] }).status).toBe('error');
    expect(checkDashboardAuth({ ...healthy, publicProbe: null }).status).toBe('skipped');
    expect(checkDashboardAuth({ ...healthy, loadError: 'net::ERR_CONNECTION_REFUSED' }).status).toBe('error');
  });
});

describe('credentialOf', () => {
  it('should name the scheme only', () => {
    expect(credentialOf({ authorization: 'Bearer abcdefgh12345' })).toBe('bearer');
    expect(credentialOf({ authorization: 'Bearer undefined' })).toBe('bearer-empty');
    expect(credentialOf({ authorization: 'Bearer ' })).toBe('bearer-empty');
    expect(credentialOf({ authorization: 'Basic dXNlcjpwdw==' })).toBe('other');
    expect(credentialOf({ 'x-api-key': 'k' })).toBe('x-api-key');
    expect(credentialOf({})).toBe('none');
  });
});
