// Shared zod primitives with human messages; every config field is built from these.
import { z } from 'zod';
import { parseDurationMs } from '../inventory/index.js';

const DURATION_MESSAGE = 'Must be a duration like "500ms", "2s", "1m30s" or "1h" (a bare number means milliseconds)';

/** Milliseconds. Accepts `500` (ms), `"500"`, `"500ms"`, `"2s"`, `"1m30s"`, `"1h"`; outputs a number of ms. */
export const durationMs = z.union([z.number(), z.string()], { error: DURATION_MESSAGE }).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : parseDurationMs(value);
  if (ms === null || !Number.isFinite(ms) || ms < 0) {
    ctx.issues.push({ code: 'custom', message: DURATION_MESSAGE, input: value });
    return z.NEVER;
  }
  return ms;
});

/** A TCP port number 1-65535 (numeric strings accepted, for env vars). */
export const port = z.coerce.number({ error: 'Must be a port number 1-65535' })
  .int({ error: 'Must be a port number 1-65535' })
  .min(1, { error: 'Must be a port number 1-65535' })
  .max(65535, { error: 'Must be a port number 1-65535' });

const RATIO_MESSAGE = 'Must be a ratio between 0 and 1 (0.1) or a percentage ("10%")';

/** A fraction 0..1. Accepts `0.1` or `"10%"`. */
export const ratio = z.union([z.number(), z.string()], { error: RATIO_MESSAGE }).transform((value, ctx) => {
  const number = typeof value === 'number' ? value : /^\d+(\.\d+)?%$/.test(value.trim()) ? Number(value.trim().slice(0, -1)) / 100 : Number.NaN;
  if (!Number.isFinite(number) || number < 0 || number > 1) {
    ctx.issues.push({ code: 'custom', message: RATIO_MESSAGE, input: value });
    return z.NEVER;
  }
  return number;
});

/** A percentage 0..100 (`80` means 80 %). */
export const percent = z.number({ error: 'Must be a percentage between 0 and 100' })
  .min(0, { error: 'Must be a percentage between 0 and 100' })
  .max(100, { error: 'Must be a percentage between 0 and 100' });

/** A compose service name (`data-api`). */
export const serviceName = z.string({ error: 'Must be a compose service name' })
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, { error: 'Must be a compose service name (lowercase letters, digits, "-", "_", ".")' });

/** An http(s) URL (`http://localhost:8086`). */
export const url = z.url({ protocol: /^https?$/, error: 'Must be an http(s) URL like "http://localhost:8086"' });

/** An environment variable name (`INFLUXDB_TOKEN`). */
export const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'Must be an environment variable name like "INFLUXDB_TOKEN"' });

/** An HTTP path starting with `/` (`/health`). */
export const httpPath = z.string().regex(/^\/\S*$/, { error: 'Must be an HTTP path starting with "/" like "/health"' });
