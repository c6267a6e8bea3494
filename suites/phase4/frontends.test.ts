// Phase 4 frontend criteria after the rebuild: both containers healthy (Docker state), `curl -f` on both
// (001 L984-985), and in the browser: every tab renders, no console errors — the same page checks as Phase 1
// (lib/e2e, Playwright with the Debian chromium).
import { describe, it } from 'vitest';
import { checkContainersHealthy, checkHealthBody } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { forCriterion } from '../../lib/e2e/index.js';
import { DASHBOARDS, dashboardChecks } from '../_setup/dashboards.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const inspector = new DockerodeContainerInspector();
const FRONTENDS = ['health-dashboard', 'ai-automation-ui'] as const;
const check = dashboardChecks('phase4', DASHBOARDS);

describe('Phase 4 — frontends', () => {
  it('P4-SC1: both frontends are healthy (Docker state)', async (ctx) => {
    gate(ctx, checkContainersHealthy(await inspector.listProject(t.projectName), { criterionId: 'P4-SC1', expected: FRONTENDS }));
  });

  it('P4-T2b: both frontends answer 2xx (`curl -f` on :3000 and :3001)', async (ctx) => {
    gate(ctx, ...(await Promise.all(FRONTENDS.map((service) => checkHealthBody({ criterionId: 'P4-T2b', service, url: `${t.urls[service]}/`, rule: { any: true } })))));
  });

  for (const [app, service] of DASHBOARDS) {
    it(`P4-SC2 / P4-SC3: ${service} loads, renders every tab, and logs no console error`, async (ctx) => {
      const r = await check(app, service);
      gate(ctx, forCriterion(r.pageLoad, 'P4-SC2'), forCriterion(r.tabs, 'P4-SC2'), forCriterion(r.consoleErrors, 'P4-SC3'));
    });
  }
});
