// Host URLs of a live compose project's services, from the published ports the inventory read: loopback only.
import { UnsafeTargetError } from '../common/errors.js';
import { healthUrl } from '../inventory/health-url.js';
import type { HostPort, ServiceSpec } from '../inventory/types.js';

/** A service the gate cannot reach on 127.0.0.1, and why (one line). */
export interface UnreachableService {
  readonly service: string;
  readonly reason: string;
}

/** The URLs found, and the services that have none (no published TCP port, ephemeral port). */
export interface ServiceUrls {
  /** Service → `http://127.0.0.1:<host port>`. */
  readonly urls: Record<string, string>;
  /** Services left without a URL that the gate may still judge through Docker (expose-only, ephemeral port). */
  readonly withoutUrl: readonly UnreachableService[];
}

/** Options of {@link serviceUrls}. */
export interface ServiceUrlsOptions {
  /** Host port per service from the config (`services.<name>.port`); wins over the compose file. @default none */
  readonly portOverrides?: Readonly<Record<string, number | undefined>>;
  /** Services whose binding must be reachable on 127.0.0.1; others without one are only listed. @default all */
  readonly expected?: readonly string[];
  /** Compose file(s) named in messages. */
  readonly composeFile: string;
}

/** The network rule quoted in every refusal. */
export const LOOPBACK_ONLY_RULE = 'phasegate sends traffic only to 127.0.0.1';

/** True when a published port bound to `ip` answers on 127.0.0.1 (all interfaces, or a 127.0.0.0/8 address). */
export function reachableOnLoopback(ip: string | null): boolean {
  if (ip === null || ip === '' || ip === '0.0.0.0' || ip === '::' || ip === '[::]') return true;
  const octets = ip.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

function describeBinding(p: HostPort): string {
  const ip = p.ip === null ? '' : p.ip.includes(':') ? `[${p.ip}]:` : `${p.ip}:`;
  return `${ip}${p.host ?? '(ephemeral)'}:${p.container}`;
}

/** The published TCP port the gate should use: the one the healthcheck probes, else the first one. */
function chosenPort(service: ServiceSpec): HostPort | undefined {
  const tcp = service.hostPorts.filter((p) => p.protocol === 'tcp');
  const guess = healthUrl(service);
  return (guess ? tcp.find((p) => p.host === guess.hostPort && p.container === guess.containerPort) : undefined) ?? tcp.find((p) => p.host !== null) ?? tcp[0];
}

/**
 * Maps each service to `http://127.0.0.1:<host port>` (pure). A config port override wins. An expected service
 * published only on another address (`192.168.1.20:8006:8006`, `[::1]:8006:8006`) is refused with an
 * {@link UnsafeTargetError}: the gate would have to send traffic elsewhere than 127.0.0.1.
 */
export function serviceUrls(services: readonly ServiceSpec[], options: ServiceUrlsOptions): ServiceUrls {
  const expected = new Set(options.expected ?? services.map((s) => s.name));
  const urls: Record<string, string> = {};
  const withoutUrl: UnreachableService[] = [];
  const refused: string[] = [];
  for (const service of services) {
    const override = options.portOverrides?.[service.name];
    if (override !== undefined) {
      urls[service.name] = `http://127.0.0.1:${override}`;
      continue;
    }
    if (service.networkMode === 'host') {
      const guess = healthUrl(service);
      if (guess) urls[service.name] = `http://127.0.0.1:${guess.hostPort}`;
      else withoutUrl.push({ service: service.name, reason: 'network_mode: host without an HTTP healthcheck to take the port from' });
      continue;
    }
    const port = chosenPort(service);
    if (port === undefined) {
      withoutUrl.push({ service: service.name, reason: 'no published TCP port' });
      continue;
    }
    if (port.host === null) {
      withoutUrl.push({ service: service.name, reason: `ephemeral host port (${describeBinding(port)})` });
      continue;
    }
    if (!reachableOnLoopback(port.ip)) {
      const reason = `published only on ${describeBinding(port)}`;
      if (expected.has(service.name)) refused.push(`${service.name} ${reason}`);
      else withoutUrl.push({ service: service.name, reason });
      continue;
    }
    urls[service.name] = `http://127.0.0.1:${port.host}`;
  }
  if (refused.length > 0) {
    throw new UnsafeTargetError(`live target ${options.composeFile}: ${refused.join('; ')}, not reachable on 127.0.0.1; ${LOOPBACK_ONLY_RULE}`, {
      hint: `publish it on all interfaces or 127.0.0.1 ("127.0.0.1:8006:8006"), set services.<name>.port to a loopback port (e.g. an SSH tunnel), or mark it services.<name>.optional`,
    });
  }
  return { urls, withoutUrl };
}
