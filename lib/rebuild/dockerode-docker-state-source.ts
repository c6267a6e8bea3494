// DockerStateSource over the Docker Engine API (dockerode): lists by the compose project label, images by pattern,
// volumes by label, the build cache from `docker system df`. Thin: the mapping is toDockerStateSnapshot (pure).
import Docker from 'dockerode';
import { PrerequisiteError, TimeoutError } from '../common/errors.js';
import { DockerApiError } from '../docker/docker-api-error.js';
import { globMatch, splitReference, type DockerStateSnapshot, type DockerStateSource, type TeardownScope } from './teardown-state.js';

const PROJECT = 'com.docker.compose.project';
const VOLUME = 'com.docker.compose.volume';

/** The raw answers of the Docker API calls a snapshot needs (a subset of their fields). */
export interface RawDockerState {
  readonly containers: ReadonlyArray<{ Id: string; Names?: string[]; Image: string; State: string; Labels?: Record<string, string> | null }>;
  readonly images: ReadonlyArray<{ Id: string; RepoTags?: string[] | null; Labels?: Record<string, string> | null; Size?: number }>;
  readonly networks: ReadonlyArray<{ Id: string; Name: string; Labels?: Record<string, string> | null }>;
  readonly volumes: ReadonlyArray<{ Name: string; Labels?: Record<string, string> | null }>;
  /** `GET /system/df` answer; only `BuildCache` is read. Null when the call failed. */
  readonly df: { BuildCache?: ReadonlyArray<{ Size?: number; InUse?: boolean }> | null } | null;
}

const isDangling = (tags: readonly string[] | null | undefined) => !tags || tags.length === 0 || tags.every((t) => t === '<none>:<none>');

/** Maps raw Docker API answers to a snapshot of the scope (pure). */
export function toDockerStateSnapshot(raw: RawDockerState, scope: TeardownScope, takenAt: string): DockerStateSnapshot {
  const pattern = scope.imagePattern ?? '*homeiq*';
  const names = new Set(scope.networkNames ?? []);
  const cache = raw.df?.BuildCache ?? null;
  return {
    project: scope.project,
    takenAt,
    containers: raw.containers.filter((c) => c.Labels?.[PROJECT] === scope.project).map((c) => ({
      id: c.Id, name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''), service: c.Labels?.['com.docker.compose.service'] ?? null, state: c.State, image: c.Image,
    })),
    images: raw.images
      .filter((i) => !isDangling(i.RepoTags) && (i.Labels?.[PROJECT] === scope.project || (i.RepoTags ?? []).some((t) => globMatch(pattern, splitReference(t).repository))))
      .map((i) => ({ id: i.Id, repoTags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'), project: i.Labels?.[PROJECT] ?? null, sizeBytes: i.Size ?? 0 })),
    danglingImages: raw.images.filter((i) => isDangling(i.RepoTags)).length,
    networks: raw.networks.filter((n) => n.Labels?.[PROJECT] === scope.project || names.has(n.Name)).map((n) => ({ id: n.Id, name: n.Name, project: n.Labels?.[PROJECT] ?? null })),
    volumes: raw.volumes
      .filter((v) => v.Labels?.[PROJECT] === scope.project || (!v.Labels?.[PROJECT] && v.Name.startsWith(`${scope.project}_`)))
      .map((v) => ({ name: v.Name, project: v.Labels?.[PROJECT] ?? null, composeVolume: v.Labels?.[VOLUME] ?? (v.Name.startsWith(`${scope.project}_`) ? v.Name.slice(scope.project.length + 1) : null) })),
    buildCache: cache === null ? null : {
      records: cache.length,
      bytes: cache.reduce((sum, r) => sum + (r.Size ?? 0), 0),
      unusedRecords: cache.filter((r) => !r.InUse).length,
      unusedBytes: cache.filter((r) => !r.InUse).reduce((sum, r) => sum + (r.Size ?? 0), 0),
    },
  };
}

/** Options of {@link DockerodeDockerStateSource}. */
export interface DockerodeDockerStateSourceOptions {
  /** Bound on each Docker API call, in milliseconds. @default 30000 (`system df` walks every layer) */
  readonly callTimeoutMs?: number;
}

/** Reads a {@link DockerStateSnapshot} through the Docker API; every call is bounded. */
export class DockerodeDockerStateSource implements DockerStateSource {
  readonly #timeoutMs: number;

  constructor(private readonly docker: Docker = new Docker(), options: DockerodeDockerStateSourceOptions = {}) {
    this.#timeoutMs = options.callTimeoutMs ?? 30_000;
  }

  async snapshot(scope: TeardownScope): Promise<DockerStateSnapshot> {
    const label = { label: [`${PROJECT}=${scope.project}`] };
    const [containers, images, networks, volumes, df] = await Promise.all([
      this.#bounded('list containers', () => this.docker.listContainers({ all: true, filters: label })),
      this.#bounded('list images', () => this.docker.listImages({ all: false })),
      this.#bounded('list networks', () => this.docker.listNetworks()),
      this.#bounded('list volumes', () => this.docker.listVolumes()),
      // An old daemon without BuildKit answers df without BuildCache; a failed df leaves the cache unknown.
      this.#bounded('system df', () => this.docker.df() as Promise<RawDockerState['df']>).catch(() => null),
    ]);
    return toDockerStateSnapshot({ containers, images, networks, volumes: volumes.Volumes ?? [], df }, scope, new Date().toISOString());
  }

  async #bounded<T>(operation: string, call: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`Docker API call "${operation}" did not answer within ${this.#timeoutMs}ms`, this.#timeoutMs, { hint: 'is dockerd running and responsive? check `docker info`' })), this.#timeoutMs);
    });
    try {
      return await Promise.race([call(), timeout]);
    } catch (error) {
      if (error instanceof TimeoutError) throw error;
      const e = error as { code?: string; statusCode?: number; message?: string };
      if (e.code === 'ECONNREFUSED' || e.code === 'ENOENT' || e.code === 'EACCES') throw new PrerequisiteError(`Docker daemon is not reachable (${operation}): ${e.code}`, { cause: error, hint: 'is dockerd running? `phasegate doctor` checks the socket' });
      throw new DockerApiError(operation, 'daemon', e.statusCode, `Docker ${operation} failed: ${e.message ?? String(error)}`, { cause: error, hint: 'check `docker info` and the daemon log' });
    } finally {
      clearTimeout(timer);
    }
  }
}
