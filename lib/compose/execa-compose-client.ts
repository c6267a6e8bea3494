// ComposeClient over the compose CLI (v2 plugin or v1 binary) run with execa; results, never exceptions.
import { execa } from 'execa';
import { PrerequisiteError } from '../common/errors.js';
import { createLogger } from '../common/logger.js';
import { maskSecrets } from '../common/secrets.js';
import type { ComposeBuildOptions, ComposeCallOptions, ComposeClient, ComposeDownOptions, ComposePsResult, ComposeResult, ComposeStep, ComposeUpOptions } from './compose-client.js';
import { normalizeProjectName, type ComposeDriver } from './container-name.js';
import { detectComposeDriver } from './detect-compose-driver.js';
import { COMPOSE_MISSING_HINT, COMPOSE_MISSING_MESSAGE, MissingComposeClient } from './missing-compose-client.js';
import { parseDockerPsJsonLines } from './parse-docker-ps.js';

const log = createLogger('phasegate:compose');
const TAIL_LINES = 40;
const MAX_LINE = 1000;

/** Options of {@link ExecaComposeClient}. */
export interface ExecaComposeClientOptions {
  /** Compose project name (`-p`); compose normalizes it (lower case, `a-z0-9_-`). */
  readonly projectName: string;
  /** Compose files (`-f`), absolute or relative to `cwd`. */
  readonly files: readonly string[];
  /** Env file for interpolation (`--env-file`). @default compose's own default (`.env` in the project directory) */
  readonly envFile?: string;
  /** Working directory of the commands. */
  readonly cwd: string;
  /** Which compose to run; `auto` runs `docker compose version`, then `docker-compose version`. @default 'auto' */
  readonly driver?: 'auto' | ComposeDriver;
  /** Extra environment for compose (interpolation variables, build settings), on top of `process.env`. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Timeout of a call that gives none, in milliseconds. @default 600000 */
  readonly defaultTimeoutMs?: number;
}

