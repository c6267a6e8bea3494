// Phase 1 dashboard criteria (002 Story 10): both frontends load, render every tab the app has, log no console
// errors, load within budget, and authenticate their own API calls as HomeIQ does (Bearer VITE_API_KEY, no 401/403)
// — the same page checks `npx playwright test` runs (lib/e2e).
import { describe, it } from 'vitest';
import { forCriterion } from '../../lib/e2e/index.js';
import { DASHBOARDS, dashboardChecks } from '../_setup/dashboards.js';
import { gate, thresholds } from '../_setup/gate.js';

const check = dashboardChecks('phase1', DASHBOARDS);

describe('Phase 1 — dashboards (Playwright, Debian chromium)', () => {
  for (const [app, service] of DASHBOARDS) {
    it(`P1-S10-AC4 / P1-S10-AC5 / P1-S10-AC6 / P1-SC4: ${service} loads, renders every tab, logs no console error, loads in < ${thresholds().dashboardLoadMs} ms, its API calls send Bearer and none answers 401/403`, async (ctx) => {
      const r = await check(app, service);
      gate(ctx, r.pageLoad, forCriterion(r.tabs, 'P1-S10-AC4'), r.auth, r.consoleErrors, r.loadTiming, forCriterion(r.loadTiming, 'P1-SC4'));
    });
  }
});
