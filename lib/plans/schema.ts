// Rebuild plans as data: the steps a planning document prescribes for a phase, in its order, with its own
// fixed waits kept for the record (and for the replay benchmark), never for scheduling.
import { z } from 'zod';

const serviceName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'a compose service name (letters, digits, `_`, `.`, `-`)');

/** One step of a plan: services rebuilt (or restarted) one after the other, or as one parallel batch. */
export const planStepSchema = z.strictObject({
  /** Step id, unique in the plan (`P1-S4`). */
  id: z.string().min(1),
  title: z.string().min(1),
  /** `rebuild`: build without cache, recreate, wait healthy. `restart`: restart the container, wait healthy. */
  action: z.enum(['rebuild', 'restart']),
  /** Services as the plan spells them; resolved against the target's compose file by `resolvePlan`. */
  services: z.array(serviceName).min(1),
  /** `sequential`: one service after the other; `parallel`: one batch (parallel builds, then all recreated). @default 'sequential' */
  mode: z.enum(['sequential', 'parallel']).default('sequential'),
  /** The plan's fixed sleep after each service (sequential) or after the batch (parallel), in seconds. Recorded, never slept. @default 0 */
  planWaitS: z.number().nonnegative().default(0),
  /** Criterion ids this step's outcome decides (`P1-S4-AC1`). @default [] */
  criteria: z.array(z.string()).default([]),
  /** Where the plan says so (`002 L178-257`). */
  source: z.string().min(1),
});

/** A phase's rebuild plan. */
export const planSchema = z.strictObject({
  /** Plan id (`phase1`); suites pick their plan by it. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  /** Documents the plan was taken from (`002 Stories 3-10; 001 §1.3-1.6`). */
  source: z.string().min(1),
  /**
   * Plan spellings that are not compose service names, mapped to the real name, with the reason
   * (criteria.md §D4). The report lists every rename. @default {}
   */
  renames: z.record(z.string(), z.strictObject({ to: serviceName, reason: z.string().min(1) })).default({}),
  steps: z.array(planStepSchema).min(1),
});

export type PlanStep = z.output<typeof planStepSchema>;
export type Plan = z.output<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;
