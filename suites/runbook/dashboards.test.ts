// Runbook 004 frontend verification (L222-248): the dashboard on :3000 loads and shows data, and the ai-automation-ui
// Synergies page loads without errors — the same Playwright page checks as Phase 1 (lib/e2e, Debian chromium).
import { describe, it } from 'vitest';
import { AI_AUTOMATION_UI_APP, forCriterion, HEALTH_DASHBOARD_APP } from '../../lib/e2e/index.js';
import { DASHBOARDS, dashboardChecks } from '../_setup/dashboards.js';
import { gate } from '../_setup/gate.js';

const check = dashboardChecks('runbook', DASHBOARDS);

describe('Runbook 004 — dashboards (Playwright, Debian chromium)', () => {
  it('RUN-FV-4: the health dashboard on :3000 loads and shows data (every tab renders, statuses match the API, the live counter rises, its API calls authenticate)', async (ctx) => {
    const r = await check(HEALTH_DASHBOARD_APP, 'health-dashboard');
    gate(ctx, ...[r.pageLoad, r.tabs, r.statuses, r.liveCounter, r.auth].map((x) => forCriterion(x, 'RUN-FV-4')));
  });

  it('RUN-FV-7: the ai-automation-ui Synergies page (and every other page) loads without console or request errors', async (ctx) => {
    const r = await check(AI_AUTOMATION_UI_APP, 'ai-automation-ui');
    gate(ctx, ...[r.pageLoad, r.tabs, r.consoleErrors].map((x) => forCriterion(x, 'RUN-FV-7')));
  });
});
