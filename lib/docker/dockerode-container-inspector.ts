// ContainerInspector over the Docker Engine API (dockerode). Every call is bounded: a hung daemon never hangs a gate.
import Docker from 'dockerode';
import { PrerequisiteError, TimeoutError } from '../common/errors.js';
import { createLogger } from '../common/logger.js';
import { maskDeep, maskSecrets } from '../common/secrets.js';
import type { ContainerDetails, ContainerInspector, ContainerMemoryStats, HealthLogEntry, HealthState, LogLine, PublishedPort } from './container-inspector.js';
import { demuxDockerLogs } from './demux-docker-logs.js';
import { LIFECYCLE_ACTIONS, parseDockerEvents, type ContainerEventSource, type ContainerEventWatch } from './container-events.js';
import { DockerApiError } from './docker-api-error.js';

const log = createLogger('phasegate:docker');

/** Options of {@link DockerodeContainerInspector}. */
export interface DockerodeContainerInspectorOptions {
  /** Bound on every Docker API call, connect to last byte of the answer, in milliseconds. @default 10000 */
  readonly callTimeoutMs?: number;
  /** How the daemon is named in messages. @default the Dockerode's socket path or `tcp://host:port` (see {@link describeDockerEndpoint}) */
  readonly endpoint?: string;
  /** DOCKER_HOST as the operator set it, quoted in hints. @default process.env.DOCKER_HOST */
  readonly dockerHost?: string;
}

/** Where a Dockerode talks to: its unix socket path, or `protocol://host:port`. */
export function describeDockerEndpoint(docker: Docker): string {
  const modem = (docker as unknown as { modem?: { socketPath?: unknown; host?: string; port?: number | string; protocol?: string } }).modem;
  if (typeof modem?.socketPath === 'string') return modem.socketPath;
  // docker-modem resolves its default socket lazily ($HOME/.docker/run/docker.sock, else /var/run/docker.sock).
  if (typeof modem?.socketPath === 'function') return '/var/run/docker.sock';
  if (modem?.host) return `${modem.protocol ?? 'http'}://${modem.host}${modem.port ? `:${modem.port}` : ''}`;
  return 'the Docker daemon';
}

/** Healthcheck runs kept in {@link ContainerDetails.healthLog}. */
const HEALTH_LOG_ENTRIES = 5;

function toHealth(status: string | undefined): HealthState {
  return status === 'healthy' || status === 'unhealthy' || status === 'starting' ? status : 'none';
}

function envRecord(env: readonly string[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of env ?? []) {
    const at = entry.indexOf('=');
    if (at > 0) out[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return maskDeep(out);
}

/** Maps a dockerode inspect answer to {@link ContainerDetails}. Exported for tests. */
export function toContainerDetails(info: Docker.ContainerInspectInfo): ContainerDetails {
  const health = info.State.Health;
  const healthLog: HealthLogEntry[] = (health?.Log ?? []).slice(-HEALTH_LOG_ENTRIES).map((entry) => ({
    exitCode: entry.ExitCode,
    output: maskSecrets(entry.Output.trim().slice(0, 500)),
    start: entry.Start,
  }));
  const last = healthLog.at(-1);
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    service: info.Config.Labels?.['com.docker.compose.service'] ?? info.Name.replace(/^\//, ''),
    state: info.State.Status,
    health: toHealth(health?.Status),
    restartCount: info.RestartCount,
    startedAt: info.State.StartedAt,
    imageId: info.Image,
    image: info.Config.Image,
    exitCode: info.State.ExitCode,
    healthLog,
    env: envRecord(info.Config.Env),
    pid: info.State.Pid ?? 0,
    networkMode: info.HostConfig?.NetworkMode ?? '',
    security: {
      privileged: info.HostConfig?.Privileged === true,
      capAdd: ((info.HostConfig?.CapAdd as string[] | null | undefined) ?? []).map((c: string) => c.toUpperCase().replace(/^CAP_/, '')),
      user: info.Config.User ?? '',
    },
    mounts: (info.Mounts ?? []).map((m) => ({ type: m.Type, ...(m.Name ? { name: m.Name } : {}), source: m.Source, destination: m.Destination, readOnly: m.RW === false })),
    publishedPorts: publishedPorts(info.NetworkSettings?.Ports),
    ...(last ? { lastHealthOutput: `exit ${last.exitCode}: ${last.output}` } : {}),
  };
}

function publishedPorts(ports: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | undefined): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    const [port, protocol = 'tcp'] = key.split('/');
    for (const b of bindings ?? []) {
      const hostPort = Number(b.HostPort);
      if (Number.isInteger(hostPort) && hostPort > 0) out.push({ containerPort: Number(port), protocol, hostIp: b.HostIp || '0.0.0.0', hostPort });
    }
  }
  return out;
}

