// The rebuild's durable record: written after every step so an interrupted run can resume and a failed one can be
// rolled back from what was recorded (image ids before the rebuild), never from guesses.
import { z } from 'zod';

export const STEP_NAMES = ['tag', 'build', 'recreate', 'restart', 'ready'] as const;
/** One unit of work on one service. `tag` records the image before the rebuild as `:pre-rebuild-<runId>`. */
export type StepName = (typeof STEP_NAMES)[number];

const timelineEntrySchema = z.strictObject({
  service: z.string(),
  step: z.enum([...STEP_NAMES, 'rollback', 'verify']),
  /** ISO start time. */
  startedAt: z.string(),
  durationMs: z.number(),
  ok: z.boolean(),
  message: z.string().optional(),
});
export type TimelineEntry = z.output<typeof timelineEntrySchema>;

const serviceProgressSchema = z.strictObject({
  wave: z.number().int().nonnegative(),
  /** Plan step id (`P1-S4`). */
  planStep: z.string(),
  action: z.enum(['rebuild', 'restart']),
  /** Image reference compose builds the service into (`homeiq-data-api:reference`). */
  imageRef: z.string().optional(),
  /** Image id the service ran before the rebuild: the rollback target. */
  previousImageId: z.string().optional(),
  /** `<repo>:pre-rebuild-<runId>`, pointing at previousImageId. */
  backupTag: z.string().optional(),
  /** Steps completed, in order. */
  done: z.array(z.enum(STEP_NAMES)),
});
export type ServiceProgress = z.output<typeof serviceProgressSchema>;

const failureSchema = z.strictObject({
  wave: z.number().int(),
  service: z.string(),
  step: z.enum([...STEP_NAMES, 'backup']),
  /** One line. */
  message: z.string(),
  /** Build log tail, health log, container log tail. */
  detail: z.string().optional(),
});
export type RebuildFailure = z.output<typeof failureSchema>;

const rollbackSchema = z.strictObject({
  /** Services restored, in the order they were restored (reverse wave order). */
  services: z.array(z.strictObject({ service: z.string(), imageId: z.string(), recreated: z.boolean(), verified: z.boolean(), message: z.string().optional() })),
  /** True when every restored service passed the health gate again. */
  verified: z.boolean(),
  finishedAt: z.string(),
});
export type RollbackRecord = z.output<typeof rollbackSchema>;

export const rebuildStateSchema = z.strictObject({
  version: z.literal(1),
  runId: z.string().regex(/^[a-z0-9-]+$/),
  planId: z.string(),
  project: z.string(),
  status: z.enum(['running', 'interrupted', 'failed', 'succeeded', 'rolled-back', 'rollback-failed']),
  startedAt: z.string(),
  updatedAt: z.string(),
  waves: z.array(z.array(z.string())),
  services: z.record(z.string(), serviceProgressSchema),
  timeline: z.array(timelineEntrySchema),
  failure: failureSchema.optional(),
  rollback: rollbackSchema.optional(),
});
export type RebuildState = z.output<typeof rebuildStateSchema>;
export type RebuildStatus = RebuildState['status'];

/** True when the service completed everything its action needs. */
export function serviceComplete(p: ServiceProgress): boolean {
  return p.done.includes('ready');
}

/** The first wave with a service that is not complete, or undefined when all are. */
export function nextWave(state: RebuildState): number | undefined {
  const index = state.waves.findIndex((services) => services.some((s) => !serviceComplete(state.services[s]!)));
  return index === -1 ? undefined : index;
}

/** Tags this run created that still exist in the record (for cleanup and orphan checks). */
export function backupTags(state: RebuildState): string[] {
  return Object.values(state.services).flatMap((p) => (p.backupTag ? [p.backupTag] : []));
}
