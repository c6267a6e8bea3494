// Versions as installed in running containers: `python --version` and `pip show <pkg>` through `docker exec`.
import type { CommandRunner } from '../system/command-runner.js';

/**
 * A runtime reading: the version, or why there is none. `unavailable` = the question could not be asked (no
 * container, no docker, no such executable in the image); otherwise the answer is "not installed".
 */
export type RuntimeReading = { readonly version: string } | { readonly version?: undefined; readonly reason: string; readonly unavailable: boolean };

/** Where runtime versions come from (a container runtime in gates, a fake in tests). */
export interface RuntimeVersionSource {
  /** `python --version` in the service's container (`3.12.8`). */
  pythonVersion(service: string): Promise<RuntimeReading>;
  /** `pip show <pkg>` in the service's container (`2.0.46`); a reason when the package is not installed. */
  pipShow(service: string, pkg: string): Promise<RuntimeReading>;
}

/** The `Name:`/`Version:` fields of `pip show` output (first package only). */
export function parsePipShow(stdout: string): { name?: string; version?: string } {
  const field = (f: string) => new RegExp(`^${f}:\\s*(.+)$`, 'm').exec(stdout)?.[1]?.trim();
  const name = field('Name');
  const version = field('Version');
  return { ...(name ? { name } : {}), ...(version ? { version } : {}) };
}

/** Options of {@link DockerExecVersionSource}. */
export interface DockerExecVersionSourceOptions {
  readonly runner: CommandRunner;
  /** Container name of a service (`data-api` → `homeiq-data-api`); undefined when the service has no container. */
  readonly containerFor: (service: string) => string | undefined;
  /** Bound on one `docker exec`, ms. @default 15000 */
  readonly timeoutMs?: number;
  /** The docker CLI. @default 'docker' */
  readonly docker?: string;
}

/** Reads versions with `docker exec <container> python --version` / `pip show <pkg>`. */
export class DockerExecVersionSource implements RuntimeVersionSource {
  constructor(private readonly options: DockerExecVersionSourceOptions) {}

  async pythonVersion(service: string): Promise<RuntimeReading> {
    const r = await this.#exec(service, ['python', '--version']);
    if ('reason' in r) return r;
    // Python 2 and some 3.x builds print the version on stderr.
    const m = /Python\s+(\S+)/.exec(`${r.stdout}\n${r.stderr}`);
    return m ? { version: m[1]! } : { reason: `\`python --version\` in ${r.container} printed no version: ${JSON.stringify((r.stdout || r.stderr).trim().slice(0, 120))}`, unavailable: false };
  }

  async pipShow(service: string, pkg: string): Promise<RuntimeReading> {
    const r = await this.#exec(service, ['pip', 'show', pkg]);
    if ('reason' in r) return r;
    const shown = parsePipShow(r.stdout);
    if (r.exitCode !== 0 || !shown.version) return { reason: `${pkg} is not installed in ${r.container} (\`pip show ${pkg}\` exit ${r.exitCode}${r.stderr.trim() ? `: ${r.stderr.trim().split('\n')[0]}` : ''})`, unavailable: false };
    return { version: shown.version };
  }

  async #exec(service: string, command: string[]): Promise<{ container: string; exitCode: number | undefined; stdout: string; stderr: string } | { reason: string; unavailable: true }> {
    const container = this.options.containerFor(service);
    if (container === undefined) return { reason: `${service} has no running container in this target`, unavailable: true };
    const docker = this.options.docker ?? 'docker';
    const result = await this.options.runner.run(docker, ['exec', container, ...command], { timeoutMs: this.options.timeoutMs ?? 15_000 });
    const shown = `\`${docker} exec ${container} ${command.join(' ')}\``;
    if (result.notFound) return { reason: `${shown}: ${docker} is not on PATH`, unavailable: true };
    if (result.timedOut) return { reason: `${shown} timed out after ${this.options.timeoutMs ?? 15_000}ms`, unavailable: true };
    // 126/127: the executable is missing in the image (no Python in it), not a verdict on a version.
    if (result.exitCode === 126 || result.exitCode === 127 || /executable file not found|No such container/.test(result.stderr)) {
      return { reason: `${shown} failed (exit ${result.exitCode}): ${result.stderr.trim().split('\n')[0] ?? ''}`, unavailable: true };
    }
    return { container, exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  }
}
