// SECURITY "only intended ports exposed" (TV-S4, 001 L1444-1452 `nmap localhost -p 1-65535`; RB-CL-SEC4, 003 L1031):
// no scan here (no nmap, traffic to loopback only). Instead every port the project's containers expose on the host is
// read — the sockets their processes listen on with `network_mode: host` (/proc, lib/probes), the ports Docker
// publishes otherwise — and compared with the ports the compose file gives each service (lib/inventory
// expectedPorts) plus the config allowlist. A port the compose file binds to loopback but that listens on every
// interface fails too. Listeners of processes outside the project are not judged.
import type { ContainerDetails } from '../docker/container-inspector.js';
import type { ExpectedPort } from '../inventory/expected-ports.js';
import { isLoopbackAddress, isWildcardAddress, processTreeListeners, type ListeningSocket } from '../probes/listening-sockets.js';
import type { CheckResult, Evidence } from './check-result.js';

/** One port a container exposes on the host. */
export interface ObservedPort {
  readonly service: string;
  readonly port: number;
  /** Bound host address (`127.0.0.1`, `0.0.0.0`, `::`). */
  readonly address: string;
  /** `socket`: a LISTEN socket of the container's processes (host network); `published`: a Docker port binding. */
  readonly via: 'socket' | 'published';
}

/** What the project's containers expose, and which could not be read. */
export interface ObservedPorts {
  readonly ports: readonly ObservedPort[];
  /** Containers whose ports were read. */
  readonly containersRead: number;
  /** `service: why` for every container whose ports could not be read (never a pass). */
  readonly unreadable: readonly string[];
}

/**
 * Reads what each running container exposes: with `network_mode: host` the LISTEN sockets of its process tree
 * (State.Pid and its children, read from `procRoot`), otherwise its published TCP ports. A container that is not
 * running, or whose /proc cannot be read, is listed as unreadable.
 * @param listeners the /proc reader (lib/probes). @default processTreeListeners() (the process table read once)
 */
export function observeContainerPorts(containers: readonly ContainerDetails[], listeners: (pid: number) => readonly ListeningSocket[] = processTreeListeners()): ObservedPorts {
  const ports: ObservedPort[] = [];
  const unreadable: string[] = [];
  let containersRead = 0;
  for (const c of containers) {
    if (c.networkMode === 'host') {
      if (c.state !== 'running' || !c.pid) {
        unreadable.push(`${c.service}: container ${c.name} is ${c.state} (no process to read the sockets of)`);
        continue;
      }
      try {
        for (const s of listeners(c.pid)) ports.push({ service: c.service, port: s.port, address: s.address, via: 'socket' });
        containersRead += 1;
      } catch (error) {
        unreadable.push(`${c.service}: ${(error as Error).message}`);
      }
    } else {
      for (const p of c.publishedPorts ?? []) if (p.protocol === 'tcp') ports.push({ service: c.service, port: p.hostPort, address: p.hostIp, via: 'published' });
      containersRead += 1;
    }
  }
  return { ports, containersRead, unreadable };
}

/** Options of {@link checkExposedPorts}. */
export interface ExposedPortsCheck {
  /** `TV-S4` or `RB-CL-SEC4`. */
  readonly criterionId: string;
  /** Service → the ports it may expose (lib/inventory expectedPorts, allowlist included). */
  readonly expected: Readonly<Record<string, readonly ExpectedPort[]>>;
  /** Containers whose ports were read; 0 is an error (nothing was judged). */
  readonly containersRead: number;
  /** `service: why` for containers that could not be read. @default [] */
  readonly unreadable?: readonly string[];
}

const show = (p: ObservedPort) => `${p.address.includes(':') ? `[${p.address}]` : p.address}:${p.port}`;

/** Fails on a port no compose entry or allowlist names, or on a loopback port bound to every interface. */
export function checkExposedPorts(observed: readonly ObservedPort[], check: ExposedPortsCheck): CheckResult {
  const base = { criterionId: check.criterionId, title: 'host ports exposed by the project', limit: 'only the ports of the compose file and the allowlist; loopback ports on 127.0.0.1/::1' };
  const problems: string[] = [];
  for (const p of observed) {
    const allowed = check.expected[p.service] ?? [];
    const match = allowed.find((e) => e.port === p.port);
    if (!match) {
      problems.push(`${p.service} listens on ${show(p)} (${p.via}), which is not one of its intended ports [${allowed.map((e) => e.port).join(', ') || 'none'}]`);
    } else if (match.loopbackOnly && !isLoopbackAddress(p.address)) {
      problems.push(`${p.service} port ${p.port} is bound to ${isWildcardAddress(p.address) ? 'every interface' : 'a non-loopback address'} (${show(p)}) where the compose file means loopback (${match.why})`);
    }
  }
  const evidence: Evidence[] = [
    { label: 'exposed ports (service address:port via)', value: observed.map((p) => `${p.service} ${show(p)} ${p.via}`).join('\n') || 'none' },
    { label: 'intended ports', value: Object.entries(check.expected).map(([s, ports]) => `${s}: ${ports.map((e) => `${e.port}${e.loopbackOnly ? ' (loopback)' : ''}`).join(', ') || 'none'}`).join('\n') },
  ];
  const services = new Set(observed.map((p) => p.service)).size;
  if (problems.length > 0) {
    return { ...base, status: 'failed', measurement: problems.length, evidence, message: `${problems.length} unintended exposure(s) of the project's containers: ${problems.join('; ')}. hint: remove the listener or the port binding, bind it to 127.0.0.1, or add the port to security.allowedPorts in phasegate.config.ts when it is intended` };
  }
  const unreadable = check.unreadable ?? [];
  if (check.containersRead === 0 && unreadable.length === 0) {
    return { ...base, status: 'error', evidence, message: 'no container of the project was read, so nothing was judged. hint: is the project running? (docker ps --filter label=com.docker.compose.project=<project>)' };
  }
  if (unreadable.length > 0) {
    return { ...base, status: 'error', evidence, message: `could not read the ports of ${unreadable.join('; ')} (${observed.length} port(s) of ${services} service(s) read, all intended). hint: the check reads /proc as root on the Docker host; is the container running?` };
  }
  return { ...base, status: 'passed', measurement: observed.length, evidence, message: `${observed.length} port(s) exposed by ${services} service(s) of ${check.containersRead} container(s) read, each one of the service's intended ports and loopback where the compose file means loopback` };
}
