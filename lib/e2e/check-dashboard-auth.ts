// Auth as HomeIQ's frontends do it, judged from the page's own API calls observed in the browser (homeiq-facts.md §5
// "Auth from the browser"): every non-public API call carries `Authorization: Bearer <key>` and none is refused.
import type { CheckResult, Evidence } from '../checks/index.js';
import type { ApiCallObservation, ApiCredential, DashboardObservation } from './observe-dashboard.js';

/** Criterion the auth check reports under, and the other gates' criteria it also answers. */
export const DASHBOARD_AUTH_CRITERIA = { primary: 'P1-S10-AC4', also: ['RUN-FV-4', 'PD-D1-5', 'RB-V-2'] } as const;

const MAX_LISTED = 3;
const LIMIT = 'every API call sends Authorization: Bearer and none answers 401/403; public health 2xx without a key';

const SENT: Record<ApiCredential, string> = {
  bearer: 'Authorization: Bearer ***',
  'bearer-empty': 'Authorization: Bearer with no key (undefined)',
  'x-api-key': 'X-API-Key ***',
  other: 'a non-Bearer Authorization header',
  none: 'no credential',
};

/** What to do about one bad call, from what it sent and how it was answered. */
function hintFor(call: ApiCallObservation): string {
  if (call.credential === 'x-api-key') {
    return "sessionStorage 'api_key' is set, so HomeIQ's getAuthHeaders (src/services/api.ts) sends X-API-Key, which the backends do not read; clear sessionStorage api_key or send the Bearer key";
  }
  if (call.credential === 'bearer-empty') return 'the bundle was built without VITE_API_KEY; rebuild the frontend image with the API_KEY build arg from .env';
  if (call.credential === 'none' || call.credential === 'other') return "the page sent no Bearer key; HomeIQ's frontends send Authorization: Bearer ${VITE_API_KEY} baked in at build time";
  if (call.status === 403) return 'a 403 with a Bearer key is the nginx CSRF rule (X-CSRF-Token must equal cookie homeiq_csrf) or a key without rights';
  return "the key baked into the bundle (VITE_API_KEY build arg) is not the backend's API_KEY (or the backend refuses it); rebuild the frontend image with the current key from .env";
}

/** Where a call was made, for messages. */
const where = (call: ApiCallObservation): string => (call.tab === null ? 'during load' : `on tab "${call.tab}"`);

/** Describes one bad call: method, masked URL, where, status, what it sent. */
function describe(call: ApiCallObservation): string {
  const answered = call.status === null ? 'failed without a response' : `answered HTTP ${call.status}`;
  return `${call.method} ${call.url} ${where(call)} ${answered} sending ${SENT[call.credential]}`;
}

/**
 * The frontend's own API calls authenticate as HomeIQ's do: every non-public call carries a non-empty Bearer key,
 * no call answers 401/403, and the public health endpoint answers 2xx without a key. Values are never shown.
 */
export function checkDashboardAuth(o: DashboardObservation): CheckResult {
  const title = `${o.app} authenticates its API calls`;
  const criterionId = DASHBOARD_AUTH_CRITERIA.primary;
  if (o.loadError !== null) {
    return { criterionId, title, status: 'error', limit: LIMIT, message: `${o.app} (${o.url}) did not load, so its API calls could not be checked: ${o.loadError}` };
  }
  if (o.publicProbe === null) return { criterionId, title, status: 'skipped', limit: LIMIT, message: `${o.app}: no API auth spec (apiAuth) to check against` };
  const calls = o.apiCalls;
  const refused = calls.filter((c) => c.status === 401 || c.status === 403);
  const unauthenticated = calls.filter((c) => !c.public && c.credential !== 'bearer' && !refused.includes(c));
  const bad = [...refused, ...unauthenticated];
  const probe = o.publicProbe;
  const probeOk = probe.status !== null && probe.status >= 200 && probe.status < 300;
  const evidence: Evidence[] = [
    ...bad.slice(0, 10).map((c) => ({ label: `${c.method} ${c.path} (${c.tab ?? 'load'})`, value: `HTTP ${c.status ?? 'none'}, sent ${SENT[c.credential]}` })),
    { label: `public ${probe.path} without a key`, value: probe.status === null ? `no response: ${probe.error ?? 'unknown'}` : `HTTP ${probe.status}` },
  ];
  const bearer = calls.filter((c) => c.credential === 'bearer').length;
  if (bad.length === 0 && probeOk && calls.length > 0) {
    return {
      criterionId, title, status: 'passed', limit: LIMIT, measurement: 0, evidence,
      message: `${o.app} (${o.url}): ${calls.length} API calls, ${bearer} sent Authorization: Bearer ***, none answered 401/403; public ${probe.path} answered HTTP ${probe.status} without a key`,
    };
  }
  if (bad.length === 0 && probeOk) {
    return { criterionId, title, status: 'error', limit: LIMIT, measurement: 0, evidence, message: `${o.app} (${o.url}): the page made no API call over load + ${o.tabs.length} tabs, so its auth could not be judged; hint: check the app's apiAuth.apiPath pattern` };
  }
  if (bad.length === 0) {
    return {
      criterionId, title, status: 'failed', limit: LIMIT, measurement: 0, evidence,
      message: `${o.app} (${o.url}): public ${probe.path} ${probe.status === null ? `failed without a response (${probe.error})` : `answered HTTP ${probe.status}`} without a key, expected 2xx; hint: a health endpoint must not need a key (nginx serves /health itself)`,
    };
  }
  const firstBad = bad[0] as ApiCallObservation;
  const listed = bad.slice(1, MAX_LISTED).map(describe).join('; ');
  const more = bad.length > MAX_LISTED ? `; and ${bad.length - MAX_LISTED} more` : '';
  return {
    criterionId, title, status: 'failed', limit: LIMIT, measurement: bad.length, evidence,
    message: `${o.app} (${o.url}): ${bad.length} of ${calls.length} API calls refused (401/403) or sent without a Bearer key; first: ${describe(firstBad)}${listed ? `; ${listed}` : ''}${more}; hint: ${hintFor(firstBad)}`,
  };
}
