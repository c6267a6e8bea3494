// Container lifecycle events from the Docker API (`GET /events`): what "monitoring captures restart events"
// (P1-S3-AC6) means when the monitoring is Docker itself.

/** One container event of a compose project. */
export interface ContainerEvent {
  /** Event time, ms since epoch (from `timeNano`). */
  readonly timeMs: number;
  /** `start`, `die`, `stop`, `kill`, `restart`, `create`, `destroy`, `health_status: healthy`, … */
  readonly action: string;
  /** Compose service (`com.docker.compose.service`), else the container name. */
  readonly service: string;
  /** Container name. */
  readonly container: string;
  /** Exit code for `die` events. */
  readonly exitCode?: number;
}

/** Lifecycle actions worth keeping (healthcheck `exec_*` events are left out: a busy daemon makes thousands). */
export const LIFECYCLE_ACTIONS = ['create', 'start', 'restart', 'stop', 'kill', 'die', 'destroy', 'oom', 'health_status'] as const;

/** A live subscription; {@link ContainerEventWatch.stop} ends it and returns what it saw. */
export interface ContainerEventWatch {
  stop(): Promise<ContainerEvent[]>;
}

/**
 * Watches the events of a compose project live. Not a `since` query afterwards: Docker keeps only its last 256 events
 * for those, and every healthcheck run adds three, so on a busy daemon a window older than a minute or so is gone.
 */
export interface ContainerEventSource {
  /** Collects the project's lifecycle events from now until `stop()`. */
  watch(project: string): Promise<ContainerEventWatch>;
}

/** Parses Docker's event stream (one JSON object per line); container events only, lines that are not JSON are skipped. */
export function parseDockerEvents(text: string): ContainerEvent[] {
  const out: ContainerEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let e: { Type?: string; Action?: string; status?: string; time?: number; timeNano?: number; Actor?: { Attributes?: Record<string, string> } };
    try {
      e = JSON.parse(line) as typeof e;
    } catch {
      continue;
    }
    if ((e.Type ?? 'container') !== 'container') continue;
    const attributes = e.Actor?.Attributes ?? {};
    const name = attributes.name ?? '';
    const exit = attributes.exitCode === undefined ? undefined : Number(attributes.exitCode);
    out.push({
      timeMs: e.timeNano !== undefined ? Math.floor(e.timeNano / 1e6) : (e.time ?? 0) * 1000,
      action: e.Action ?? e.status ?? '',
      service: attributes['com.docker.compose.service'] ?? name,
      container: name,
      ...(exit === undefined || Number.isNaN(exit) ? {} : { exitCode: exit }),
    });
  }
  return out.sort((a, b) => a.timeMs - b.timeMs);
}