/** Last `TAIL_LINES` non-empty lines, each bounded, masked. */
export function outputTail(text: string): string {
  return maskSecrets(
    text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .slice(-TAIL_LINES)
      .map((line) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}… [truncated]` : line))
      .join('\n'),
  );
}

/** Runs docker compose for one project. Detects the flavour on first use unless `driver` is given. */
export class ExecaComposeClient implements ComposeClient {
  readonly projectName: string;
  readonly #options: ExecaComposeClientOptions;
  #driver: Promise<ComposeDriver> | undefined;

  constructor(options: ExecaComposeClientOptions) {
    this.#options = options;
    this.projectName = options.projectName;
    if (options.driver && options.driver !== 'auto') this.#driver = Promise.resolve(options.driver);
  }

  driver(): Promise<ComposeDriver> {
    this.#driver ??= detectComposeDriver().then((driver) => {
      if (!driver) throw new PrerequisiteError(COMPOSE_MISSING_MESSAGE, { hint: COMPOSE_MISSING_HINT });
      return driver;
    });
    return this.#driver;
  }

  async build(services: readonly string[] = [], options: ComposeBuildOptions = {}): Promise<ComposeResult> {
    const args = Object.entries(options.buildArgs ?? {}).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]);
    // v1 drives the legacy builder, which keeps the container of a failed step; --force-rm removes it (BuildKit under v2 leaves none).
    const forceRm = (await this.driver()) === 'v1' ? ['--force-rm'] : [];
    return this.#compose('build', [...forceRm, ...(options.noCache ? ['--no-cache'] : []), ...args, ...services], options);
  }

  up(services: readonly string[] = [], options: ComposeUpOptions = {}): Promise<ComposeResult> {
    const flags = ['-d', ...(options.noDeps ? ['--no-deps'] : []), ...(options.build ? ['--build'] : []), ...(options.forceRecreate ? ['--force-recreate'] : [])];
    return this.#compose('up', [...flags, ...services], options);
  }

  down(options: ComposeDownOptions = {}): Promise<ComposeResult> {
    return this.#compose('down', [...(options.volumes ? ['-v'] : []), ...(options.removeOrphans === false ? [] : ['--remove-orphans'])], options);
  }

  stop(services: readonly string[] = [], options: ComposeCallOptions = {}): Promise<ComposeResult> {
    return this.#compose('stop', services, options);
  }

  start(services: readonly string[] = [], options: ComposeCallOptions = {}): Promise<ComposeResult> {
    return this.#compose('start', services, options);
  }

  restart(services: readonly string[] = [], options: ComposeCallOptions = {}): Promise<ComposeResult> {
    return this.#compose('restart', services, options);
  }

  // v1 has no `ps --format json`; the compose labels on the containers answer for both flavours.
  async ps(options: ComposeCallOptions = {}): Promise<ComposePsResult> {
    const project = normalizeProjectName(this.projectName, await this.driver());
    const args = ['ps', '-a', '--no-trunc', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{json .}}'];
    const { result, stdout } = await this.#run('ps', 'docker', args, options);
    return { ...result, containers: result.exitCode === 0 ? parseDockerPsJsonLines(stdout) : [] };
  }

  async #compose(step: ComposeStep, args: readonly string[], options: ComposeCallOptions): Promise<ComposeResult> {
    const driver = await this.driver();
    const { projectName, files, envFile } = this.#options;
    const global = ['-p', projectName, ...files.flatMap((f) => ['-f', f]), ...(envFile ? ['--env-file', envFile] : [])];
    const [file, prefix] = driver === 'v2' ? ['docker', ['compose']] : ['docker-compose', []];
    return (await this.#run(step, file, [...prefix, ...global, step, ...args], options)).result;
  }

  async #run(step: ComposeStep, file: string, args: readonly string[], options: ComposeCallOptions): Promise<{ result: ComposeResult; stdout: string }> {
    const timeoutMs = options.timeoutMs ?? this.#options.defaultTimeoutMs ?? 600_000;
    const command = maskSecrets([file, ...args].join(' '));
    log(`${step}: running ${command} (timeout ${timeoutMs}ms)`);
    const started = performance.now();
    // Own process group: on timeout the whole group is killed, so a grandchild holding the pipes (the PyInstaller
    // child of docker-compose v1, a build step) cannot keep the call waiting past its bound.
    const subprocess = execa(file, args, { cwd: this.#options.cwd, env: { ...this.#options.env }, reject: false, timeout: timeoutMs, stdin: 'ignore', stripFinalNewline: true, detached: true });
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (subprocess.pid !== undefined) process.kill(-subprocess.pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    const term = setTimeout(() => killGroup('SIGTERM'), timeoutMs);
    const kill = setTimeout(() => killGroup('SIGKILL'), timeoutMs + 2_000);
    const out = await subprocess.finally(() => {
      clearTimeout(term);
      clearTimeout(kill);
    });
    const stdout = String(out.stdout ?? '');
    const result: ComposeResult = {
      step,
      command,
      exitCode: out.exitCode,
      timedOut: out.timedOut,
      durationMs: performance.now() - started,
      stdoutTail: outputTail(stdout),
      // A command that could not be spawned has no stderr; its spawn error (ENOENT…) is the useful tail then.
      stderrTail: outputTail(String(out.stderr ?? '') || (out.exitCode === undefined && !out.timedOut ? String(out.shortMessage ?? '') : '')),
    };
    log(`${step}: ran ${command}: ${result.timedOut ? 'timed out' : `exit ${result.exitCode}`} in ${Math.round(result.durationMs)}ms`);
    return { result, stdout };
  }
}

/** An {@link ExecaComposeClient} when a compose flavour is installed, else a {@link MissingComposeClient}. */
export async function createComposeClient(options: ExecaComposeClientOptions): Promise<ComposeClient> {
  const driver = options.driver && options.driver !== 'auto' ? options.driver : await detectComposeDriver();
  if (!driver) return new MissingComposeClient(options.projectName);
  return new ExecaComposeClient({ ...options, driver });
}
