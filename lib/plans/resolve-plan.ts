// Resolves a plan's service spellings against the target's compose inventory and reports what does not fit.
import { closestMatch } from '../inventory/closest-match.js';
import type { DependencyCondition, Inventory, ServiceSpec } from '../inventory/types.js';
import type { Plan, PlanStep } from './schema.js';

/** Something about a plan worth telling the operator; `error` findings stop a rebuild before it starts. */
export interface PlanFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly kind: 'unknown-service' | 'inactive-service' | 'renamed' | 'not-in-target';
  readonly step: string;
  readonly service: string;
  /** One line: what, where, and what to do. */
  readonly message: string;
}

/** A plan step whose services are compose service names of the target. */
export interface ResolvedStep extends Omit<PlanStep, 'services'> {
  readonly services: readonly string[];
}

/** How a service must be before its dependents may go on: the strongest `depends_on` condition on it. */
export type Readiness = 'healthy' | 'running' | 'completed';

export interface ResolvedPlan {
  readonly plan: Plan;
  readonly steps: readonly ResolvedStep[];
  readonly findings: readonly PlanFinding[];
  /** For every service in the plan: the services (also in the plan) it depends on. */
  readonly dependsOn: ReadonlyMap<string, readonly string[]>;
  /** For every service in the plan: what "ready" means (healthcheck → healthy; else the dependents' conditions). */
  readonly readiness: ReadonlyMap<string, Readiness>;
}

export interface ResolvePlanOptions {
  /**
   * Restricts the plan to these services (the target's running set, e.g. the reference stack's `core`).
   * Services of the compose file outside it are skipped with an `info` finding. @default every active service
   */
  readonly targetServices?: readonly string[];
}

/** Maps plan spellings to compose services, drops services the target does not run, and derives dependencies. */
export function resolvePlan(plan: Plan, inventory: Pick<Inventory, 'services' | 'inactiveServices'>, options: ResolvePlanOptions = {}): ResolvedPlan {
  const byName = new Map(inventory.services.map((s) => [s.name, s]));
  const inactive = new Set(inventory.inactiveServices);
  const target = options.targetServices ? new Set(options.targetServices) : undefined;
  const findings: PlanFinding[] = [];
  const steps: ResolvedStep[] = [];
  for (const step of plan.steps) {
    const services: string[] = [];
    for (const written of step.services) {
      const rename = plan.renames[written];
      const name = rename?.to ?? written;
      if (rename) findings.push({ severity: 'info', kind: 'renamed', step: step.id, service: name, message: `${step.id}: "${written}" is "${name}" in the compose file (${rename.reason})` });
      if (!byName.has(name) && !inactive.has(name)) {
        const suggestion = closestMatch(name, [...byName.keys(), ...inactive]);
        findings.push({
          severity: 'error',
          kind: 'unknown-service',
          step: step.id,
          service: name,
          message: `${step.id}: the plan names "${written}", which is not a service of the compose file${suggestion ? `; did you mean "${suggestion}"? (add a rename to the plan)` : ''}`,
        });
        continue;
      }
      if (target && !target.has(name)) {
        findings.push({ severity: 'info', kind: 'not-in-target', step: step.id, service: name, message: `${step.id}: "${name}" is not part of the target's service set; skipped` });
        continue;
      }
      if (inactive.has(name)) {
        findings.push({ severity: 'warning', kind: 'inactive-service', step: step.id, service: name, message: `${step.id}: "${name}" is disabled by the compose profiles in use; skipped (activate its profile to rebuild it)` });
        continue;
      }
      services.push(name);
    }
    if (services.length > 0) steps.push({ ...step, services });
  }
  const inPlan = new Set(steps.flatMap((s) => s.services));
  const dependsOn = new Map<string, string[]>();
  const conditions = new Map<string, DependencyCondition[]>();
  for (const name of inPlan) {
    const spec = byName.get(name)!;
    dependsOn.set(name, spec.dependsOn.map((d) => d.service).filter((d) => inPlan.has(d)));
    for (const d of spec.dependsOn) conditions.set(d.service, [...(conditions.get(d.service) ?? []), d.condition]);
  }
  const readiness = new Map<string, Readiness>();
  for (const name of inPlan) readiness.set(name, readinessOf(byName.get(name)!, conditions.get(name) ?? []));
  return { plan, steps, findings, dependsOn, readiness };
}

function readinessOf(spec: ServiceSpec, conditions: readonly DependencyCondition[]): Readiness {
  if (spec.healthcheck) return 'healthy';
  if (conditions.includes('service_completed_successfully')) return 'completed';
  return 'running';
}
