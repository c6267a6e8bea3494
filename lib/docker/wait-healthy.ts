// Waits until containers are healthy (or running, without a healthcheck); fails fast on exit, unhealthy or crash loop.
import { SystemClock, type Clock } from '../common/clock.js';
import { PhasegateError, TimeoutError } from '../common/errors.js';
import { createLogger } from '../common/logger.js';
import type { ContainerDetails, ContainerInspector } from './container-inspector.js';
import { DockerApiError } from './docker-api-error.js';

const log = createLogger('phasegate:docker');

/** Options of {@link waitForHealthy}. */
export interface WaitForHealthyOptions {
  /** Give up after this many milliseconds. */
  readonly timeoutMs: number;
  /** @default new SystemClock() */
  readonly clock?: Clock;
  /** Pause between two polls, in milliseconds. @default 500 */
  readonly intervalMs?: number;
  /** Restarts during the wait that count as a crash loop (fail fast). @default 3 */
  readonly maxRestarts?: number;
  /** Log lines quoted per failed or unready container. @default 20 */
  readonly logLines?: number;
  /** Aborts the wait (rejects with the signal's reason). */
  readonly signal?: AbortSignal;
  /**
   * How long a container may stay `unhealthy` before the wait fails, in ms. A loaded host can time out a few
   * healthchecks in a row and recover; exits and crash loops still fail at once. @default 0 (fail on first sight)
   */
  readonly unhealthyGraceMs?: number;
}

/** Why a container failed the wait. */
export interface ContainerFailure {
  /** Container name. */
  readonly name: string;
  readonly service: string;
  /** `exited with code 1`, `is unhealthy`, `restarted 3 times while starting (crash loop)`, `disappeared`. */
  readonly reason: string;
}

/** One or more containers exited, became unhealthy or crash-looped while phasegate waited for them. */
export class ContainerStartError extends PhasegateError {
  override name = 'ContainerStartError';
  readonly failures: readonly ContainerFailure[];
  constructor(message: string, failures: readonly ContainerFailure[], shortMessage: string) {
    super('PHASEGATE_STACK_FAILED', message, { shortMessage, hint: 'the quoted log lines usually say why; `docker logs <container>` has the rest' });
    this.failures = failures;
  }
}

/** True when the container counts as ready: healthy, or running when it has no healthcheck. */
export function isReady(c: Pick<ContainerDetails, 'state' | 'health'>): boolean {
  return c.health === 'healthy' || (c.health === 'none' && c.state === 'running');
}

/** The reason a container failed for good, or undefined while it may still become ready. */
export function failureReason(c: Pick<ContainerDetails, 'state' | 'health' | 'exitCode' | 'restartCount'>, initialRestarts: number, maxRestarts: number): string | undefined {
  if (c.state === 'exited' || c.state === 'dead') return `${c.state} with code ${c.exitCode}`;
  const restarts = c.restartCount - initialRestarts;
  if (restarts >= maxRestarts) return `restarted ${restarts} times while starting (crash loop${c.state === 'restarting' ? `, last exit code ${c.exitCode}` : ''})`;
  // While Docker waits to restart a container, its health is the stale verdict of the previous run.
  if (c.health === 'unhealthy' && c.state !== 'restarting') return 'is unhealthy';
  return undefined;
}

/** The poll at (or just past) the limit still gets this long per inspect, in ms, so a healthy answer at the deadline counts. */
const LAST_POLL_MS = 1_000;

/** Bound on reading a failed container's log tail for the message, in ms: a hung daemon must not hold up the verdict. */
const LOG_TAIL_BOUND_MS = 2_000;

// Settles with `call`, or rejects with `onTimeout()` after `ms` (wall time) — whichever comes first.
function within<T>(call: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
  });
  call.catch(() => {}); // a late rejection after the deadline won is expected, not unhandled
  return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
}

async function describe(inspector: ContainerInspector, c: ContainerDetails, logLines: number): Promise<string> {
  const tail = within(inspector.logsTail(c.id, logLines), LOG_TAIL_BOUND_MS, () => new Error(`no answer within ${LOG_TAIL_BOUND_MS}ms`));
  const lines = await tail.then(
    (ls) => (ls.length === 0 ? ['    (no log output)'] : ls.map((l) => `    ${l.stream === 'stderr' ? 'E ' : ''}${l.text}`)),
    (error: unknown) => [`    (logs unavailable: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`],
  );
  const health = c.lastHealthOutput ? `  last healthcheck: ${c.lastHealthOutput.replace(/\n/g, ' ')}\n` : '';
  return `${c.name} (service ${c.service}): ${c.state}/${c.health}, restarts ${c.restartCount}\n${health}  last ${logLines} log lines:\n${lines.join('\n')}`;
}

/**
 * Polls {@link ContainerInspector.inspect} until every container is ready. Fails fast with a
 * {@link ContainerStartError} when one exits, turns `unhealthy` or restarts `maxRestarts` times; on timeout throws a
 * TimeoutError naming each unready container with its last healthcheck output and last log lines.
 * @returns the containers' final details, in the order given.
 */
