// Reads container state, health and logs of a compose project through the Docker API (dockerode).
import Docker from 'dockerode';
import { PhasegateError } from '../common/errors.js';
import { maskSecrets } from '../common/secrets.js';

export type HealthState = 'healthy' | 'unhealthy' | 'starting' | 'none';

/** State of one container of a compose project. */
export interface ContainerState {
  readonly id: string;
  /** Container name without the leading slash (`homeiq-data-api`). */
  readonly name: string;
  /** Compose service name (`data-api`). */
  readonly service: string;
  /** Docker state: running, exited, restarting, … */
  readonly state: string;
  readonly health: HealthState;
  readonly restartCount: number;
  /** ISO time the container (re)started last. */
  readonly startedAt: string;
  readonly imageId: string;
  /** Output of the last healthcheck run, when there is one (bounded, masked). */
  readonly lastHealthOutput?: string;
  readonly exitCode: number;
}

/** One demultiplexed log line. */
export interface LogLine {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** What the checks and the stack need to know about containers. */
export interface ContainerInspector {
  /** Every container of the compose project (running or not). */
  listProject(project: string): Promise<ContainerState[]>;
  /** The last `lines` log lines of a container, demultiplexed, each at most 4 KiB. */
  logsTail(idOrName: string, lines: number): Promise<LogLine[]>;
}

const CALL_TIMEOUT_MS = 10_000;
const MAX_LINE = 4096;

/** Bounds a Docker API call: a socket that never answers must not hang a gate. */
async function bounded<T>(what: string, call: Promise<T>, timeoutMs = CALL_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PhasegateError('PHASEGATE_TIMEOUT', `Docker API call "${what}" did not answer within ${timeoutMs}ms`, { hint: 'is the Docker daemon hung? run `phasegate doctor`' })),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Splits a non-TTY Docker log buffer (8-byte multiplex headers: stream byte, 3 zero bytes, UInt32BE length). */
export function demuxDockerLogs(buffer: Buffer): LogLine[] {
  const lines: LogLine[] = [];
  let offset = 0;
  const push = (stream: LogLine['stream'], chunk: string) => {
    for (const text of chunk.split('\n')) if (text.length > 0) lines.push({ stream, text: maskSecrets(text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}… [truncated]` : text) });
  };
  const looksMultiplexed = buffer.length >= 8 && (buffer[0] === 1 || buffer[0] === 2) && buffer[1] === 0 && buffer[2] === 0 && buffer[3] === 0;
  if (!looksMultiplexed) {
    push('stdout', buffer.toString('utf8'));
    return lines;
  }
  while (offset + 8 <= buffer.length) {
    const stream = buffer[offset] === 2 ? 'stderr' : 'stdout';
    const length = buffer.readUInt32BE(offset + 4);
    push(stream, buffer.subarray(offset + 8, offset + 8 + length).toString('utf8'));
    offset += 8 + length;
  }
  return lines;
}

/** ContainerInspector over the Docker API. */
export class DockerodeContainerInspector implements ContainerInspector {
  constructor(private readonly docker: Docker = new Docker()) {}

  async listProject(project: string): Promise<ContainerState[]> {
    const list = await bounded('list containers', this.docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } }));
    return Promise.all(
      list.map(async (c) => {
        const info = await bounded(`inspect ${c.Id.slice(0, 12)}`, this.docker.getContainer(c.Id).inspect());
        const health = info.State.Health;
        const last = health?.Log?.at(-1);
        return {
          id: info.Id,
          name: info.Name.replace(/^\//, ''),
          service: c.Labels['com.docker.compose.service'] ?? info.Name,
          state: info.State.Status,
          health: (health?.Status as HealthState | undefined) ?? 'none',
          restartCount: info.RestartCount,
          startedAt: info.State.StartedAt,
          imageId: info.Image,
          exitCode: info.State.ExitCode,
          ...(last ? { lastHealthOutput: maskSecrets(`exit ${last.ExitCode}: ${last.Output.trim().slice(0, 500)}`) } : {}),
        } satisfies ContainerState;
      }),
    );
  }

  async logsTail(idOrName: string, lines: number): Promise<LogLine[]> {
    const buffer = (await bounded(`logs ${idOrName}`, this.docker.getContainer(idOrName).logs({ stdout: true, stderr: true, tail: lines, follow: false }))) as unknown as Buffer;
    return demuxDockerLogs(Buffer.isBuffer(buffer) ? buffer : Buffer.from(String(buffer)));
  }
}
