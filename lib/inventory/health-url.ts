// Guesses the host URL of a service's health endpoint from its compose healthcheck command.
import type { ServiceSpec } from './types.js';

/** A health URL reachable from the host, and how it was found. */
export interface HealthUrlGuess {
  /** `http://127.0.0.1:<hostPort><path>`. */
  readonly url: string;
  readonly hostPort: number;
  /** Port inside the container the healthcheck probes. */
  readonly containerPort: number;
  /** Path with query, e.g. `/health` or `/api/v1/health`. */
  readonly path: string;
  /** `healthcheck`: parsed from the test command; `default`: `/health` on the only published port. */
  readonly source: 'healthcheck' | 'default';
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]', '::1']);
// curl/wget/python urllib/httpx all carry the URL literally in the command.
const URL_IN_COMMAND = /\bhttps?:\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9_.-]+)(?::(\d+))?(\/[^\s'"()\\]*)?/;

/** Options of {@link healthUrl}. */
export interface HealthUrlOptions {
  /** Host used in the returned URL. @default '127.0.0.1' */
  readonly host?: string;
}

/**
 * Guesses the host URL of `service`'s health endpoint: parses the URL out of the healthcheck test (curl, wget,
 * python urllib/httpx), then maps its container port to the published host port (with `network_mode: host`
 * they are the same). Returns null when the check is not HTTP or the port is not published.
 */
export function healthUrl(service: ServiceSpec, options: HealthUrlOptions = {}): HealthUrlGuess | null {
  const host = options.host ?? '127.0.0.1';
  const command = service.healthcheck?.test.slice(1).join(' ') ?? '';
  const match = URL_IN_COMMAND.exec(command);
  if (match && (LOCAL_HOSTS.has(match[1] ?? '') || match[1] === service.name)) {
    const containerPort = match[2] === undefined ? 80 : Number(match[2]);
    const hostPort = toHostPort(service, containerPort);
    if (hostPort === null) return null;
    const path = match[3] ?? '/';
    return { url: `http://${host}:${hostPort}${path}`, hostPort, containerPort, path, source: 'healthcheck' };
  }
  const published = service.hostPorts.filter((p) => p.host !== null && p.protocol === 'tcp');
  const only = published[0];
  if (!match && published.length === 1 && only && only.host !== null) {
    return { url: `http://${host}:${only.host}/health`, hostPort: only.host, containerPort: only.container, path: '/health', source: 'default' };
  }
  return null;
}

function toHostPort(service: ServiceSpec, containerPort: number): number | null {
  if (service.networkMode === 'host') return containerPort;
  return service.hostPorts.find((p) => p.container === containerPort && p.host !== null && p.protocol === 'tcp')?.host ?? null;
}
