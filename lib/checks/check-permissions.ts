// SECURITY "services run with proper permissions" (RB-CL-SEC3, 003 L1030): from container inspect — not privileged,
// no `cap_add` beyond the config allowlist, the Docker socket mounted only by the services allowed to (HomeIQ's
// admin-api and log-aggregator, homeiq-facts.md §1), and the user each service runs as. criteria.md asks for a
// non-root User; 003 rates data-api's root a MINOR issue (L91, L275): config `security.rootUser` picks (default
// `fail`, criteria.md), and the message states the choice. Pure.
import type { ContainerDetails } from '../docker/container-inspector.js';
import type { CheckResult, Evidence } from './check-result.js';

/** Options of {@link checkPermissions}. */
export interface PermissionsCheck {
  readonly criterionId: string;
  /** Services the gate expects; a missing container is an error, never a pass. */
  readonly services: readonly string[];
  /** Capabilities a container may add (upper case, no `CAP_`). @default [] */
  readonly allowedCapAdd?: readonly string[];
  /** Services that may mount the Docker socket. @default [] */
  readonly dockerSocketServices?: readonly string[];
  /** `fail`: a root user fails (criteria.md); `report`: it is named in the message only (003). @default 'fail' */
  readonly rootUser?: 'fail' | 'report';
}

const DOCKER_SOCKET = /(^|\/)docker\.sock$/;

/** True for `''` (the image default, root unless the image sets USER), `0`, `root`, `0:<gid>`, `root:<group>`. */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0] ?? '';
  return name === '' || name === '0' || name === 'root';
}

/** Judges privileges, capabilities, the Docker socket and the user of every expected service's container. */
export function checkPermissions(containers: readonly ContainerDetails[], check: PermissionsCheck): CheckResult {
  const rootPolicy = check.rootUser ?? 'fail';
  const allowedCaps = new Set((check.allowedCapAdd ?? []).map((c) => c.toUpperCase().replace(/^CAP_/, '')));
  const socketOk = new Set(check.dockerSocketServices ?? []);
  const base = {
    criterionId: check.criterionId,
    title: 'container privileges, capabilities, Docker socket and user',
    limit: `not privileged; cap_add within [${[...allowedCaps].join(', ')}]; docker.sock only for [${[...socketOk].join(', ')}]; non-root user (${rootPolicy === 'fail' ? 'fails, criteria.md' : 'reported only, 003 rates it MINOR'})`,
  };
  const problems: string[] = [];
  const roots: string[] = [];
  const missing: string[] = [];
  const rows: string[] = [];
  for (const service of check.services) {
    const c = containers.find((x) => x.service === service);
    if (!c) {
      missing.push(service);
      continue;
    }
    if (!c.security) {
      missing.push(`${service} (inspect carried no HostConfig)`);
      continue;
    }
    const { privileged, capAdd, user } = c.security;
    const sockets = (c.mounts ?? []).filter((m) => DOCKER_SOCKET.test(m.source) || DOCKER_SOCKET.test(m.destination));
    const extraCaps = capAdd.filter((cap) => !allowedCaps.has(cap));
    if (privileged) problems.push(`${service} (${c.name}) runs privileged`);
    if (extraCaps.length > 0) problems.push(`${service} adds capabilities ${extraCaps.join(', ')} outside the allowlist`);
    if (sockets.length > 0 && !socketOk.has(service)) problems.push(`${service} mounts the Docker socket (${sockets.map((m) => `${m.source}:${m.destination}${m.readOnly ? ':ro' : ''}`).join(', ')})`);
    const shownUser = user === '' ? 'image default (root)' : user;
    if (isRootUser(user)) roots.push(`${service} (${shownUser})`);
    rows.push(`${service}: user ${shownUser}; privileged ${privileged}; cap_add ${capAdd.join(',') || 'none'}; docker.sock ${sockets.length > 0 ? 'mounted' : 'no'}`);
  }
  const evidence: Evidence[] = [{ label: 'permissions per service', value: rows.join('\n') || 'none' }];
  const rootNote = roots.length === 0 ? 'no service runs as root' : `${roots.length} service(s) run as root: ${roots.join(', ')}`;
  if (rootPolicy === 'fail' && roots.length > 0) problems.push(`${rootNote} (criteria.md asks for a non-root User; security.rootUser 'report' follows 003, which rates it MINOR)`);
  if (problems.length > 0) {
    return { ...base, status: 'failed', measurement: problems.length, evidence, message: `${problems.join('; ')}. hint: drop privileged/cap_add, remove the socket bind mount or allow the service in security.dockerSocketServices, and set a USER in the Dockerfile (or compose user:)` };
  }
  if (missing.length > 0 || rows.length === 0) {
    return { ...base, status: 'error', evidence, message: `could not judge ${missing.join(', ') || 'any service'}: no container found. hint: is the project up? docker ps -a` };
  }
  const rootPart = roots.length > 0 ? `; ${rootNote} — reported, not failed (security.rootUser 'report', 003 L91)` : '; every service runs as a non-root user';
  return { ...base, status: 'passed', measurement: 0, evidence, message: `${rows.length} service(s): none privileged, no capability outside the allowlist, the Docker socket only in ${[...socketOk].join(', ') || 'no service'}${rootPart}` };
}
