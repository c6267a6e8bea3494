// Post-deployment checklist, frontends: both dashboards load and render (PD-D1-5), in the browser (lib/e2e, Debian
// chromium): page load, every tab, no console error. "All E2E tests pass" (PD-48H-2) is the project's own suite, not
// in the images: these page checks can fail it, a pass leaves it undecided.
import { describe, it } from 'vitest';
import { onlyNecessary } from '../../lib/checks/index.js';
import { forCriterion } from '../../lib/e2e/index.js';
import { DASHBOARDS, dashboardChecks } from '../_setup/dashboards.js';
import { gate } from '../_setup/gate.js';

const check = dashboardChecks('postdeploy', DASHBOARDS);

describe('Post-deployment — frontends', () => {
  for (const [app, service] of DASHBOARDS) {
    it(`PD-D1-5 / PD-48H-2: ${service} loads and renders every tab without console errors, its API calls authenticated`, async (ctx) => {
      const r = await check(app, service);
      const e2e = 'the project\'s own E2E suite (`npm run test:e2e`) is not in the images';
      gate(ctx, forCriterion(r.pageLoad, 'PD-D1-5'), forCriterion(r.tabs, 'PD-D1-5'), forCriterion(r.auth, 'PD-D1-5'), ...[r.pageLoad, r.tabs, r.consoleErrors].map((x) => onlyNecessary(forCriterion(x, 'PD-48H-2'), e2e)));
    });
  }
});
