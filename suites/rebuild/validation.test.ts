// 003 complete rebuild — validation (Step 5, the checklist, the post-rebuild list and the success criteria), data
// driven: lib/plans/complete-rebuild-validation.ts says for each criterion which check runs on which service and path;
// this file runs them on the rebuilt, restored stack through suites/_setup/rebuild-validation.ts (which the self-test
// suites/selftest/rebuild-validation.test.ts shares). An entry the target cannot decide (`requires`) is skipped with
// the reason; entries that are only manual or not implemented get no test (the report lists them).
import { describe, it } from 'vitest';
import { isImplemented, REBUILD_VALIDATION } from '../../lib/plans/complete-rebuild-validation.js';
import { DASHBOARDS, dashboardChecks } from '../_setup/dashboards.js';
import { gate } from '../_setup/gate.js';
import { createValidationEvaluator } from '../_setup/rebuild-validation.js';

const dashboard = dashboardChecks('rebuild');
/** The dashboard is checked once and its results reused by every entry that asks for it. */
let dashboardOnce: ReturnType<typeof dashboard> | undefined;
const evaluator = createValidationEvaluator({ dashboard: () => (dashboardOnce ??= dashboard(...DASHBOARDS[0]!)) });

const SLOW = new Set(['memory-trend', 'dashboard', 'cpu-percent']);

describe('003 complete rebuild — validation (Step 5, checklist, post-rebuild, success criteria)', () => {
  for (const entry of REBUILD_VALIDATION.filter(isImplemented)) {
    const timeout = entry.checks.some((c) => SLOW.has(c.kind)) ? 540_000 : 120_000;
    it(`${entry.criterionId}: ${entry.what}`, { timeout }, async (ctx) => {
      const unmet = evaluator.unmet(entry);
      if (unmet !== null) return ctx.skip(`[${entry.criterionId}] ${unmet}`);
      gate(ctx, ...(await evaluator.evaluate(entry)));
    });
  }
});
