// Criteria about services the target does not run (the reference core has no ai-pattern-service, ml-service,
// ha-setup-service …): skipped with the reason, never passed and never failed for a service nobody started.
import type { CheckResult } from '../../lib/checks/check-result.js';
import type { TargetDescription } from './target.js';

/** A `skipped` result for one part of a criterion whose service the target does not run (the rest is still judged). */
export function absentResult(t: TargetDescription, criterionId: string, service: string, what: string): CheckResult | undefined {
  if (t.services.includes(service) && t.urls[service] !== undefined) return undefined;
  return { criterionId, title: what, status: 'skipped', message: `not in this target: ${service} does not run here, so "${what}" is not decided (target services: ${t.services.join(', ')})` };
}
