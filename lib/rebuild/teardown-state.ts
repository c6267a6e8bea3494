// What Docker holds of one compose project — containers, images, networks, volumes — plus the host's build cache:
// the snapshot the 003 teardown criteria (RB-TD-1..7) are judged on. The types and the glob matcher are pure; the
// Docker side is the DockerStateSource interface (real adapter: dockerode-docker-state-source.ts).

/** One container of the project (by the `com.docker.compose.project` label). */
export interface TeardownContainer {
  readonly id: string;
  readonly name: string;
  /** `com.docker.compose.service` label; null for a container without it. */
  readonly service: string | null;
  /** Docker state: running, exited, restarting, created, paused, dead. */
  readonly state: string;
  readonly image: string;
}

/** One local image. */
export interface TeardownImage {
  readonly id: string;
  /** `repo:tag` references; empty for a dangling image. */
  readonly repoTags: readonly string[];
  /** `com.docker.compose.project` label of a compose-built image, else null. */
  readonly project: string | null;
  readonly sizeBytes: number;
}

export interface TeardownNetwork {
  readonly id: string;
  readonly name: string;
  /** `com.docker.compose.project` label, else null. */
  readonly project: string | null;
}

export interface TeardownVolume {
  /** Docker volume name (`homeiq_influxdb_data`). */
  readonly name: string;
  /** `com.docker.compose.project` label, else null. */
  readonly project: string | null;
  /** `com.docker.compose.volume` label: the name in the compose file (`influxdb_data`), else null. */
  readonly composeVolume: string | null;
}

/** The host's BuildKit cache (`docker system df`), summed. */
export interface BuildCacheUsage {
  readonly records: number;
  readonly bytes: number;
  /** Records not in use by a running build: what `builder prune -a` removes. */
  readonly unusedRecords: number;
  readonly unusedBytes: number;
}

/** Docker's view of a compose project at one moment. */
export interface DockerStateSnapshot {
  readonly project: string;
  /** ISO time the snapshot was taken. */
  readonly takenAt: string;
  readonly containers: readonly TeardownContainer[];
  /** Images matching the scope's pattern or carrying the project label. */
  readonly images: readonly TeardownImage[];
  /** Dangling images of the whole host (`<none>:<none>`); they cannot be attributed to a project. */
  readonly danglingImages: number;
  /** The project's networks (label) and the extra names of the scope. */
  readonly networks: readonly TeardownNetwork[];
  /** The project's volumes (label), and volumes named `<project>_<name>` without labels. */
  readonly volumes: readonly TeardownVolume[];
  /** Null when the daemon did not report it. */
  readonly buildCache: BuildCacheUsage | null;
}

/** What a snapshot covers. */
export interface TeardownScope {
  /** Compose project name (label `com.docker.compose.project`). */
  readonly project: string;
  /** Image reference glob (`*homeiq*`), matched against each image's repository. @default '*homeiq*' */
  readonly imagePattern?: string;
  /** Network names to report besides the labelled ones (003: `homeiq-network`, `homeiq-network-dev`). @default [] */
  readonly networkNames?: readonly string[];
}

/** Reads a snapshot of the project from Docker. */
export interface DockerStateSource {
  snapshot(scope: TeardownScope): Promise<DockerStateSnapshot>;
}

/** True when `text` matches the glob (`*` any run of characters, `?` one character). */
export function globMatch(glob: string, text: string): boolean {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(text);
}

/** Splits `repo:tag` (a registry port stays in the repository). */
export function splitReference(ref: string): { readonly repository: string; readonly tag: string } {
  const at = ref.lastIndexOf(':');
  if (at > ref.lastIndexOf('/') && at !== -1) return { repository: ref.slice(0, at), tag: ref.slice(at + 1) };
  return { repository: ref, tag: 'latest' };
}
