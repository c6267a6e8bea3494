// `phasegate stack up|down|status|fault`: drive the reference stack by hand.
import { ExitCode } from '../common/exit-codes.js';
import { PhasegateError } from '../common/errors.js';
import type { ContainerState } from '../docker/container-inspector.js';
import { FaultClient, ReferenceStack, servicePortFromUrl } from '../stack/index.js';

export const STACK_USAGE = `usage: phasegate stack <up|down|status|fault> [options]

  stack up [--services core|full|a,b,c]   build (when needed), start and wait until healthy
  stack down                              remove the containers, networks and volumes of the project
  stack status                            health, restarts and URL of every container
  stack fault <service> knob=value …      set fault knobs (JSON values: latencyMs=700 stopWriting=true)
  stack fault <service> --clear           clear all knobs of a service`;

/** Parses `knob=value` pairs; values are JSON when they parse, else strings. Pure. */
export function parseKnobs(args: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new PhasegateError('PHASEGATE_CONFIG_INVALID', `fault knob "${arg}" must look like name=value`, { hint: 'e.g. latencyMs=700 or stopWriting=true' });
    const raw = arg.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a bare word such as degraded stays a string
    }
    out[arg.slice(0, eq)] = value;
  }
  return out;
}

/** The status table: one row per container. Pure. */
export function formatStackStatus(states: readonly ContainerState[], urls: Readonly<Record<string, string>>): string {
  if (states.length === 0) return 'no containers (the stack is down)';
  const rows = [...states]
    .sort((a, b) => a.service.localeCompare(b.service))
    .map((s) => [s.service, s.name, `${s.state}/${s.health}`, String(s.restartCount), urls[s.service] ?? '']);
  const header = ['service', 'container', 'state/health', 'restarts', 'url'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const healthy = states.filter((s) => s.health === 'healthy' || (s.health === 'none' && s.state === 'running')).length;
  return [line(header), ...rows.map(line), '', `${healthy}/${states.length} healthy`].join('\n');
}

export async function stackCommand(args: readonly string[], out: (t: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  const flag = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const servicesArg = flag('--services');
  const services = servicesArg === undefined || servicesArg === 'core' ? 'core' : servicesArg === 'full' ? 'full' : servicesArg.split(',');
  const stack = new ReferenceStack({ services, progress: out });
  switch (sub) {
    case 'up': {
      const started = await stack.up();
      out(formatStackStatus(await started.containers(), started.urls()));
      return ExitCode.Ok;
    }
    case 'down': {
      const started = await stack.handle();
      await started.down();
      out(`[stack] project ${stack.projectName} removed (containers, networks, volumes)`);
      return ExitCode.Ok;
    }
    case 'status': {
      const started = await stack.handle();
      out(formatStackStatus(await started.containers(), started.urls()));
      return ExitCode.Ok;
    }
    case 'fault': {
      const [service, ...knobs] = rest;
      if (!service) {
        out(STACK_USAGE);
        return 2;
      }
      const started = await stack.handle();
      const client = new FaultClient(service, started.url(service));
      const now = knobs.includes('--clear') ? await client.clear() : await client.merge(parseKnobs(knobs));
      out(`${service} (port ${servicePortFromUrl(started.url(service))}) faults: ${JSON.stringify(now)}`);
      return ExitCode.Ok;
    }
    default:
      out(STACK_USAGE);
      return 2;
  }
}
