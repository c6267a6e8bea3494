// Where the container checks read Docker state from: a small interface, so checks run on fakes in tests.

/** What the checks need to know about one container (a subset of lib/docker's ContainerState). */
export interface ContainerSnapshot {
  /** Compose service name (`data-api`). */
  readonly service: string;
  /** Container name (`homeiq-data-api`). */
  readonly name: string;
  /** Docker state: running, exited, restarting, … */
  readonly state: string;
  /** Docker health: healthy, unhealthy, starting, none (no healthcheck). */
  readonly health: string;
  /** Docker's RestartCount. */
  readonly restartCount: number;
  /** ISO time the container (re)started last. */
  readonly startedAt: string;
  /** Container id; a changed id means the container was recreated. */
  readonly id?: string;
  /** Exit code of the last run (0 while running). */
  readonly exitCode?: number;
  /** Output of the last healthcheck run, bounded and masked. */
  readonly lastHealthOutput?: string;
}

/** Lists the containers of the target (the compose project). */
export interface ContainerStateSource {
  list(): Promise<readonly ContainerSnapshot[]>;
}

/** Adapts anything with `listProject(project)` (lib/docker's DockerodeContainerInspector) to a source. */
export function projectStateSource(inspector: { listProject(project: string): Promise<readonly ContainerSnapshot[]> }, project: string): ContainerStateSource {
  return { list: () => inspector.listProject(project) };
}

/** True when `value` is a source rather than an array of snapshots. */
export function isStateSource(value: readonly ContainerSnapshot[] | ContainerStateSource): value is ContainerStateSource {
  return !Array.isArray(value) && typeof (value as ContainerStateSource).list === 'function';
}
