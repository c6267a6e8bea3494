import { DEPLOY_PLANS, deployPlanForDay } from './deploy.js';
import { PHASE1_PLAN } from './phase1.js';
import { PHASE2_PLAN } from './phase2.js';
import { PHASE3_PLAN } from './phase3.js';
import { PHASE4_PLAN } from './phase4.js';
import { ROLLBACK_DRILL_PLAN } from './rollback-drill.js';
import type { Plan } from './schema.js';

/** Rebuild plans by gate suite name (`suites/<name>`); suites without a plan run no rebuild. */
export const PLANS: Readonly<Record<string, Plan>> = { phase1: PHASE1_PLAN, phase2: PHASE2_PLAN, phase3: PHASE3_PLAN, phase4: PHASE4_PLAN };

/** The suite whose plan is one of the deployment days (lib/plans/deploy.ts), chosen by {@link PlanSelection.deployDay}. */
export const DEPLOY_SUITE = 'deploy';

/** What picks among several plans of one suite. */
export interface PlanSelection {
  /** Deployment day of the `deploy` suite, 1-5 (env `PHASEGATE_DEPLOY_DAY`). @default 1 */
  readonly deployDay?: number;
}

export function planForSuite(suite: string, selection: PlanSelection = {}): Plan | undefined {
  if (suite === DEPLOY_SUITE) return deployPlanForDay(selection.deployDay ?? 1);
  return PLANS[suite];
}

/** A plan by its own id (`phase1`, `deploy-day3`, `rollback-drill`): what a stored rebuild state names (`state.planId`). */
export function planById(id: string): Plan | undefined {
  return [...Object.values(PLANS), ...DEPLOY_PLANS, ROLLBACK_DRILL_PLAN].find((plan) => plan.id === id);
}

/** Every plan id, for hints (`phase1, …, deploy-day5`). */
export function planIds(): string[] {
  return [...Object.values(PLANS), ...DEPLOY_PLANS, ROLLBACK_DRILL_PLAN].map((plan) => plan.id);
}
