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
});

export type GateEnv = z.output<typeof EnvSchema>;

export function readGateEnv(env: Record<string, string | undefined> = process.env): GateEnv {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    throw new ConfigError(`environment: ${key}=${JSON.stringify(env[key])} is invalid: ${issue.message}`, { path: key, hint: key === 'PHASEGATE_TARGET' ? 'use reference or live' : 'use true/false, 1/0, yes/no' });
  }
  return parsed.data;
}
