// The TCP ports a service is meant to expose on the host, from its compose definition (TV-S4, RB-CL-SEC4): the host
// ports it publishes, and with `network_mode: host` (nothing is published, the service binds the host directly) the
// port its healthcheck probes, its `expose` list and the container side of any `ports:` entries. Pure.
import { healthUrl } from './health-url.js';
import type { ServiceSpec } from './types.js';

/** One port a service may listen on, and whether it must stay on loopback. */
export interface ExpectedPort {
  readonly port: number;
  /** True when the compose file binds it to 127.0.0.1/::1 (or the host-network policy says loopback). */
  readonly loopbackOnly: boolean;
  /** Where the port comes from (`ports 127.0.0.1:8006:8006`, `healthcheck`, `allowlist`). */
  readonly why: string;
}

/** Options of {@link expectedPorts}. */
export interface ExpectedPortsOptions {
  /** Extra ports allowed for this service (config `security.allowedPorts`). @default [] */
  readonly allowlist?: readonly number[];
  /**
   * With `network_mode: host` compose says nothing about the bind address: true expects every port on loopback (the
   * reference twin binds 127.0.0.1; 001 exposes HomeIQ through published 127.0.0.1 ports). @default true
   */
  readonly hostNetworkLoopback?: boolean;
}

const LOOPBACK_IP = /^(127\.|::1$|\[::1\]$|localhost$)/;

/** The ports `service` may listen on (host side), deduplicated by port; a loopback entry wins over a wildcard one. */
export function expectedPorts(service: ServiceSpec, options: ExpectedPortsOptions = {}): ExpectedPort[] {
  const hostLoopback = options.hostNetworkLoopback ?? true;
  const out = new Map<number, ExpectedPort>();
  const add = (port: number, loopbackOnly: boolean, why: string) => {
    const had = out.get(port);
    if (!had || (!had.loopbackOnly && loopbackOnly)) out.set(port, { port, loopbackOnly, why });
  };
  const hostNetwork = service.networkMode === 'host';
  for (const p of service.hostPorts.filter((h) => h.protocol === 'tcp')) {
    if (hostNetwork) add(p.container, hostLoopback, `ports (container side ${p.container}; network_mode host)`);
    else if (p.host !== null) add(p.host, p.ip !== null && LOOPBACK_IP.test(p.ip), `ports ${p.ip ?? '0.0.0.0'}:${p.host}:${p.container}`);
  }
  if (hostNetwork) {
    const health = healthUrl(service);
    if (health) add(health.containerPort, hostLoopback, 'healthcheck (network_mode host)');
    for (const port of service.exposed) add(port, hostLoopback, 'expose (network_mode host)');
  }
  for (const port of options.allowlist ?? []) add(port, false, 'allowlist');
  return [...out.values()].sort((a, b) => a.port - b.port);
}
