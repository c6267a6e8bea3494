// SOAK "monitor core after rebuild" (P1-S4-T6, 002 L271 "Monitor for 1 hour (no restarts)"): after the setup hook's
// rebuild, the core services are sampled every few seconds for a window — Docker state, health and RestartCount, and
// each service's own health body — and any sample that is not running+healthy, any restart (RestartCount rising or
// the container replaced) and any unhealthy body fails, naming service, time and state. The window is a config value
// (monitor.coreWatchMs, default 30 s): the plan's hour is proven from StartedAt by P1-SC5. Watching is an adapter
// over injected readers; the verdict is pure.
import type { Clock } from '../common/clock.js';
import type { ContainerSnapshot } from './container-state-source.js';
import type { CheckResult, Evidence } from './check-result.js';

/** One service at one sampling time. */
export interface CoreWatchSample {
  /** Epoch ms of the sample. */
  readonly atMs: number;
  readonly service: string;
  /** Docker state (`running`), or `missing` when the service had no container. */
  readonly state: string;
  readonly health: string;
  readonly restartCount: number;
  readonly containerId?: string;
  /** The health body verdict, when bodies are read. */
  readonly body?: { readonly ok: boolean; readonly detail: string };
}

/** Options of {@link watchServices}. */
export interface CoreWatchOptions {
  readonly services: readonly string[];
  /** Current containers of the project (lib/docker listProject). */
  readonly list: () => Promise<readonly ContainerSnapshot[]>;
  /** The service's health body verdict (checkHealthBody), or undefined to skip bodies. */
  readonly healthBody?: (service: string) => Promise<{ readonly ok: boolean; readonly detail: string }>;
  /** How long to watch, ms. */
  readonly durationMs: number;
  /** Time between two samples, ms. */
  readonly intervalMs: number;
  readonly clock: Clock;
}

/** Samples every service at t = 0, interval, 2·interval … up to durationMs (at least two samples). */
export async function watchServices(options: CoreWatchOptions): Promise<CoreWatchSample[]> {
  const samples: CoreWatchSample[] = [];
  const rounds = Math.max(2, Math.floor(options.durationMs / options.intervalMs) + 1);
  for (let round = 0; round < rounds; round += 1) {
    if (round > 0) await options.clock.sleep(options.intervalMs);
    const atMs = options.clock.now();
    const containers = await options.list();
    const bodies = options.healthBody ? await Promise.all(options.services.map((s) => options.healthBody!(s))) : [];
    options.services.forEach((service, i) => {
      const c = containers.find((x) => x.service === service);
      samples.push({
        atMs,
        service,
        state: c?.state ?? 'missing',
        health: c?.health ?? 'none',
        restartCount: c?.restartCount ?? 0,
        ...(c?.id ? { containerId: c.id } : {}),
        ...(bodies[i] ? { body: bodies[i] } : {}),
      });
    });
  }
  return samples;
}

/** Options of {@link checkCoreWatch}. */
export interface CoreWatchCheck {
  readonly criterionId: string;
  readonly services: readonly string[];
  /** The window watched and the interval, ms (named in the message). */
  readonly durationMs: number;
  readonly intervalMs: number;
}

const at = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** Every sample running, healthy (or without healthcheck) and with a healthy body; no restart, no replaced container. */
export function checkCoreWatch(samples: readonly CoreWatchSample[], check: CoreWatchCheck): CheckResult {
  const window = `${Math.round(check.durationMs / 1000)} s every ${Math.round(check.intervalMs / 1000)} s`;
  const base = { criterionId: check.criterionId, title: 'core services watched after the rebuild', limit: `every sample running and healthy, healthy body, RestartCount unchanged, over ${window}` };
  const problems: string[] = [];
  const rows: string[] = [];
  for (const service of check.services) {
    const mine = samples.filter((s) => s.service === service).sort((a, b) => a.atMs - b.atMs);
    if (mine.length === 0) {
      problems.push(`${service}: never sampled`);
      continue;
    }
    const first = mine[0]!;
    const bad: string[] = [];
    for (const s of mine) {
      if (s.state !== 'running' || (s.health !== 'healthy' && s.health !== 'none')) bad.push(`${at(s.atMs)} ${s.state}/${s.health}`);
      if (s.restartCount > first.restartCount) bad.push(`${at(s.atMs)} RestartCount ${first.restartCount} → ${s.restartCount}`);
      else if (s.containerId && first.containerId && s.containerId !== first.containerId) bad.push(`${at(s.atMs)} container replaced (${first.containerId.slice(0, 12)} → ${s.containerId.slice(0, 12)})`);
      if (s.body && !s.body.ok) bad.push(`${at(s.atMs)} body: ${s.body.detail.length > 160 ? `${s.body.detail.slice(0, 160)}…` : s.body.detail}`);
    }
    // One line per distinct problem keeps a flapping service readable.
    const distinct = [...new Set(bad)];
    if (distinct.length > 0) problems.push(`${service}: ${distinct.slice(0, 5).join(', ')}${distinct.length > 5 ? ` (+${distinct.length - 5} more)` : ''}`);
    const last = mine.at(-1)!;
    rows.push(`${service}: ${mine.length} samples, ${distinct.length === 0 ? 'all running/healthy' : `${distinct.length} bad`}, RestartCount ${first.restartCount} → ${last.restartCount}`);
  }
  const evidence: Evidence[] = [{ label: `watch (${window}, UTC times)`, value: rows.join('\n') || 'none' }];
  const span = samples.length > 0 ? `${at(Math.min(...samples.map((s) => s.atMs)))}–${at(Math.max(...samples.map((s) => s.atMs)))} UTC` : 'no samples';
  if (problems.length > 0 || check.services.length === 0) {
    return { ...base, status: 'failed', measurement: problems.length, evidence, message: `${problems.join('; ') || 'no service to watch'} (watched ${span}, ${window}). hint: read the container's log tail (docker logs --tail 100 <container>) and its health log (docker inspect)` };
  }
  const perService = samples.length / check.services.length;
  return { ...base, status: 'passed', measurement: samples.length, evidence, message: `${check.services.length} core service(s) running and healthy in all ${perService} samples each (${span}, ${window}), bodies healthy, no restart` };
}
