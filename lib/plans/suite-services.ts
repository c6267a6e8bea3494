// Which services a phase gate's target must run: the reference core plus every service its plan rebuilds (a Phase 3
// gate on the core alone would have nothing to rebuild: none of the four ML services is in the core).
import type { Inventory } from '../inventory/types.js';
import { resolvePlan } from './resolve-plan.js';
import type { Plan } from './schema.js';

/** `base` followed by the plan's services that the compose file has and its profiles activate, without duplicates. */
export function suiteTargetServices(plan: Plan | undefined, inventory: Pick<Inventory, 'services' | 'inactiveServices'>, base: readonly string[]): string[] {
  if (!plan) return [...base];
  const planned = resolvePlan(plan, inventory).steps.flatMap((s) => s.services);
  return [...new Set([...base, ...planned])];
}
