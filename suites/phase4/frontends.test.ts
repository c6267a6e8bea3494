// Phase 4 frontend criteria after the rebuild: both containers healthy (Docker state), `curl -f` on both
// (001 L984-985), and in the browser: every tab renders, no console errors — the same page checks as Phase 1
// (lib/e2e, Playwright with the Debian chromium).
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { checkContainersHealthy, checkHealthBody } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { AI_AUTOMATION_UI_APP, forCriterion, HEALTH_DASHBOARD_APP, launchChromium, runDashboardChecks, type DashboardApp } from '../../lib/e2e/index.js';
import { gate, target, thresholds } from '../_setup/gate.js';

const t = target();
const inspector = new DockerodeContainerInspector();
const FRONTENDS = ['health-dashboard', 'ai-automation-ui'] as const;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('Phase 4 — frontends', () => {
  it('P4-SC1: both frontends are healthy (Docker state)', async (ctx) => {
    gate(ctx, checkContainersHealthy(await inspector.listProject(t.projectName), { criterionId: 'P4-SC1', expected: FRONTENDS }));
  });

  it('P4-T2b: both frontends answer 2xx (`curl -f` on :3000 and :3001)', async (ctx) => {
    gate(ctx, ...(await Promise.all(FRONTENDS.map((service) => checkHealthBody({ criterionId: 'P4-T2b', service, url: `${t.urls[service]}/`, rule: { any: true } })))));
  });

  for (const [app, service] of [[HEALTH_DASHBOARD_APP, 'health-dashboard'], [AI_AUTOMATION_UI_APP, 'ai-automation-ui']] as [DashboardApp, string][]) {
    it(`P4-SC2 / P4-SC3: ${service} loads, renders every tab, and logs no console error`, async (ctx) => {
      const { results: r } = await runDashboardChecks(browser, { app, baseUrl: t.urls[service]!, reportDir: join('reports', 'phase4', 'dashboards', service), budgets: { loadMs: thresholds().dashboardLoadMs } });
      gate(ctx, forCriterion(r.pageLoad, 'P4-SC2'), forCriterion(r.tabs, 'P4-SC2'), forCriterion(r.consoleErrors, 'P4-SC3'));
    });
  }
});
