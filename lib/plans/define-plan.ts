import { ConfigError } from '../common/errors.js';
import { planSchema, type Plan, type PlanInput } from './schema.js';

/**
 * Validates a plan written as data and fills in defaults. Throws a {@link ConfigError} naming the plan,
 * the dotted path and the rule; duplicate step ids and a service listed twice are errors too.
 */
export function definePlan(input: PlanInput, file = `plan ${input.id}`): Plan {
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    throw new ConfigError(`${file}: ${path || '(root)'}: ${issue.message}`, { file, path, hint: 'see lib/plans/schema.ts for the plan format' });
  }
  const plan = parsed.data;
  const seenSteps = new Set<string>();
  const seenServices = new Map<string, string>();
  plan.steps.forEach((step, i) => {
    if (seenSteps.has(step.id)) throw new ConfigError(`${file}: steps.${i}.id: step id "${step.id}" is used twice`, { file, path: `steps.${i}.id`, hint: 'give every step its own id' });
    seenSteps.add(step.id);
    step.services.forEach((service, j) => {
      const earlier = seenServices.get(service);
      if (earlier !== undefined) {
        throw new ConfigError(`${file}: steps.${i}.services.${j}: "${service}" is already in step ${earlier}`, { file, path: `steps.${i}.services.${j}`, hint: 'a plan rebuilds each service once' });
      }
      seenServices.set(service, step.id);
    });
  });
  return plan;
}
