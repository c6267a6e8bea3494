import { PHASE1_PLAN } from './phase1.js';
import type { Plan } from './schema.js';

/** Rebuild plans by gate suite name (`suites/<name>`); suites without a plan run no rebuild. */
export const PLANS: Readonly<Record<string, Plan>> = { phase1: PHASE1_PLAN };

export function planForSuite(suite: string): Plan | undefined {
  return PLANS[suite];
}
