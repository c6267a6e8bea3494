// RESOURCE "resource usage monitoring" (TV-M2, 001 L1461-1462 `docker stats` every 300 s; P1-S6-T6, 002 L381 "monitor
// resource usage", no threshold of its own): CPU and memory of every service over a window — CPU averaged between two
// stats readings (sampleCpuPercent), memory the higher of the two readings — written as a table into the evidence.
// A service that cannot be read fails (monitoring that cannot see a service is not monitoring); so does one above
// thresholds.memoryPercentMax (of its mem_limit; without a limit reported, not judged, D5.3) or cpuPercentAvgMax.
import type { ContainerMemoryStats } from '../docker/container-inspector.js';
import type { CheckResult, Evidence } from './check-result.js';
import { sampleCpuPercent } from './check-cpu-percent.js';

/** One service's CPU and memory over the window; nulls when it could not be read. */
export interface ResourceSample {
  readonly service: string;
  /** Average CPU over the window, % of one core. */
  readonly cpuPercent: number | null;
  /** Higher of the two memory readings, bytes. */
  readonly memoryUsageBytes: number | null;
  /** The container's memory limit (the host's memory when it has none), bytes. */
  readonly memoryLimitBytes: number | null;
  /** Why something is missing. */
  readonly problem?: string;
}

/** Reads every container's stats twice, `windowMs` apart (sampleCpuPercent), keeping the memory readings too. */
export async function sampleResources(
  stats: (container: string) => Promise<ContainerMemoryStats>,
  containers: ReadonlyArray<{ readonly service: string; readonly container: string }>,
  windowMs: number,
  sleep?: (ms: number) => Promise<void>,
): Promise<ResourceSample[]> {
  const memory = new Map<string, ContainerMemoryStats[]>();
  const recording = async (container: string) => {
    const s = await stats(container);
    memory.set(container, [...(memory.get(container) ?? []), s]);
    return s;
  };
  const cpu = await sampleCpuPercent(recording, containers, windowMs, sleep);
  return containers.map((c, i) => {
    const readings = memory.get(c.container) ?? [];
    const peak = readings.reduce<ContainerMemoryStats | undefined>((m, r) => (!m || r.memoryUsageBytes > m.memoryUsageBytes ? r : m), undefined);
    const problem = cpu[i]!.problem ?? (readings.length < 2 ? 'fewer than two stats readings' : undefined);
    return {
      service: c.service,
      cpuPercent: cpu[i]!.percent,
      memoryUsageBytes: peak?.memoryUsageBytes ?? null,
      memoryLimitBytes: peak?.memoryLimitBytes ?? null,
      ...(problem ? { problem } : {}),
    };
  });
}

/** Options of {@link checkResourceUsage}. */
export interface ResourceUsageCheck {
  readonly criterionId: string;
  /** Highest memory use, % of the container limit (thresholds.memoryPercentMax). */
  readonly memoryPercentMax: number;
  /** Highest average CPU, % of one core (thresholds.cpuPercentAvgMax). */
  readonly cpuPercentAvgMax: number;
  /** The window sampled, ms (named in the message). */
  readonly windowMs: number;
  /** Host memory, bytes; a limit at or above it means "no limit set". */
  readonly hostMemoryBytes: number;
}

const MIB = 1024 * 1024;

/** The resource table: one line per service, CPU %, memory MiB / limit MiB (%). */
export function resourceTable(samples: readonly ResourceSample[], hostMemoryBytes: number): string {
  const header = 'service | CPU % (avg) | memory MiB | limit MiB | memory %';
  const rows = samples.map((s) => {
    const limited = s.memoryLimitBytes !== null && s.memoryLimitBytes > 0 && s.memoryLimitBytes < hostMemoryBytes;
    const mem = s.memoryUsageBytes === null ? 'unreadable' : (s.memoryUsageBytes / MIB).toFixed(1);
    const limit = s.memoryLimitBytes === null ? '-' : limited ? (s.memoryLimitBytes / MIB).toFixed(0) : 'none';
    const pct = limited && s.memoryUsageBytes !== null ? ((100 * s.memoryUsageBytes) / s.memoryLimitBytes!).toFixed(1) : '-';
    return `${s.service} | ${s.cpuPercent === null ? 'unreadable' : s.cpuPercent.toFixed(1)} | ${mem} | ${limit} | ${pct}${s.problem ? ` (${s.problem})` : ''}`;
  });
  return [header, ...rows].join('\n');
}

/** Every service read, below both limits; the table goes into the evidence either way. */
export function checkResourceUsage(samples: readonly ResourceSample[], check: ResourceUsageCheck): CheckResult {
  const window = `${(check.windowMs / 1000).toFixed(0)} s`;
  const base = { criterionId: check.criterionId, title: 'CPU and memory per service', limit: `every service read; CPU < ${check.cpuPercentAvgMax}% avg over ${window}; memory < ${check.memoryPercentMax}% of its limit` };
  const evidence: Evidence[] = [{ label: `resource table (${window} window)`, value: resourceTable(samples, check.hostMemoryBytes) }];
  const problems: string[] = [];
  const unread = samples.filter((s) => s.cpuPercent === null || s.memoryUsageBytes === null);
  if (unread.length > 0) problems.push(`could not read ${unread.map((s) => `${s.service} (${s.problem ?? 'no reading'})`).join(', ')}`);
  for (const s of samples) {
    if (s.cpuPercent !== null && s.cpuPercent >= check.cpuPercentAvgMax) problems.push(`${s.service} CPU ${s.cpuPercent.toFixed(1)}% ≥ ${check.cpuPercentAvgMax}%`);
    const limited = s.memoryLimitBytes !== null && s.memoryLimitBytes > 0 && s.memoryLimitBytes < check.hostMemoryBytes;
    if (limited && s.memoryUsageBytes !== null) {
      const pct = (100 * s.memoryUsageBytes) / s.memoryLimitBytes!;
      if (pct >= check.memoryPercentMax) problems.push(`${s.service} memory ${(s.memoryUsageBytes / MIB).toFixed(0)} of ${(s.memoryLimitBytes! / MIB).toFixed(0)} MiB (${pct.toFixed(1)}%) ≥ ${check.memoryPercentMax}%`);
    }
  }
  if (samples.length === 0) problems.push('no service to monitor');
  const unlimited = samples.filter((s) => s.memoryLimitBytes !== null && !(s.memoryLimitBytes > 0 && s.memoryLimitBytes < check.hostMemoryBytes)).map((s) => s.service);
  const noLimit = unlimited.length > 0 ? `; no memory limit (memory reported, not judged, D5.3): ${unlimited.join(', ')}` : '';
  if (problems.length > 0) {
    return { ...base, status: 'failed', measurement: problems.length, evidence, message: `${problems.join('; ')} (${samples.length} service(s), ${window} window)${noLimit}. hint: an unreadable service is stopped or the daemon is slow (docker stats <container>); a high one needs its limit or its load looked at` };
  }
  const topCpu = [...samples].sort((a, b) => b.cpuPercent! - a.cpuPercent!)[0]!;
  return { ...base, status: 'passed', measurement: samples.length, evidence, message: `${samples.length} service(s) read over ${window}: CPU below ${check.cpuPercentAvgMax}% (highest ${topCpu.service} ${topCpu.cpuPercent!.toFixed(1)}%), memory below ${check.memoryPercentMax}% of each limit${noLimit}` };
}
