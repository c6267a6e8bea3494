// Which services a phase gate's target must run: the reference core plus every service its plan rebuilds (a Phase 3
// gate on the core alone would have nothing to rebuild: none of the four ML services is in the core).
import type { Inventory } from '../inventory/types.js';
import { resolvePlan } from './resolve-plan.js';
import type { Plan } from './schema.js';

/**
 * Services a suite probes beyond the core and its plan: the runbook's nginx prefix locations on :3000 (ha-setup-service,
 * log-aggregator, ai-automation-service-new, RUN-TS-1) and its synergy routes (ai-pattern-service :8034, ml-service
 * :8025, RUN-FV-5). Without them those checks would judge a stopped upstream (a 502), not the proxy.
 */
export const SUITE_EXTRA_SERVICES: Readonly<Record<string, readonly string[]>> = {
  runbook: ['ha-setup-service', 'log-aggregator', 'ai-automation-service-new', 'ai-pattern-service', 'ml-service'],
  // 003's validation checklist probes log-aggregator :8015 (RB-CL-SH8); its build expects the smart-meter image (RB-B-4).
  rebuild: ['log-aggregator', 'smart-meter'],
};

/**
 * `base`, then the suite's extra services ({@link SUITE_EXTRA_SERVICES}), then the plan's services, each only when the
 * compose file has it and its profiles activate it, without duplicates.
 */
export function suiteTargetServices(plan: Plan | undefined, inventory: Pick<Inventory, 'services' | 'inactiveServices'>, base: readonly string[], suite?: string): string[] {
  const extra = (suite === undefined ? [] : SUITE_EXTRA_SERVICES[suite] ?? []).filter((s) => inventory.services.some((x) => x.name === s));
  const planned = plan ? resolvePlan(plan, inventory).steps.flatMap((s) => s.services) : [];
  return [...new Set([...base, ...extra, ...planned])];
}
