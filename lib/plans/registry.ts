import { PHASE1_PLAN } from './phase1.js';
import { PHASE2_PLAN } from './phase2.js';
import { PHASE3_PLAN } from './phase3.js';
import { PHASE4_PLAN } from './phase4.js';
import type { Plan } from './schema.js';

/** Rebuild plans by gate suite name (`suites/<name>`); suites without a plan run no rebuild. */
export const PLANS: Readonly<Record<string, Plan>> = { phase1: PHASE1_PLAN, phase2: PHASE2_PLAN, phase3: PHASE3_PLAN, phase4: PHASE4_PLAN };

export function planForSuite(suite: string): Plan | undefined {
  return PLANS[suite];
}
