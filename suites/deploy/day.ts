// Which deployment day this run gates (PHASEGATE_DEPLOY_DAY, read by the global setup) and its plan; tests of other
// days are not defined, so the report lists only the selected day's criteria.
import { inject } from 'vitest';
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