/** A network or volume as `docker network ls` / `docker volume ls` list it. */
export interface DockerResource {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** ContainerInspector over the Docker API; pass a `Dockerode` for another socket (default `/var/run/docker.sock`). */
export class DockerodeContainerInspector implements ContainerInspector, ContainerEventSource {
  readonly #callTimeoutMs: number;
  readonly #endpoint: string;
  readonly #dockerHost: string;

  constructor(
    private readonly docker: Docker = new Docker(),
    options: DockerodeContainerInspectorOptions = {},
  ) {
    this.#callTimeoutMs = options.callTimeoutMs ?? 10_000;
    this.#endpoint = options.endpoint ?? describeDockerEndpoint(docker);
    const dockerHost = 'dockerHost' in options ? options.dockerHost : process.env.DOCKER_HOST;
    this.#dockerHost = dockerHost ? `DOCKER_HOST=${dockerHost}` : 'DOCKER_HOST is unset (default socket)';
  }

  async listProject(project: string): Promise<ContainerDetails[]> {
    const list = await this.#bounded('list containers', `project ${project}`, (signal) =>
      this.docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] }, abortSignal: signal }),
    );
    const details = await Promise.all(list.map((c) => this.inspect(c.Id)));
    return details.sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name));
  }

  async inspect(idOrName: string): Promise<ContainerDetails> {
    const info = await this.#bounded('inspect', idOrName, (signal) => this.docker.getContainer(idOrName).inspect({ abortSignal: signal }));
    return toContainerDetails(info);
  }

  async logsTail(idOrName: string, lines: number): Promise<LogLine[]> {
    const raw: unknown = await this.#bounded('logs', idOrName, (signal) =>
      this.docker.getContainer(idOrName).logs({ stdout: true, stderr: true, timestamps: true, tail: lines, follow: false, abortSignal: signal }),
    );
    const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw));
    return demuxDockerLogs(buffer, { timestamps: true }).slice(-lines);
  }

  /** Log lines of a container written in the last `sinceSeconds` seconds (`docker logs --since`), oldest first. */
  async logsSince(idOrName: string, sinceSeconds: number): Promise<LogLine[]> {
    const since = Math.floor(Date.now() / 1000) - Math.max(0, Math.round(sinceSeconds));
    const raw: unknown = await this.#bounded('logs', idOrName, (signal) =>
      this.docker.getContainer(idOrName).logs({ stdout: true, stderr: true, timestamps: true, since, follow: false, abortSignal: signal }),
    );
    const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw));
    return demuxDockerLogs(buffer, { timestamps: true });
  }

  /** Every network of the daemon with its labels (`docker network ls`). */
  async listNetworks(): Promise<DockerResource[]> {
    const list = await this.#bounded('list networks', 'daemon', (signal) => this.docker.listNetworks({ abortSignal: signal } as Parameters<Docker['listNetworks']>[0]));
    return list.map((n) => ({ name: n.Name, labels: n.Labels ?? {} }));
  }

  /** Every volume of the daemon with its labels (`docker volume ls`). */
  async listVolumes(): Promise<DockerResource[]> {
    const answer = await this.#bounded('list volumes', 'daemon', (signal) => this.docker.listVolumes({ abortSignal: signal } as Parameters<Docker['listVolumes']>[0]));
    return (answer.Volumes ?? []).map((v) => ({ name: v.Name, labels: (v.Labels as Record<string, string> | null) ?? {} }));
  }

  async stats(idOrName: string): Promise<ContainerMemoryStats> {
    // abortSignal is honoured by dockerode at runtime but missing from the stats option type.
    const options = { stream: false, 'one-shot': true, abortSignal: undefined as AbortSignal | undefined };
    const stats = await this.#bounded('stats', idOrName, (signal) => this.docker.getContainer(idOrName).stats({ ...options, abortSignal: signal } as { stream: false; 'one-shot': boolean }));
    const cpu = stats.cpu_stats;
    return {
      memoryUsageBytes: workingSetBytes(stats.memory_stats),
      memoryLimitBytes: stats.memory_stats?.limit ?? 0,
      ...(cpu?.cpu_usage?.total_usage !== undefined && cpu.system_cpu_usage !== undefined
        ? { cpu: { totalUsageNs: cpu.cpu_usage.total_usage, systemUsageNs: cpu.system_cpu_usage, onlineCpus: cpu.online_cpus ?? cpu.cpu_usage.percpu_usage?.length ?? 1 } }
        : {}),
    };
  }

  async tagImage(imageIdOrRef: string, repo: string, tag: string): Promise<void> {
    await this.#bounded('tag', `image ${imageIdOrRef}`, (signal) => this.docker.getImage(imageIdOrRef).tag({ repo, tag, abortSignal: signal }));
    log(`tagged ${imageIdOrRef} as ${repo}:${tag}`);
  }

  async untagImage(ref: string): Promise<void> {
    try {
      // Removing a reference that is one of several tags only untags; noprune keeps untagged parents.
      await this.#bounded('untag', `image ${ref}`, () => this.docker.getImage(ref).remove({ noprune: true }));
      log(`removed tag ${ref}`);
    } catch (error) {
      if (error instanceof DockerApiError && error.statusCode === 404) return;
      throw error;
    }
  }

  async imageId(ref: string): Promise<string | undefined> {
    try {
      // Image inspect takes no abort signal (dockerode would send it as a query parameter); the race still bounds it.
      const info = await this.#bounded('inspect image', `image ${ref}`, () => this.docker.getImage(ref).inspect());
      return info.Id;
    } catch (error) {
      if (error instanceof DockerApiError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  /** Collects the project's lifecycle events live from now until `stop()` (the connection stays open meanwhile). */
  async watch(project: string): Promise<ContainerEventWatch> {
    const controller = new AbortController();
    const stream = await this.#bounded('events', `project ${project}`, () =>
      this.docker.getEvents({
        filters: { type: ['container'], label: [`com.docker.compose.project=${project}`], event: [...LIFECYCLE_ACTIONS] },
        abortSignal: controller.signal,
      } as Parameters<Docker['getEvents']>[0]),
    );
    let text = '';
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
    };
    stream.on('data', onData);
    stream.on('error', () => {}); // the abort on stop() ends the stream with an error
    return {
      stop: async () => {
        stream.off('data', onData);
        controller.abort();
        return parseDockerEvents(text);
      },
    };
  }

  async ping(): Promise<void> {
    // dockerode accepts ping options at runtime; its types only declare the no-argument form.
    const ping = this.docker.ping.bind(this.docker) as unknown as (options: { abortSignal: AbortSignal }) => Promise<unknown>;
    await this.#bounded('ping', 'daemon', (signal) => ping({ abortSignal: signal }));
  }

  // Races the call against a timer and aborts the request on timeout, so neither the caller nor the socket lingers.
  async #bounded<T>(operation: string, target: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new TimeoutError(`Docker API call "${operation}" for ${target} at ${this.#endpoint} did not answer within ${this.#callTimeoutMs}ms`, this.#callTimeoutMs, {
            hint: `is dockerd running and responsive? ${this.#dockerHost}; check \`docker info\`; \`phasegate doctor\` checks the socket`,
          }),
        );
      }, this.#callTimeoutMs);
    });
    try {
      return await Promise.race([call(controller.signal), timeout]);
    } catch (error) {
      throw this.#translate(operation, target, error);
    } finally {
      clearTimeout(timer);
    }
  }

  #translate(operation: string, target: string, error: unknown): unknown {
    if (error instanceof TimeoutError) return error;
    const e = error as { statusCode?: number; code?: string; json?: { message?: string } | null; message?: string };
    if (e.code === 'ECONNREFUSED' || e.code === 'ENOENT' || e.code === 'EACCES') {
      return new PrerequisiteError(`Docker daemon is not reachable at ${this.#endpoint} (${operation} ${target}): ${e.code}`, {
        cause: error,
        hint: e.code === 'EACCES' ? `add the user to the docker group or run with access to ${this.#endpoint}` : `is dockerd running? start it (\`systemctl start docker\`); ${this.#dockerHost}`,
      });
    }
    const reason = e.json?.message ?? e.message ?? String(error);
    if (e.statusCode === 404) {
      return new DockerApiError(operation, target, 404, `Docker ${operation} failed: ${target} not found (${reason})`, {
        cause: error,
        hint: 'is the project up? list its containers with `docker ps -a`',
      });
    }
    return new DockerApiError(operation, target, e.statusCode, `Docker ${operation} failed for ${target}${e.statusCode ? ` (HTTP ${e.statusCode})` : ''}: ${reason}`, { cause: error, hint: 'check `docker info` and the daemon log' });
  }
}

/**
 * Memory in use as `docker stats` shows it: the cgroup's usage minus its inactive page cache (cgroup v2
 * `inactive_file`, v1 `total_inactive_file`). Raw `usage` counts the pages of every file the container wrote: an
 * append-only store such as InfluxDB would look like a leak of its write rate.
 */
export function workingSetBytes(memory: { usage?: number; stats?: Record<string, number> } | undefined): number {
  const usage = memory?.usage ?? 0;
  const inactive = memory?.stats?.inactive_file ?? memory?.stats?.total_inactive_file ?? 0;
  return inactive < usage ? usage - inactive : usage;
}
