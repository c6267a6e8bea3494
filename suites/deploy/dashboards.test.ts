// Day 5 `npm run test:e2e` (D5-5): the project's own Playwright suite is not in the images, so the dashboards' page
// checks (lib/e2e, Debian chromium) stand in for it: both load, render every tab, log no console error. They can
// fail the criterion; a pass leaves it undecided (the project's suite was not run).
import { describe, it } from 'vitest';
import { onlyNecessary } from '../../lib/checks/index.js';
import { forCriterion } from '../../lib/e2e/index.js';
import { DASHBOARDS, dashboardChecks } from '../_setup/dashboards.js';
import { gate } from '../_setup/gate.js';
import { deployDay, otherDaysOnly } from './day.js';

const day = deployDay();

describe(`Deployment Day ${day} — end to end`, () => {
  if (day === 5) {
    const check = dashboardChecks('deploy', DASHBOARDS);

    for (const [app, service] of DASHBOARDS) {
      it(`D5-5: ${service} loads, renders every tab and logs no console error (the necessary part of \`npm run test:e2e\`)`, async (ctx) => {
        const r = await check(app, service);
        const missing = 'the project\'s own `npm run test:e2e` suite is not in the images (001 L1212)';
        gate(ctx, ...[r.pageLoad, r.tabs, r.consoleErrors].map((x) => onlyNecessary(forCriterion(x, 'D5-5'), missing)));
      });
    }
  }
  otherDaysOnly('D5-5', [5]);
});
