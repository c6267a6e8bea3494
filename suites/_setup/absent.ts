// Criteria about services the target does not run (the reference core has no ai-pattern-service, ml-service,
// ha-setup-service …): skipped with the reason, never passed and never failed for a service nobody started.
import type { TestContext } from 'vitest';
import type { CheckResult } from '../../lib/checks/check-result.js';
import type { TargetDescription } from './target.js';

/** Skips the test (recording its criterion ID) when any of `services` is not part of the target. */
export function skipUnlessRunning(ctx: TestContext, t: TargetDescription, criterionId: string, services: readonly string[]): void {
  ctx.task.meta.criterionIds = [...new Set([...(ctx.task.meta.criterionIds ?? []), criterionId])];
  const absent = services.filter((s) => !t.services.includes(s) || t.urls[s] === undefined);
  if (absent.length > 0) ctx.skip(`[${criterionId}] not in this target: ${absent.join(', ')} (target services: ${t.services.join(', ')}); the criterion is decided on a target that runs them`);
}

/** A `skipped` result for one part of a criterion whose service the target does not run (the rest is still judged). */
export function absentResult(t: TargetDescription, criterionId: string, service: string, what: string): CheckResult | undefined {
  if (t.services.includes(service) && t.urls[service] !== undefined) return undefined;
  return { criterionId, title: what, status: 'skipped', message: `not in this target: ${service} does not run here, so "${what}" is not decided (target services: ${t.services.join(', ')})` };
}
