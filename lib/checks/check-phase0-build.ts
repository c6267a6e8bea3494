// Phase 0, Stories 4 and 5: BuildKit present and working (P0-S4-AC1c) and the build environment variables of 000
// Task 5.1 (P0-S5-AC1a-c), judged from command outcomes and an environment the caller hands in (pure).
import type { CheckResult } from './check-result.js';
import type { ExecOutcome } from './check-phase0-network.js';
import { maskSecrets } from '../common/secrets.js';

/** A command's outcome, plus whether the executable or plugin was missing. */
export interface CommandOutcome extends ExecOutcome {
  /** True when the executable was not found. */
  readonly notFound?: boolean;
}

const firstLine = (text: string) => maskSecrets(text.trim().split('\n', 1)[0] ?? '').slice(0, 200);

/** The installation hint for buildx on Debian/Ubuntu: bookworm's main archive has no buildx package. */
export const BUILDX_HINT = 'install the buildx plugin: `apt-get install docker-buildx` (Debian 13 trixie / Ubuntu) or `docker-buildx-plugin` from Docker\'s apt repository (Debian 12 bookworm has neither in main); then `docker buildx version` must answer';

/**
 * P0-S4-AC1c: 000 L359-363 runs `docker buildx version` and `docker buildx ls`; both must work. `builtin` is an
 * optional `DOCKER_BUILDKIT=1 docker build` of a one-line Dockerfile: when it works without buildx the message says
 * so (the daemon's BuildKit is functional), but the criterion still fails, because the plan's commands need buildx.
 */
export function checkBuildkit(buildxVersion: CommandOutcome, buildxLs: CommandOutcome | undefined, options: { /** @default 'P0-S4-AC1c' */ readonly criterionId?: string; readonly builtin?: CommandOutcome } = {}): CheckResult {
  const base = { criterionId: options.criterionId ?? 'P0-S4-AC1c', title: 'BuildKit (docker buildx) enabled and functional', limit: '`docker buildx version` and `docker buildx ls` exit 0' };
  const builtin = options.builtin === undefined ? '' : options.builtin.exitCode === 0 ? '; the daemon\'s own BuildKit works (`DOCKER_BUILDKIT=1 docker build` of a one-line Dockerfile exit 0), but the plan\'s `docker buildx` commands do not' : `; \`DOCKER_BUILDKIT=1 docker build\` failed too (exit ${options.builtin.exitCode ?? 'none'}: ${firstLine(options.builtin.stderr || options.builtin.stdout)})`;
  if (buildxVersion.exitCode !== 0) {
    const why = buildxVersion.notFound ? 'the docker CLI is not installed' : `exit ${buildxVersion.exitCode ?? 'none'}: ${firstLine(buildxVersion.stderr || buildxVersion.stdout)}`;
    return { ...base, status: 'failed', measurement: buildxVersion.exitCode ?? -1, message: `\`docker buildx version\` failed (${why})${builtin}. hint: ${BUILDX_HINT}` };
  }
  const version = /v?(\d+\.\d+(?:\.\d+)?)/.exec(buildxVersion.stdout)?.[1] ?? firstLine(buildxVersion.stdout);
  if (buildxLs && buildxLs.exitCode !== 0) {
    return { ...base, status: 'failed', measurement: version, message: `buildx ${version} is installed but \`docker buildx ls\` failed (exit ${buildxLs.exitCode ?? 'none'}: ${firstLine(buildxLs.stderr || buildxLs.stdout)}). hint: docker buildx create --use` };
  }
  if (options.builtin && options.builtin.exitCode !== 0) {
    return { ...base, status: 'failed', measurement: version, message: `buildx ${version} is installed but a BuildKit build of a one-line Dockerfile failed (exit ${options.builtin.exitCode ?? 'none'}: ${firstLine(options.builtin.stderr || options.builtin.stdout)})` };
  }
  return { ...base, status: 'passed', measurement: version, message: `docker buildx ${version} answers${buildxLs ? `; buildx ls: ${firstLine(buildxLs.stdout)}` : ''}${options.builtin ? '; a BuildKit build of a one-line Dockerfile succeeded' : ''}` };
}

/** 000 Task 5.1 (L449-451): the variables and their exact values. */
export const BUILD_ENV: Readonly<Record<string, { readonly id: string; readonly value: string }>> = {
  DOCKER_BUILDKIT: { id: 'P0-S5-AC1a-c', value: '1' },
  BUILDKIT_PROGRESS: { id: 'P0-S5-AC1a-c', value: 'plain' },
  COMPOSE_DOCKER_CLI_BUILD: { id: 'P0-S5-AC1a-c', value: '1' },
};

/**
 * P0-S5-AC1a-c: one result per variable (all three carry the catalog ID `P0-S5-AC1a-c`), judged in `env` — the environment the gate and its rebuilds run with
 * (criteria.md: "gate process env"; phasegate's compose client inherits it). Exact values.
 */
export function checkBuildEnv(env: Readonly<Record<string, string | undefined>>): CheckResult[] {
  return Object.entries(BUILD_ENV).map(([name, { id, value }]) => {
    const found = env[name];
    const base = { criterionId: id, title: `${name}=${value} in the build environment`, limit: `${name}=${value}` };
    if (found === value) return { ...base, status: 'passed' as const, measurement: found, message: `${name}=${found} is set in the environment the gate and its rebuilds run with` };
    return { ...base, status: 'failed' as const, measurement: found ?? '(unset)', message: `${name} is ${found === undefined ? 'not set' : JSON.stringify(found)} in the environment the gate and its rebuilds run with; 000 Task 5.1 requires ${name}=${value}. hint: export ${name}=${value} (000 L449-451 puts it in ~/.bashrc) before running the gate` };
  });
}
