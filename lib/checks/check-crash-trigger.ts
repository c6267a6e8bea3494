// DEP-RB-T1, the emergency rollback trigger "multiple service crashes" (001 L1229): how many services crashed or are
// restarting, from Docker state (State, ExitCode, RestartCount against an earlier sample). The trigger fires at
// `maxCrashed + 1` (the plan's "multiple" = 2); the check fails when it fires, naming each crash (pure).
import type { CheckResult } from './check-result.js';
import type { ContainerSnapshot } from './container-state-source.js';

export interface CrashTriggerCheck {
  readonly criterionId: string;
  /** Services watched. */
  readonly services: readonly string[];
  /** Crashes tolerated before the trigger fires ("multiple" crashes: 1). @default 1 */
  readonly maxCrashed?: number;
}

/** One line per crashed service, or undefined when it runs (a container stopped with exit 0 is not a crash). */
function crashOf(service: string, before: ContainerSnapshot | undefined, now: ContainerSnapshot | undefined): string | undefined {
  if (!now) return `${service} has no container`;
  const exit = now.exitCode;
  if (now.state === 'restarting') return `${service} (${now.name}) is restarting (RestartCount ${now.restartCount})`;
  if (now.state === 'dead') return `${service} (${now.name}) is dead`;
  if (now.state === 'exited' && exit !== 0) return `${service} (${now.name}) exited${exit === undefined ? '' : ` with code ${exit}`}`;
  if (before && now.restartCount > before.restartCount) return `${service} (${now.name}) restarted ${now.restartCount - before.restartCount} time(s) since the first sample`;
  return undefined;
}

/** Counts crashed services between an earlier sample and now; fails when the count reaches the trigger. */
export function checkCrashTrigger(before: readonly ContainerSnapshot[], now: readonly ContainerSnapshot[], check: CrashTriggerCheck): CheckResult {
  const max = check.maxCrashed ?? 1;
  const prev = new Map(before.map((s) => [s.service, s]));
  const next = new Map(now.map((s) => [s.service, s]));
  const crashes = check.services.flatMap((service) => crashOf(service, prev.get(service), next.get(service)) ?? []);
  const base = { criterionId: check.criterionId, title: 'emergency rollback trigger: multiple crashes', measurement: crashes.length, limit: `<= ${max} crashed or restarting` };
  if (crashes.length > max) {
    return { ...base, status: 'failed', message: `emergency rollback trigger fired: ${crashes.length} of ${check.services.length} services crashed or restarting: ${crashes.join('; ')}. hint: 001 L1226-1270 rolls back the whole deployment; \`phasegate rollback\` restores this run's images` };
  }
  return { ...base, status: 'passed', message: `trigger not fired: ${crashes.length} of ${check.services.length} services crashed or restarting${crashes.length ? ` (${crashes.join('; ')})` : ''}` };
}
