// 001 §Testing & Validation, E2E (L1383): no UI errors in the browser console, on both frontends and every page
// they offer — the Phase 1 Playwright page checks (lib/e2e, Debian chromium). The seven E2E scenarios of TV-E1
// need the AI services and OpenAI and are not run here.
import { describe, it } from 'vitest';
import { forCriterion } from '../../lib/e2e/index.js';
import { DASHBOARDS, dashboardChecks } from '../_setup/dashboards.js';
import { gate } from '../_setup/gate.js';

const check = dashboardChecks('testing', DASHBOARDS);

describe('001 Testing & Validation — frontend', () => {
  for (const [app, service] of DASHBOARDS) {
    it(`TV-E2: ${service} logs no console or page error and no failed request on any page`, async (ctx) => {
      const r = await check(app, service);
      gate(ctx, forCriterion(r.pageLoad, 'TV-E2'), forCriterion(r.consoleErrors, 'TV-E2'));
    });
  }
});
