// RESOURCE "memory usage < 80% for all services" (PD-24H-2a, 001 L1701; D5.3 picks the limit): each container's memory
// in use against its limit, from one Docker stats reading. A container without a memory limit reports the host's
// memory as its limit; D5.3 says such services are reported, not judged (pure).
import type { CheckResult, Evidence } from './check-result.js';

/** One service's memory reading (lib/docker `stats`). */
export interface MemoryReading {
  readonly service: string;
  readonly usageBytes: number;
  readonly limitBytes: number;
}

export interface MemoryPercentCheck {
  readonly criterionId: string;
  /** Highest acceptable use, % of the limit (D5.3: 80). */
  readonly maxPercent: number;
  /** The host's memory in bytes; a limit at or above it means "no limit set". */
  readonly hostMemoryBytes: number;
  /** Services whose reading failed, with why. @default [] */
  readonly unreadable?: readonly string[];
}

const MIB = 1024 * 1024;
const pct = (r: MemoryReading) => (r.limitBytes > 0 ? (100 * r.usageBytes) / r.limitBytes : 0);

export function checkMemoryPercent(readings: readonly MemoryReading[], check: MemoryPercentCheck): CheckResult {
  const limit = `< ${check.maxPercent}% of the container memory limit`;
  const base = { criterionId: check.criterionId, title: 'memory use per service', limit };
  const judged = readings.filter((r) => r.limitBytes > 0 && r.limitBytes < check.hostMemoryBytes);
  const unlimited = readings.filter((r) => !judged.includes(r));
  const line = (r: MemoryReading) => `${r.service} ${(r.usageBytes / MIB).toFixed(0)} MiB of ${(r.limitBytes / MIB).toFixed(0)} MiB (${pct(r).toFixed(1)}%)`;
  const evidence: Evidence[] = readings.map((r) => ({ label: r.service, value: line(r) }));
  const over = judged.filter((r) => pct(r) >= check.maxPercent);
  const worst = judged.reduce((m, r) => Math.max(m, pct(r)), 0);
  const noLimit = unlimited.length ? `; no memory limit (reported, not judged, D5.3): ${unlimited.map((r) => r.service).join(', ')}` : '';
  if (over.length > 0) {
    return { ...base, status: 'failed', measurement: Math.round(worst * 10) / 10, evidence, message: `${over.length} service(s) at or above ${check.maxPercent}% of their memory limit: ${over.map(line).join('; ')}${noLimit}. hint: a leak or an undersized mem_limit; compare with PD-48H-4's memory trend` };
  }
  if ((check.unreadable?.length ?? 0) > 0) {
    return { ...base, status: 'error', evidence, message: `could not read the memory of ${check.unreadable!.join('; ')}. hint: is the Docker daemon reachable?` };
  }
  if (judged.length === 0) {
    return { ...base, status: 'skipped', evidence, message: `not decidable: none of ${readings.length} services has a memory limit, so there is no base for the percentage (D5.3)${noLimit}` };
  }
  return { ...base, status: 'passed', measurement: Math.round(worst * 10) / 10, evidence, message: `${judged.length} service(s) below ${check.maxPercent}% of their memory limit (highest ${worst.toFixed(1)}%)${noLimit}` };
}
