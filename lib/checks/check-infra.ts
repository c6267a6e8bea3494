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

/**
 * The version number in `docker compose version` / `docker-compose version` output, in any of its forms:
 * `Docker Compose version v2.24.5`, `docker-compose version 1.29.2, build unknown`, `v2.24.5`, `2.24.5-desktop.1`.
 */
export function parseComposeVersion(output: string | undefined): string | undefined {
  return output?.match(/\bv?(\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?)/)?.[1];
}

/** P0-S4-AC1a: Docker Engine ≥ 20.10, from `docker version` (`Server.Version`, e.g. `20.10.24+dfsg1`). */
export function checkDockerVersion(version: string | undefined, options: { /** @default 'P0-S4-AC1a' */ readonly criterionId?: string; /** @default '20.10' */ readonly minimum?: string } = {}): CheckResult {
  return checkVersionAtLeast(options.criterionId ?? 'P0-S4-AC1a', 'Docker Engine', version?.trim().replace(/^v/, ''), options.minimum ?? '20.10', 'upgrade Docker Engine; the plans assume 20.10 or later');
}

/**
 * P0-S4-AC1b: the plans run `docker compose` (v2). A v1 `docker-compose` is reported honestly as a failure
 * of this criterion: v1 cannot even load HomeIQ's compose file (top-level `name:`).
 */
export function checkComposeVersion(output: string | undefined, options: { /** @default 'P0-S4-AC1b' */ readonly criterionId?: string; /** @default '2.0' */ readonly minimum?: string } = {}): CheckResult {
  const version = parseComposeVersion(output);
  const v1 = version !== undefined && version.startsWith('1.');
  return checkVersionAtLeast(
    options.criterionId ?? 'P0-S4-AC1b',
    v1 ? 'Docker Compose (v1, docker-compose)' : 'Docker Compose',
    version,
    options.minimum ?? '2.0',
    'install the compose v2 plugin (docker-compose-plugin); the plans use `docker compose` and HomeIQ\'s compose file has a top-level name:, which v1 cannot load',
  );
}
