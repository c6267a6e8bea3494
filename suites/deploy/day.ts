// Which deployment day this run gates (PHASEGATE_DEPLOY_DAY, read by the global setup) and its plan; tests of other
// days are not defined, so the report lists only the selected day's criteria. A file whose tests all belong to other
// days defines one test that records that (vitest rejects a file without tests).
import { inject, it } from 'vitest';
import { deployPlanForDay } from '../../lib/plans/deploy.js';
import type { Plan } from '../../lib/plans/schema.js';

/** The selected day, 1-5. */
export function deployDay(): number {
  const day = inject('deployDay');
  if (day === null) throw new Error('suites/deploy runs without a deployment day: the global setup provides one for the "deploy" project only');
  return day;
}

/** The selected day's plan (lib/plans/deploy.ts). */
export function dayPlan(): Plan {
  return deployPlanForDay(deployDay());
}

/** A step's services as compose names (the plan's renames applied): what the day must have deployed. */
export function stepServices(plan: Plan, stepId: string): string[] {
  const step = plan.steps.find((s) => s.id === stepId);
  return (step?.services ?? []).map((s) => plan.renames[s]?.to ?? s);
}

/**
 * For a file whose tests all belong to `days`: on another day, one test that skips naming the day that runs them
 * (vitest fails a file without tests). Call it after the day-guarded blocks.
 */
export function otherDaysOnly(criteria: string, days: readonly number[]): void {
  const day = deployDay();
  if (days.includes(day)) return;
  const which = days.map((d) => `Day ${d}`).join(', ');
  it(`${criteria}: ${which} only`, (ctx) => ctx.skip(`[${criteria}] belong to ${which}; this run gates Day ${day} (set PHASEGATE_DEPLOY_DAY=${days[0]} to run them)`));
}
