// INFRA_CHECK: host and Docker figures against the plans' minimums (pure: the caller measures).
import type { CheckResult } from './check-result.js';
import { versionAtLeast } from '../system/prerequisites.js';

/** A version is at least a minimum (`20.10.24+dfsg1` ≥ `20.10`). */
export function checkVersionAtLeast(criterionId: string, what: string, found: string | undefined, minimum: string, hint?: string): CheckResult {
  const base = { criterionId, title: `${what} version`, limit: `>= ${minimum}` };
  if (!found) return { ...base, status: 'failed', message: `${what} version could not be read; expected >= ${minimum}${hint ? `. hint: ${hint}` : ''}` };
  const ok = versionAtLeast(found, minimum);
  return { ...base, status: ok ? 'passed' : 'failed', measurement: found, message: ok ? `${what} ${found} >= ${minimum}` : `${what} is ${found}; the plan requires >= ${minimum}${hint ? `. hint: ${hint}` : ''}` };
}

/** A measured quantity is at least a minimum (CPU cores, GiB of memory or disk). */
export function checkAtLeast(criterionId: string, what: string, value: number, minimum: number, unit: string, hint?: string): CheckResult {
  const ok = value >= minimum;
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return {
    criterionId,
    title: what,
    status: ok ? 'passed' : 'failed',
    measurement: Number(shown),
    limit: `>= ${minimum} ${unit}`,
    message: ok ? `${what}: ${shown} ${unit} >= ${minimum} ${unit}` : `${what}: ${shown} ${unit}, below the plan's minimum of ${minimum} ${unit}${hint ? `. hint: ${hint}` : ''}`,
  };
}
