// Compose `ports:` (short and long syntax) and `expose:` entries.
import type { HostPort } from './types.js';

/** A port entry that could not be parsed; the caller turns it into a located ConfigError. */
export class PortSyntaxError extends Error {
  override name = 'PortSyntaxError';
  constructor(readonly problem: string, readonly hint: string) {
    super(problem);
  }
}

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
const SHORT_HINT = 'use "[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]", e.g. "127.0.0.1:8006:8006" or "8001-8003:8001-8003/udp"';

interface PortRange {
  readonly start: number;
  readonly end: number;
}

function parseRange(text: string, what: string): PortRange {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) throw new PortSyntaxError(`${what} "${text}" is not a port or range`, SHORT_HINT);
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  for (const port of [start, end]) {
    if (port < 1 || port > 65535) throw new PortSyntaxError(`${what} ${port} is out of range 1-65535`, SHORT_HINT);
  }
  if (end < start) throw new PortSyntaxError(`${what} range "${text}" ends before it starts`, SHORT_HINT);
  return { start, end };
}

function splitProtocol(text: string): { body: string; protocol: HostPort['protocol'] } {
  const slash = text.lastIndexOf('/');
  if (slash === -1) return { body: text, protocol: 'tcp' };
  const protocol = text.slice(slash + 1).toLowerCase();
  if (!PROTOCOLS.has(protocol)) throw new PortSyntaxError(`unknown protocol "${protocol}"`, 'protocol must be tcp, udp or sctp');
  return { body: text.slice(0, slash), protocol: protocol as HostPort['protocol'] };
}

function pair(host: PortRange | null, container: PortRange, ip: string | null, protocol: HostPort['protocol']): HostPort[] {
  const count = container.end - container.start + 1;
  if (host !== null) {
    const hostCount = host.end - host.start + 1;
    // A single host port with a container range is not allowed; a host range with one container port is.
    if (hostCount !== count && count !== 1) {
      throw new PortSyntaxError(`host range ${host.start}-${host.end} (${hostCount} ports) and container range ${container.start}-${container.end} (${count} ports) differ in size`, SHORT_HINT);
    }
    if (count === 1 && hostCount > 1) return [{ host: null, container: container.start, ip, protocol }];
  }
  return Array.from({ length: count }, (_, i) => ({
    host: host === null ? null : host.start + i,
    container: container.start + i,
    ip,
    protocol,
  }));
}

/** Parses one short-syntax entry (`"8006:8006"`, `"127.0.0.1:3000:80"`, `"[::1]:80:80/udp"`, `3000`). */
export function parseShortPort(entry: string | number): HostPort[] {
  const text = String(entry).trim();
  const { body, protocol } = splitProtocol(text);
  let ip: string | null = null;
  let rest = body;
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(.*)$/.exec(body);
  if (v6) {
    ip = v6[1] ?? null;
    rest = v6[2] ?? '';
  }
  const parts = rest.split(':');
  if (!v6 && parts.length === 3) {
    ip = parts.shift() ?? null;
    if (ip !== null && !/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
      throw new PortSyntaxError(`invalid port "${text}" ("${ip}" is not an IPv4 address)`, SHORT_HINT);
    }
  } else if (parts.length > 2 || (v6 && parts.length !== 2)) {
    throw new PortSyntaxError(`invalid port "${text}" (expected at most HOST_IP:HOST_PORT:CONTAINER_PORT)`, SHORT_HINT);
  }
  if (parts.length === 1) return pair(null, parseRange(parts[0] ?? '', 'container port'), ip, protocol);
  const hostText = parts[0] ?? '';
  const host = hostText === '' ? null : parseRange(hostText, 'host port');
  return pair(host, parseRange(parts[1] ?? '', 'container port'), ip === '' ? null : ip, protocol);
}

/** Parses one long-syntax entry (`{ target, published, host_ip, protocol }`). */
export function parseLongPort(entry: Record<string, unknown>): HostPort[] {
  const hint = 'long syntax: { target: 80, published: "8080", host_ip: "127.0.0.1", protocol: tcp }';
  const known = new Set(['target', 'published', 'host_ip', 'protocol', 'mode', 'name', 'app_protocol']);
  const unknown = Object.keys(entry).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new PortSyntaxError(`unknown port key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}`, hint);
  if (entry.target === undefined || entry.target === null) throw new PortSyntaxError('port is missing "target"', hint);
  const container = parseRange(String(entry.target), 'target');
  if (container.start !== container.end) throw new PortSyntaxError(`target "${String(entry.target)}" must be a single port`, hint);
  const protocolText = entry.protocol === undefined ? 'tcp' : String(entry.protocol).toLowerCase();
  if (!PROTOCOLS.has(protocolText)) throw new PortSyntaxError(`unknown protocol "${protocolText}"`, 'protocol must be tcp, udp or sctp');
  const published = entry.published === undefined || entry.published === null || entry.published === '' ? null : parseRange(String(entry.published), 'published');
  const ip = entry.host_ip === undefined || entry.host_ip === null ? null : String(entry.host_ip);
  // A published range with one target publishes one port from the range: compose picks, so host is unknown.
  if (published && published.start !== published.end) return [{ host: null, container: container.start, ip, protocol: protocolText as HostPort['protocol'] }];
  return [{ host: published?.start ?? null, container: container.start, ip, protocol: protocolText as HostPort['protocol'] }];
}

/** Parses one `expose:` entry (`8031`, `"8000-8002"`, `"9000/udp"`) into container ports. */
export function parseExpose(entry: string | number): number[] {
  const { body } = splitProtocol(String(entry).trim());
  const range = parseRange(body, 'exposed port');
  return Array.from({ length: range.end - range.start + 1 }, (_, i) => range.start + i);
}
