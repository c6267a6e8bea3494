// What phasegate needs from docker compose, as data: every call returns a result, none throws on a failed command.
import type { ComposeDriver } from './container-name.js';

/** The compose subcommand a result belongs to. */
export type ComposeStep = 'build' | 'up' | 'down' | 'stop' | 'start' | 'restart' | 'ps';

/** How one compose (or docker) command ended. Never thrown; see {@link composeOrThrow}. */
export interface ComposeResult {
  readonly step: ComposeStep;
  /** The command line that ran, secret-masked (`docker-compose -p pg -f a.yml up -d api`). */
  readonly command: string;
  /** Exit code; undefined when the process was killed (timeout) or could not be spawned. */
  readonly exitCode: number | undefined;
  /** True when the per-call timeout killed the command. */
  readonly timedOut: boolean;
  /** Wall time of the command, in milliseconds. */
  readonly durationMs: number;
  /** Last 40 lines of stdout, each at most 1000 characters, secret-masked. */
  readonly stdoutTail: string;
  /** Last 40 lines of stderr (compose writes its progress there), secret-masked. */
  readonly stderrTail: string;
}

/** Health as `docker ps` reports it in its status column. */
export type ComposePsHealth = 'healthy' | 'unhealthy' | 'starting' | 'none';

/** One container of the project, as listed by {@link ComposeClient.ps}. */
export interface ComposePsEntry {
  /** Full container id. */
  readonly id: string;
  /** Container name without the leading slash. */
  readonly name: string;
  /** Compose service (label `com.docker.compose.service`). */
  readonly service: string;
  /** Docker state: created, running, restarting, exited, paused, dead. */
  readonly state: string;
  /** Human status column (`Up 3 seconds (healthy)`). */
  readonly status: string;
  readonly health: ComposePsHealth;
}

/** Result of {@link ComposeClient.ps}: the command result plus the parsed containers (empty when it failed). */
export interface ComposePsResult extends ComposeResult {
  readonly containers: readonly ComposePsEntry[];
}

/** Bounds one call. */
export interface ComposeCallOptions {
  /** Kill the command after this many milliseconds. @default the client's `defaultTimeoutMs` */
  readonly timeoutMs?: number;
}

/** Options of {@link ComposeClient.build}. */
export interface ComposeBuildOptions extends ComposeCallOptions {
  /** Pass `--no-cache`. @default false */
  readonly noCache?: boolean;
  /** Build args, one `--build-arg NAME=value` each (e.g. `{ BUILD_FAIL: '1' }`, the reference twins' failing build). @default {} */
  readonly buildArgs?: Readonly<Record<string, string>>;
}

/** Options of {@link ComposeClient.up} (always detached: `up -d`). */
export interface ComposeUpOptions extends ComposeCallOptions {
  /** Pass `--no-deps`: do not start linked services. @default false */
  readonly noDeps?: boolean;
  /** Pass `--build`: build images before starting. @default false */
  readonly build?: boolean;
  /** Pass `--force-recreate`. @default false */
  readonly forceRecreate?: boolean;
}

/** Options of {@link ComposeClient.down}. */
export interface ComposeDownOptions extends ComposeCallOptions {
  /** Pass `-v`: remove named and anonymous volumes. @default false */
  readonly volumes?: boolean;
  /** Pass `--remove-orphans`. @default true */
  readonly removeOrphans?: boolean;
}

/** docker compose for one project. Implementations: {@link ExecaComposeClient}, {@link MissingComposeClient}. */
export interface ComposeClient {
  /** The compose project name (`-p`). */
  readonly projectName: string;
  /** The flavour in use (detected on first use when configured as `auto`). */
  driver(): Promise<ComposeDriver>;
  /** `build [--no-cache] [services…]`; no services builds every service that has a `build:`. */
  build(services?: readonly string[], options?: ComposeBuildOptions): Promise<ComposeResult>;
  /** `up -d [--no-deps] [--build] [--force-recreate] [services…]`. */
  up(services?: readonly string[], options?: ComposeUpOptions): Promise<ComposeResult>;
  /** `down [-v] [--remove-orphans]`. */
  down(options?: ComposeDownOptions): Promise<ComposeResult>;
  stop(services?: readonly string[], options?: ComposeCallOptions): Promise<ComposeResult>;
  start(services?: readonly string[], options?: ComposeCallOptions): Promise<ComposeResult>;
  restart(services?: readonly string[], options?: ComposeCallOptions): Promise<ComposeResult>;
  /** Every container of the project, running or not (by compose labels, so v1 and v2 answer alike). */
  ps(options?: ComposeCallOptions): Promise<ComposePsResult>;
}
