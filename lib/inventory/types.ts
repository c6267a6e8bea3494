// The typed result of reading a compose project: what the target *should* look like.

/** Which compose CLI names the containers: v1 `<project>_<service>_1`, v2 `<project>-<service>-1`. */
export type ComposeDriver = 'v1' | 'v2';

/** A published port. `host` is null when compose picks an ephemeral host port (`"3000"`). */
export interface HostPort {
  /** Host port number, or null for an ephemeral port. */
  readonly host: number | null;
  /** Container port number. */
  readonly container: number;
  /** Bound host IP (`127.0.0.1`, `::1`); null means all interfaces. */
  readonly ip: string | null;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
}

/** A healthcheck as docker runs it. Durations in milliseconds, with compose's defaults filled in. */
export interface Healthcheck {
  /** Normalised test: `['CMD', …args]` or `['CMD-SHELL', command]`. */
  readonly test: readonly string[];
  /** @default 30000 */
  readonly intervalMs: number;
  /** @default 30000 */
  readonly timeoutMs: number;
  /** @default 3 */
  readonly retries: number;
  /** @default 0 */
  readonly startPeriodMs: number;
}

/** Compose `depends_on` conditions. */
export type DependencyCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface Dependency {
  readonly service: string;
  /** @default 'service_started' */
  readonly condition: DependencyCondition;
  /** `false` lets compose start without the dependency. @default true */
  readonly required: boolean;
  /** Restart this service when the dependency is updated. @default false */
  readonly restart: boolean;
}

/** A `build:` section, with the context resolved against the compose file's directory. */
export interface BuildSpec {
  /** Context as written (after interpolation). */
  readonly context: string;
  /** Absolute context path (remote git/https contexts are kept as written). */
  readonly contextPath: string;
  /** Dockerfile relative to the context. @default 'Dockerfile' */
  readonly dockerfile: string;
  readonly args: Readonly<Record<string, string | null>>;
  readonly target: string | null;
}

/** A volume mount. `named` volumes live in the top-level `volumes:`; `bind` mounts are host paths. */
export interface VolumeMount {
  readonly type: 'named' | 'bind' | 'anonymous' | 'tmpfs' | 'other';
  /** Volume name or host path (absolute for binds); null for anonymous/tmpfs. */
  readonly source: string | null;
  readonly target: string;
  readonly readOnly: boolean;
}

/** One environment variable of a service. `secret` marks keys that look like credentials. */
export interface EnvironmentVariable {
  readonly name: string;
  /** Value after interpolation; null when compose takes it from the shell and it is unset. */
  readonly value: string | null;
  /** True when the name looks like a token/password/key or is listed in the config's `secrets`. */
  readonly secret: boolean;
  /** `environment` (compose file) or `env_file` (one of the service's env files). */
  readonly from: 'environment' | 'env_file';
}

/** Where a service was defined: file (relative to cwd) and 1-based line. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** One service as compose would run it, for the active profiles. */
export interface ServiceSpec {
  readonly name: string;
  /** Explicit `container_name`, else derived per driver (`homeiq-data-api-1`). */
  readonly containerName: string;
  readonly containerNameExplicit: boolean;
  readonly image: string | null;
  readonly build: BuildSpec | null;
  readonly hostPorts: readonly HostPort[];
  /** Container ports from `expose` (not published on the host). */
  readonly exposed: readonly number[];
  /** Null when the compose file declares none or disables it (`disable: true`, `NONE`). */
  readonly healthcheck: Healthcheck | null;
  readonly dependsOn: readonly Dependency[];
  readonly profiles: readonly string[];
  readonly volumes: readonly VolumeMount[];
  readonly environment: readonly EnvironmentVariable[];
  /** Env files as absolute paths. */
  readonly envFiles: readonly string[];
  /** `mem_limit` or `deploy.resources.limits.memory`, in bytes; null when unlimited. */
  readonly memLimitBytes: number | null;
  readonly networkMode: string | null;
  /** Networks named under the service's `networks:`; null or absent when it names none (compose then joins `default`). */
  readonly networks?: readonly string[] | null;
  readonly restart: string | null;
  readonly source: SourceLocation;
}

/** A top-level named volume. */
export interface VolumeSpec {
  readonly name: string;
  readonly external: boolean;
  /** Docker-level name (`name:` or `<project>_<volume>`). */
  readonly dockerName: string;
}

/** A top-level network. */
export interface NetworkSpec {
  readonly name: string;
  readonly external: boolean;
  /** Docker-level name (`name:` or `<project>_<network>`). */
  readonly dockerName: string;
}

/** Kinds of problems found in a compose project that would break or weaken a rebuild. */
export type AnomalyKind =
  | 'unknown-dependency'
  | 'inactive-dependency'
  | 'duplicate-host-port'
  | 'healthy-condition-without-healthcheck'
  | 'missing-build-context'
  | 'missing-dockerfile'
  | 'missing-env-file'
  | 'hardcoded-secret-default'
  | 'unset-variable';

export interface Anomaly {
  readonly kind: AnomalyKind;
  /** Service concerned, or null for project-level anomalies. */
  readonly service: string | null;
  /** One line: what, where, and what to do. */
  readonly message: string;
}

/** Everything phasegate knows about the target from its compose files. */
export interface Inventory {
  readonly projectName: string;
  readonly driver: ComposeDriver;
  /** Every compose file read (incl. includes and `extends.file`), relative to cwd. */
  readonly files: readonly string[];
  /** Active services, in compose-file order. */
  readonly services: readonly ServiceSpec[];
  /** Names of services that exist but are disabled by profiles. */
  readonly inactiveServices: readonly string[];
  readonly volumes: readonly VolumeSpec[];
  /** Top-level networks (compose's implicit `default` is not listed). @default [] */
  readonly networks?: readonly NetworkSpec[];
  readonly activeProfiles: readonly string[];
  readonly anomalies: readonly Anomaly[];
}
