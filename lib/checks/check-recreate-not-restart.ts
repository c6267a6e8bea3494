// RUN-M3b "After FastAPI route changes use down/up, not restart" (004 L121-134): `docker compose restart` keeps the
// old container and image, so new code never runs. Judged over the rebuild plans (lib/plans): every step that
// touches a service that runs HomeIQ's own code (a Python/FastAPI service; lib/stack/upstream-images.ts decides)
// must rebuild it, which the rebuild driver does as build + `up --no-deps --force-recreate` (a new container); a
// `restart` step may only name upstream-image services (InfluxDB, Jaeger), whose code a deployment does not change.
import type { Plan } from '../plans/schema.js';
import type { CheckResult } from './check-result.js';

/** Options of {@link checkRecreateNotRestart}. */
export interface RecreateNotRestartCheck {
  /** @default 'RUN-M3b' */
  readonly criterionId?: string;
  /** Whether a service runs HomeIQ's own code: true/false, or undefined when that cannot be told (see runsOwnCode in lib/stack). */
  readonly runsOwnCode: (service: string) => boolean | undefined;
}

/** Passed when no plan step would only restart a service that runs HomeIQ code. Pure. */
export function checkRecreateNotRestart(plans: readonly Plan[], check: RecreateNotRestartCheck): CheckResult {
  const base = { criterionId: check.criterionId ?? 'RUN-M3b', title: 'code changes recreate the container (plans)', limit: 'no plan step only restarts a service that runs HomeIQ code' };
  if (plans.length === 0) return { ...base, status: 'error', message: 'no rebuild plan to judge' };
  const restartsOfCode: string[] = [];
  const unknown: string[] = [];
  let rebuildSteps = 0;
  const restarted = new Set<string>();
  for (const plan of plans) {
    for (const step of plan.steps) {
      if (step.action === 'rebuild') {
        rebuildSteps += 1;
        continue;
      }
      for (const spelled of step.services) {
        const service = plan.renames[spelled]?.to ?? spelled;
        const built = check.runsOwnCode(service);
        if (built === true) restartsOfCode.push(`${plan.id} step ${step.id} ("${step.title}") only restarts ${service}, which runs HomeIQ's own code`);
        else if (built === undefined) unknown.push(`${plan.id} step ${step.id}: ${service}`);
        else restarted.add(service);
      }
    }
  }
  const evidence = [
    { label: 'rebuild steps (build + up --no-deps --force-recreate)', value: rebuildSteps },
    { label: 'restarted upstream-image services', value: [...restarted].sort().join(', ') || 'none' },
  ];
  if (restartsOfCode.length > 0) {
    return { ...base, status: 'failed', measurement: restartsOfCode.length, evidence, message: `${restartsOfCode.length} plan step(s) would only restart after a code change: ${restartsOfCode.join('; ')}. hint: make the step action 'rebuild' (build, then up --force-recreate: a new container), as 004 L121-134 asks after FastAPI route changes` };
  }
  if (unknown.length > 0) {
    return { ...base, status: 'skipped', measurement: unknown.length, evidence, message: `not decided: the compose file does not know ${unknown.length} restarted service(s), so whether they run code cannot be told: ${unknown.join('; ')}` };
  }
  return { ...base, status: 'passed', measurement: 0, evidence, message: `${plans.length} plan(s): ${rebuildSteps} rebuild step(s) recreate their containers (build + up --no-deps --force-recreate); restart steps only touch upstream-image services (${[...restarted].sort().join(', ') || 'none'})` };
}