export async function waitForHealthy(inspector: ContainerInspector, containers: readonly string[], options: WaitForHealthyOptions): Promise<ContainerDetails[]> {
  const clock = options.clock ?? new SystemClock();
  const intervalMs = options.intervalMs ?? 500;
  const maxRestarts = options.maxRestarts ?? 3;
  const logLines = options.logLines ?? 20;
  const started = clock.monotonicMs();
  const initialRestarts = new Map<string, number>();
  const unhealthySince = new Map<string, number>();
  const graceMs = options.unhealthyGraceMs ?? 0;
  log(`waiting for ${containers.length} container(s) to be healthy (timeout ${options.timeoutMs}ms)`);
  let lastError: unknown;
  for (;;) {
    const current: ContainerDetails[] = [];
    const failed: Array<{ details: ContainerDetails | undefined; failure: ContainerFailure }> = [];
    let stalled = false;
    for (const ref of containers) {
      // Each inspect is bounded by the inspector's call timeout; this keeps a hung daemon from stretching the wait past its own limit.
      const remainingMs = options.timeoutMs - (clock.monotonicMs() - started);
      if (remainingMs <= 0 && stalled) break;
      try {
        const boundMs = Math.max(remainingMs, LAST_POLL_MS);
        const c = await within(inspector.inspect(ref), boundMs, () => new TimeoutError(
          `Docker did not answer "inspect ${ref}" within the ${Math.round(boundMs)}ms left of the health wait (limit ${options.timeoutMs}ms)`,
          options.timeoutMs,
          { hint: 'is dockerd running and responsive? check `docker info` and DOCKER_HOST' },
        ));
        if (!initialRestarts.has(ref)) initialRestarts.set(ref, c.restartCount);
        current.push(c);
        const reason = failureReason(c, initialRestarts.get(ref) ?? c.restartCount, maxRestarts);
        if (reason === 'is unhealthy' && graceMs > 0) {
          const since = unhealthySince.get(ref) ?? clock.monotonicMs();
          unhealthySince.set(ref, since);
          const forMs = clock.monotonicMs() - since;
          if (forMs >= graceMs) failed.push({ details: c, failure: { name: c.name, service: c.service, reason: `is unhealthy (for ${Math.round(forMs)}ms, grace ${graceMs}ms)` } });
        } else {
          unhealthySince.delete(ref);
          if (reason) failed.push({ details: c, failure: { name: c.name, service: c.service, reason } });
        }
      } catch (error) {
        if (error instanceof DockerApiError && error.statusCode === 404) failed.push({ details: undefined, failure: { name: ref, service: ref, reason: 'disappeared (container not found)' } });
        else {
          lastError = error;
          stalled ||= error instanceof TimeoutError;
        }
      }
    }
    if (failed.length > 0) {
      const parts = await Promise.all(failed.map(async ({ details, failure }) => `${failure.name} ${failure.reason}${details ? `\n${await describe(inspector, details, logLines)}` : ''}`));
      const short = failed.map(({ failure }) => `${failure.name} ${failure.reason}`).join('; ');
      log(`container wait failed: ${short}`);
      throw new ContainerStartError(`${failed.length} of ${containers.length} container(s) failed while waiting for health:\n${parts.join('\n')}`, failed.map((f) => f.failure), short);
    }
    if (current.length === containers.length && current.every(isReady)) {
      log(`${containers.length} container(s) ready after ${Math.round(clock.monotonicMs() - started)}ms`);
      return current;
    }
    const elapsedMs = clock.monotonicMs() - started;
    if (elapsedMs >= options.timeoutMs && current.length === 0 && lastError instanceof Error) {
      // Not one state could be read: the daemon, not the containers, is what stalled.
      const reason = lastError.message.split('\n')[0];
      throw new TimeoutError(
        `health wait for ${containers.join(', ')} gave up after ${Math.round(elapsedMs)}ms (limit ${options.timeoutMs}ms): Docker never answered: ${reason}`,
        options.timeoutMs,
        { shortMessage: `health wait gave up after ${Math.round(elapsedMs)}ms: Docker never answered: ${reason}`, hint: (lastError as Partial<PhasegateError>).hint ?? 'is dockerd running and responsive? check `docker info` and DOCKER_HOST', cause: lastError },
      );
    }
    if (elapsedMs >= options.timeoutMs) {
      const unready = current.filter((c) => !isReady(c));
      const parts = await Promise.all(unready.map((c) => describe(inspector, c, logLines)));
      const names = unready.map((c) => `${c.name} (${c.state}/${c.health})`).join(', ');
      const errorNote = lastError instanceof Error ? `\nlast Docker error: ${lastError.message.split('\n')[0]}` : '';
      throw new TimeoutError(
        `${unready.length || containers.length} of ${containers.length} container(s) not healthy after ${Math.round(elapsedMs)}ms (limit ${options.timeoutMs}ms): ${names || containers.join(', ')}\n${parts.join('\n')}${errorNote}`,
        options.timeoutMs,
        { shortMessage: `not healthy after ${Math.round(elapsedMs)}ms: ${names || containers.join(', ')}`, hint: 'raise the startup timeout if the service is just slow; otherwise the log lines above say why', cause: lastError },
      );
    }
    await clock.sleep(Math.min(intervalMs, Math.max(1, options.timeoutMs - elapsedMs)), options.signal);
  }
}

/** {@link waitForHealthy} over every container of a compose project (fails when the project has none). */
export async function waitForProjectHealthy(inspector: ContainerInspector, project: string, options: WaitForHealthyOptions): Promise<ContainerDetails[]> {
  const containers = await inspector.listProject(project);
  if (containers.length === 0) {
    throw new PhasegateError('PHASEGATE_STACK_FAILED', `compose project "${project}" has no containers to wait for`, { hint: 'was it started? `docker ps -a --filter label=com.docker.compose.project=' + project + '`' });
  }
  return waitForHealthy(inspector, containers.map((c) => c.id), options);
}
