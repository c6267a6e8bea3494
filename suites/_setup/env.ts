// Environment switches of a gate run, parsed through a schema (no ad-hoc `=== 'true'` elsewhere).
import { z } from 'zod';
import { ConfigError } from '../../lib/common/errors.js';

const EnvSchema = z.object({
  /** `reference` (default) or `live`. */
  PHASEGATE_TARGET: z.enum(['reference', 'live']).default('reference'),
  /** Leave the reference stack running after the gate. @default false */
  PHASEGATE_KEEP_STACK: z.stringbool().default(false),
  /** Use an already running, healthy reference stack instead of building and starting one. @default false */
  PHASEGATE_REUSE_STACK: z.stringbool().default(false),
  /** Bound on build + start + health of the reference stack, in ms. @default 240000 */
  PHASEGATE_STARTUP_TIMEOUT_MS: z.coerce.number().int().positive().default(240_000),
  /** Run the phase's rebuild plan as the setup hook. @default true on reference (live targets need an explicit true) */
  PHASEGATE_REBUILD: z.stringbool().optional(),
  /**
   * Which deployment day (001 §Deployment Plan, 1-5) the `deploy` suite rebuilds (lib/plans/deploy.ts); other suites
   * ignore it. The report's rebuild timeline names the plan (`deploy-day2`). @default 1
   */
  PHASEGATE_DEPLOY_DAY: z.coerce.number().int().min(1).max(5).default(1),
  /**
   * The per-run half of the permission a destructive step on `live` needs (with config `live.allowDestructive` and a
   * recent verified backup under `live.backupDir`); ignored on reference. @default false
   */
  PHASEGATE_ALLOW_DESTRUCTIVE: z.stringbool().default(false),
  /** Continue an interrupted rebuild instead of rolling it back first. @default false */
  PHASEGATE_REBUILD_RESUME: z.stringbool().default(false),
  /** Extra build args per service, JSON (`{"data-api":{"BUILD_FAIL":"1"}}`): the reference stack's rebuild fault knobs. @default none */
  PHASEGATE_REBUILD_BUILD_ARGS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined;
      try {
        return z.record(z.string(), z.record(z.string(), z.string())).parse(JSON.parse(raw));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of service → { ARG: "value" }' });
        return z.NEVER;
      }
    }),
});

export type GateEnv = z.output<typeof EnvSchema>;

export function readGateEnv(env: Record<string, string | undefined> = process.env): GateEnv {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    throw new ConfigError(`environment: ${key}=${JSON.stringify(env[key])} is invalid: ${issue.message}`, { path: key, hint: key === 'PHASEGATE_TARGET' ? 'use reference or live' : key === 'PHASEGATE_REBUILD_BUILD_ARGS' ? 'e.g. {"data-api":{"BUILD_FAIL":"1"}}' : key === 'PHASEGATE_DEPLOY_DAY' ? 'use a deployment day 1-5' : 'use true/false, 1/0, yes/no' });
  }
  return parsed.data;
}
