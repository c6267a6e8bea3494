// The only place environment variables become config values; they go through a schema like the file does.
import { z } from 'zod';

/** Environment variables phasegate reads. Unknown variables are ignored. */
export const EnvOverridesSchema = z.object({
  /** Overrides `target`. */
  PHASEGATE_TARGET: z.enum(['reference', 'live']).optional(),
  /** Overrides `skipRebuild` (`true/false/1/0/yes/no/on/off`). */
  PHASEGATE_SKIP_REBUILD: z.stringbool().optional(),
  /** Overrides `compose.profiles` (comma-separated). */
  PHASEGATE_PROFILES: z.string().transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean)).optional(),
  /** Overrides `gate.wallTimeMs`, in seconds (`0` turns the limit off). */
  PHASEGATE_WALL_TIME_S: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number({ error: 'Must be a number of seconds like 3600' }).nonnegative({ error: 'Must be a number of seconds like 3600' }).optional(),
  ),
  /** Overrides `audit.repoRoot` (the HomeIQ checkout the version audits read). */
  PHASEGATE_REPO_ROOT: z.string().min(1).optional(),
});

/** Parsed overrides. */
export type EnvOverrides = z.output<typeof EnvOverridesSchema>;

/** Applies parsed env overrides to a raw (unvalidated) config object. */
export function applyEnvOverrides(input: Record<string, unknown>, overrides: EnvOverrides): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  if (overrides.PHASEGATE_TARGET !== undefined) out.target = overrides.PHASEGATE_TARGET;
  if (overrides.PHASEGATE_SKIP_REBUILD !== undefined) out.skipRebuild = overrides.PHASEGATE_SKIP_REBUILD;
  if (overrides.PHASEGATE_WALL_TIME_S !== undefined) {
    const gate = typeof input.gate === 'object' && input.gate !== null ? input.gate : {};
    out.gate = { ...gate, wallTimeMs: overrides.PHASEGATE_WALL_TIME_S * 1000 };
  }
  if (overrides.PHASEGATE_PROFILES !== undefined) {
    const compose = typeof input.compose === 'object' && input.compose !== null ? input.compose : {};
    out.compose = { ...compose, profiles: overrides.PHASEGATE_PROFILES };
  }
  if (overrides.PHASEGATE_REPO_ROOT !== undefined) {
    const audit = typeof input.audit === 'object' && input.audit !== null ? input.audit : {};
    out.audit = { ...audit, repoRoot: overrides.PHASEGATE_REPO_ROOT };
  }
  return out;
}
