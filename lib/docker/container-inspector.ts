// What phasegate needs to know about containers and images; one real implementation: DockerodeContainerInspector.

/** Docker health: `none` when the container has no healthcheck. */
export type HealthState = 'healthy' | 'unhealthy' | 'starting' | 'none';

/** State of one container of a compose project. */
export interface ContainerState {
  /** Full container id. */
  readonly id: string;
  /** Container name without the leading slash (`homeiq-data-api`). */
  readonly name: string;
  /** Compose service name (`data-api`), from the label `com.docker.compose.service`; the container name when unlabelled. */
  readonly service: string;
  /** Docker state: created, running, restarting, exited, paused, dead. */
  readonly state: string;
  readonly health: HealthState;
  /** Times Docker restarted the container under its restart policy. */
  readonly restartCount: number;
  /** ISO time the container (re)started last. */
  readonly startedAt: string;
  /** Image id (`sha256:…`) the container runs. */
  readonly imageId: string;
  /** Image reference from the container config (`homeiq-data-api:reference`); always set by {@link ContainerInspector}. */
  readonly image?: string;
  /** `exit <code>: <output>` of the last healthcheck run, when there is one (bounded, masked). */
  readonly lastHealthOutput?: string;
  /** Exit code of the last run (0 while running). */
  readonly exitCode: number;
}

/** One healthcheck run from `State.Health.Log`. */
export interface HealthLogEntry {
  readonly exitCode: number;
  /** Output, trimmed, at most 500 characters, secret-masked. */
  readonly output: string;
  /** ISO start time of the run. */
  readonly start: string;
}

/** Everything {@link ContainerInspector.inspect} reports on one container. */
export interface ContainerDetails extends ContainerState {
  /** Image reference from the container config (`homeiq-data-api:reference`). */
  readonly image: string;
  /** The last (at most 5) healthcheck runs, oldest first; empty without a healthcheck. */
  readonly healthLog: readonly HealthLogEntry[];
  /** Environment of the container, secret values masked (`API_TOKEN: '***'`). */
  readonly env: Readonly<Record<string, string>>;
  /** Host PID of the container's main process (`State.Pid`); 0 or absent when it is not running. */
  readonly pid?: number;
  /** `HostConfig.NetworkMode` (`host`, `bridge`, `<project>_default`). */
  readonly networkMode?: string;
  /** How the container runs: privileges, added capabilities, user (inspect `HostConfig`, `Config.User`). */
  readonly security?: ContainerSecurity;
  /** Mounts as Docker reports them (`Mounts`). */
  readonly mounts?: readonly ContainerMount[];
  /** Host ports Docker published for the container (`NetworkSettings.Ports`); empty with `network_mode: host`. */
  readonly publishedPorts?: readonly PublishedPort[];
}

/** What a container may do on its host. */
export interface ContainerSecurity {
  /** `HostConfig.Privileged`. */
  readonly privileged: boolean;
  /** `HostConfig.CapAdd`, upper case without the `CAP_` prefix (`NET_ADMIN`). */
  readonly capAdd: readonly string[];
  /** `Config.User` as set (`''` = the image's default, root unless the image sets USER). */
  readonly user: string;
}

/** One mount of a container. */
export interface ContainerMount {
  /** `volume`, `bind`, `tmpfs`, … */
  readonly type: string;
  /** Volume name for `volume` mounts (`phasegate-ref_influxdb_data`); absent otherwise. */
  readonly name?: string;
  /** Host path (bind) or the volume's data path. */
  readonly source: string;
  /** Path inside the container. */
  readonly destination: string;
  readonly readOnly: boolean;
}

/** One published port binding. */
export interface PublishedPort {
  readonly containerPort: number;
  readonly protocol: string;
  /** Host address (`127.0.0.1`, `0.0.0.0`, `::`); `0.0.0.0` when Docker reports none. */
  readonly hostIp: string;
  readonly hostPort: number;
}

/** One demultiplexed log line. */
export interface LogLine {
  readonly stream: 'stdout' | 'stderr';
  /** The line, at most 4096 characters (longer ones end in `… [truncated]`), secret-masked. */
  readonly text: string;
  /** RFC3339Nano time Docker recorded, when timestamps were requested. */
  readonly timestamp?: string;
  /** Set when the line held a secret (a registered value, a token, a key, URL credentials) that masking replaced. */
  readonly secretMasked?: true;
}

/** One-shot memory reading of a container. */
export interface ContainerMemoryStats {
  /** Memory in use, in bytes. */
  readonly memoryUsageBytes: number;
  /** Memory limit (the `mem_limit`, else the host's memory), in bytes. */
  readonly memoryLimitBytes: number;
  /** CPU counters at the reading (cgroup), for a CPU % between two readings (`cpuPercentBetween`). */
  readonly cpu?: CpuCounters;
}

/** Cumulative CPU counters of one stats reading, as the Docker API reports them. */
export interface CpuCounters {
  /** CPU time the container used since it started, in ns (`cpu_stats.cpu_usage.total_usage`). */
  readonly totalUsageNs: number;
  /** CPU time of the whole host, in ns (`cpu_stats.system_cpu_usage`). */
  readonly systemUsageNs: number;
  /** CPUs the container may use (`cpu_stats.online_cpus`). */
  readonly onlineCpus: number;
}

/** Reads containers and images through the Docker API. Every call is bounded in time. */
export interface ContainerInspector {
  /** Every container of the compose project (running or not), by label `com.docker.compose.project`. */
  listProject(project: string): Promise<ContainerDetails[]>;
  /** One container by id or name. */
  inspect(idOrName: string): Promise<ContainerDetails>;
  /** The last `lines` log lines of a container, demultiplexed, oldest first. */
  logsTail(idOrName: string, lines: number): Promise<LogLine[]>;
  /** Memory usage and limit, one-shot (no 2 s CPU sampling). */
  stats(idOrName: string): Promise<ContainerMemoryStats>;
  /** Tags an image (`tagImage('sha256:…', 'homeiq-api', 'pre-rebuild')`). */
  tagImage(imageIdOrRef: string, repo: string, tag: string): Promise<void>;
  /** Removes one tag (`homeiq-api:pre-rebuild-x`) without deleting the image it points to; no error when it is gone. */
  untagImage(ref: string): Promise<void>;
  /** The image id of a reference, or undefined when there is no such image. */
  imageId(ref: string): Promise<string | undefined>;
  /** Resolves when the daemon answers `/_ping`; rejects (bounded) otherwise. */
  ping(): Promise<void>;
}
