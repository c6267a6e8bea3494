// Plan order + compose dependencies → waves. Pure: no Docker, no clock.
import type { ResolvedPlan } from '../plans/resolve-plan.js';

/** A set of services rebuilt together: built in parallel (bounded), recreated, then awaited before the next wave. */
export interface Wave {
  readonly index: number;
  readonly services: readonly string[];
}

/** The plan puts `first` before `dependency`, but `first` depends on `dependency` (criteria.md D6.3). */
export interface OrderViolation {
  readonly first: string;
  readonly firstStep: string;
  readonly dependency: string;
  readonly dependencyStep: string;
  /** One line for the report: what the plan says, what compose says, what phasegate does. */
  readonly message: string;
}

export interface Schedule {
  readonly waves: readonly Wave[];
  /** Service → plan step id. */
  readonly stepOf: ReadonlyMap<string, string>;
  /** Service → `rebuild` or `restart`. */
  readonly actionOf: ReadonlyMap<string, 'rebuild' | 'restart'>;
  /** Service → services that must be ready before it starts (plan order and depends_on, after violations were dropped). */
  readonly predecessors: ReadonlyMap<string, ReadonlySet<string>>;
  readonly violations: readonly OrderViolation[];
}

/**
 * Builds the schedule. Plan order is kept (each sequential service, and each parallel batch, is a slot that waits
 * for the slots before it), except where it contradicts `depends_on`: then the dependency moves up to the slot of
 * its earliest dependent and goes first, and the violation is reported (criteria.md D6.3). Services that depend on
 * each other inside one slot go into successive waves.
 */
export function schedule(resolved: ResolvedPlan): Schedule {
  const stepOf = new Map<string, string>();
  const actionOf = new Map<string, 'rebuild' | 'restart'>();
  const slots: string[][] = [];
  for (const step of resolved.steps) {
    for (const s of step.services) {
      stepOf.set(s, step.id);
      actionOf.set(s, step.action);
    }
    if (step.mode === 'parallel') slots.push([...step.services]);
    else for (const s of step.services) slots.push([s]);
  }
  const position = new Map<string, number>();
  slots.forEach((slot, i) => slot.forEach((svc) => position.set(svc, i)));
  const dependents = new Map<string, string[]>();
  for (const [service, deps] of resolved.dependsOn) for (const d of deps) dependents.set(d, [...(dependents.get(d) ?? []), service]);
  // A dependency moves up to the slot of its earliest dependent; then plan order only ever points forward.
  const adjusted = new Map<string, number>();
  const adjust = (svc: string, path: Set<string>): number => {
    const known = adjusted.get(svc);
    if (known !== undefined) return known;
    let slot = position.get(svc)!;
    if (!path.has(svc)) {
      path.add(svc);
      for (const d of dependents.get(svc) ?? []) slot = Math.min(slot, adjust(d, path));
      path.delete(svc);
    }
    adjusted.set(svc, slot);
    return slot;
  };
  for (const svc of position.keys()) adjust(svc, new Set());
  const violations: OrderViolation[] = [];
  for (const [service, deps] of resolved.dependsOn) {
    for (const d of deps) {
      if (position.get(d)! > position.get(service)!) {
        violations.push({
          first: service,
          firstStep: stepOf.get(service)!,
          dependency: d,
          dependencyStep: stepOf.get(d)!,
          message: `the plan rebuilds ${service} (${stepOf.get(service)}) before ${d} (${stepOf.get(d)}), but ${service} depends on ${d}: ${d} goes first`,
        });
      }
    }
  }
  const predecessors = new Map<string, Set<string>>([...stepOf.keys()].map((svc) => [svc, new Set<string>()]));
  for (const u of position.keys()) for (const v of position.keys()) if (adjusted.get(u)! < adjusted.get(v)!) predecessors.get(v)!.add(u);
  for (const [service, deps] of resolved.dependsOn) for (const d of deps) predecessors.get(service)?.add(d);
  return { waves: levels(predecessors), stepOf, actionOf, predecessors, violations };
}

/** Longest-path levels: a service's wave is one more than the latest wave of its predecessors. */
function levels(predecessors: ReadonlyMap<string, ReadonlySet<string>>): Wave[] {
  const level = new Map<string, number>();
  const visit = (s: string, path: Set<string>): number => {
    const known = level.get(s);
    if (known !== undefined) return known;
    if (path.has(s)) throw new Error(`rebuild schedule: ordering cycle through ${[...path, s].join(' → ')}`);
    path.add(s);
    let l = 0;
    for (const p of predecessors.get(s) ?? []) l = Math.max(l, visit(p, path) + 1);
    path.delete(s);
    level.set(s, l);
    return l;
  };
  for (const s of predecessors.keys()) visit(s, new Set());
  const waves: string[][] = [];
  for (const [s, l] of level) (waves[l] ??= []).push(s);
  return waves.map((services, index) => ({ index, services: services.sort() }));
}

/**
 * The shortest possible makespan for these per-service durations under the schedule's precedence (unbounded
 * parallelism, no overhead): the critical path. `durationsMs` maps service → its measured build + recreate + ready time.
 */
export function criticalPathMs(s: Pick<Schedule, 'predecessors'>, durationsMs: ReadonlyMap<string, number>): number {
  const finish = new Map<string, number>();
  const visit = (svc: string): number => {
    const known = finish.get(svc);
    if (known !== undefined) return known;
    let start = 0;
    for (const p of s.predecessors.get(svc) ?? []) start = Math.max(start, visit(p));
    const end = start + (durationsMs.get(svc) ?? 0);
    finish.set(svc, end);
    return end;
  };
  let max = 0;
  for (const svc of s.predecessors.keys()) max = Math.max(max, visit(svc));
  return max;
}
