// RESOURCE "CPU < 70% average" (PD-24H-2b, 001 L1702; 003's "< 50%", D5.3 picks the limit): each container's CPU use
// averaged over a window, from two Docker stats readings, computed as `docker stats` does — Δ container CPU time over
// Δ host CPU time × online CPUs × 100, so 100% is one whole core. The sampling is an adapter; the verdict is pure.
import type { CpuCounters } from '../docker/container-inspector.js';
import type { CheckResult, Evidence } from './check-result.js';

/** One service's average CPU use over the window, in % of one core; null when it could not be read. */
export interface CpuReading {
  readonly service: string;
  readonly percent: number | null;
  /** Why the reading is missing. */
  readonly problem?: string;
}

/** CPU % between two readings, as `docker stats` computes it; null when the host counter did not advance. */
export function cpuPercentBetween(first: CpuCounters, second: CpuCounters): number | null {
  const system = second.systemUsageNs - first.systemUsageNs;
  const used = second.totalUsageNs - first.totalUsageNs;
  if (system <= 0 || used < 0) return null;
  return (used / system) * second.onlineCpus * 100;
}

/** Reads every container twice, `windowMs` apart, and averages its CPU use over that window. */
export async function sampleCpuPercent(
  stats: (container: string) => Promise<{ readonly cpu?: CpuCounters }>,
  containers: ReadonlyArray<{ readonly service: string; readonly container: string }>,
  windowMs: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<CpuReading[]> {
  const read = (container: string) => stats(container).then((s) => s.cpu, (e: Error) => e);
  const first = await Promise.all(containers.map((c) => read(c.container)));
  await sleep(windowMs);
  const second = await Promise.all(containers.map((c) => read(c.container)));
  return containers.map((c, i) => {
    const [a, b] = [first[i], second[i]];
    if (a instanceof Error || b instanceof Error) return { service: c.service, percent: null, problem: (a instanceof Error ? a : (b as Error)).message.split('\n', 1)[0]! };
    if (!a || !b) return { service: c.service, percent: null, problem: 'the Docker API reported no CPU counters' };
    const percent = cpuPercentBetween(a, b);
    return percent === null ? { service: c.service, percent: null, problem: 'the host CPU counter did not advance' } : { service: c.service, percent };
  });
}

export interface CpuPercentCheck {
  readonly criterionId: string;
  /** Highest acceptable average, % of one core (D5.3: 70, or 50 per 003). */
  readonly maxPercent: number;
  /** The window the average covers, in ms (for the message: what was proven). */
  readonly windowMs: number;
}

/** Every service's average CPU below the limit; an unreadable service is an error, never a pass. */
export function checkCpuPercent(readings: readonly CpuReading[], check: CpuPercentCheck): CheckResult {
  const window = `${(check.windowMs / 1000).toFixed(0)} s`;
  const base = { criterionId: check.criterionId, title: 'average CPU use per service', limit: `< ${check.maxPercent}% average over ${window} (100% = one core)` };
  const line = (r: CpuReading) => `${r.service} ${r.percent === null ? `unreadable (${r.problem})` : `${r.percent.toFixed(1)}%`}`;
  const evidence: Evidence[] = readings.map((r) => ({ label: r.service, value: r.percent === null ? null : Math.round(r.percent * 10) / 10, unit: '%' }));
  const read = readings.filter((r): r is CpuReading & { percent: number } => r.percent !== null);
  const worst = read.reduce((m, r) => Math.max(m, r.percent), 0);
  const over = read.filter((r) => r.percent >= check.maxPercent).sort((a, b) => b.percent - a.percent);
  if (over.length > 0) {
    return { ...base, status: 'failed', measurement: Math.round(worst * 10) / 10, evidence, message: `${over.length} service(s) at or above ${check.maxPercent}% CPU on average over ${window}: ${over.map(line).join('; ')}. hint: a busy loop or an undersized CPU share; one window is a sample, confirm over the plan's window (docker stats)` };
  }
  const unread = readings.filter((r) => r.percent === null);
  if (unread.length > 0 || readings.length === 0) {
    return { ...base, status: 'error', evidence, message: readings.length === 0 ? 'no container to read the CPU of' : `could not read the CPU of ${unread.map(line).join('; ')}. hint: is the Docker daemon reachable?` };
  }
  const top = [...read].sort((a, b) => b.percent - a.percent).slice(0, 3).map(line).join(', ');
  return { ...base, status: 'passed', measurement: Math.round(worst * 10) / 10, evidence, message: `${read.length} service(s) below ${check.maxPercent}% CPU on average over ${window} (highest: ${top})` };
}
