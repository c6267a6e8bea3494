// RESOURCE (TV-A1 "alert on memory > 90%"): each container's memory use against its limit, from one stats reading
// each. The plans never say what the percentage is of (D5.3): a container with a `mem_limit` is judged against it;
// one without is judged against the memory Docker reports as its limit (the host's), and the message says so. Pure.
import type { CheckResult } from './check-result.js';

/** One container's memory reading. */
export interface MemoryReading {
  readonly service: string;
  readonly usedBytes: number;
  /** What Docker reports as the limit: the `mem_limit`, else the host's memory. */
  readonly limitBytes: number;
  /** True when the compose file sets a memory limit (`mem_limit` / `deploy.resources.limits.memory`). */
  readonly limited: boolean;
}

/** Options of {@link checkMemoryHeadroom}. */
export interface MemoryHeadroomCheck {
  /** Criterion ID from criteria.md (`TV-A1`). */
  readonly criterionId: string;
  /** Highest tolerated use as a fraction of the limit (001 L1483: 0.9). */
  readonly maxRatio: number;
}

const MIB = 1024 * 1024;
const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** Fails every container at or above `maxRatio` of its limit, naming use, limit and which limit it was. */
export function checkMemoryHeadroom(readings: readonly MemoryReading[], check: MemoryHeadroomCheck): CheckResult {
  const limit = `memory < ${pct(check.maxRatio)} of the container's limit`;
  const base = { criterionId: check.criterionId, title: 'memory headroom of every container', limit };
  if (readings.length === 0) return { ...base, status: 'error', message: 'no container memory reading was taken. hint: is the project running?' };
  const ratio = (r: MemoryReading) => (r.limitBytes > 0 ? r.usedBytes / r.limitBytes : Number.POSITIVE_INFINITY);
  const describe = (r: MemoryReading) => `${r.service} ${(r.usedBytes / MIB).toFixed(1)} MiB of ${(r.limitBytes / MIB).toFixed(0)} MiB ${r.limited ? 'mem_limit' : 'host memory (no mem_limit, D5.3)'} = ${pct(ratio(r))}`;
  const over = readings.filter((r) => ratio(r) >= check.maxRatio).sort((a, b) => ratio(b) - ratio(a));
  const worst = [...readings].sort((a, b) => ratio(b) - ratio(a))[0]!;
  const unlimited = readings.filter((r) => !r.limited).map((r) => r.service);
  const note = unlimited.length ? `; ${unlimited.length} without a mem_limit judged against host memory: ${unlimited.join(', ')}` : '';
  if (over.length === 0) {
    return { ...base, status: 'passed', measurement: Math.round(ratio(worst) * 1000) / 10, message: `${readings.length} container(s) below ${pct(check.maxRatio)}; highest: ${describe(worst)}${note}` };
  }
  return {
    ...base,
    status: 'failed',
    measurement: Math.round(ratio(over[0]!) * 1000) / 10,
    message: `${over.length} container(s) at or above ${pct(check.maxRatio)} of their memory limit: ${over.slice(0, 5).map(describe).join('; ')}${note}. hint: an OOM kill is near; raise mem_limit or look for a leak (checkMemoryTrend)`,
    evidence: over.map((r) => ({ label: r.service, value: Math.round(ratio(r) * 1000) / 10, unit: '%' })),
  };
}
