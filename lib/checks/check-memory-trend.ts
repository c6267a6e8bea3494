// SOAK "no memory leaks" (P3-SC5, PD-48H-4, RB-CL-PERF3): memory sampled at a fixed interval; a least-squares slope
// whose confidence interval lies above the tolerated growth fails. A flat or noisy series passes.
// Warm-up: right after a start a runtime's heap grows for many minutes (measured on the twins: websocket-ingestion
// +2 MiB/min for the first 5+ min, from V8 growing its heap, not from anything it keeps). A one-minute slope cannot
// tell that from a leak, so while the container is younger than `warmUpMs` a significant slope below the gross rate
// `warmUpMaxGrowthBytesPerS` is "not yet decidable" (skipped), never passed; a gross leak fails at once.
import type { CheckResult } from './check-result.js';
import { SystemClock, type Clock } from '../common/clock.js';
import { maskSecrets } from '../common/secrets.js';
import { linearTrend } from '../stats/linear-trend.js';

/** One service's memory, sampled over a window. */
export interface MemoryTrendCheck {
  /** Criterion ID (`P3-SC5`, `PD-48H-4`, `RB-CL-PERF3`). */
  readonly criterionId: string;
  /** Name in messages (`data-api`). */
  readonly service: string;
  /** Reads the memory in use, in bytes (Docker stats, a process RSS). */
  readonly sample: () => Promise<number>;
  /** Growth tolerated, in bytes per second; the check fails only when the slope is significantly above it. */
  readonly maxGrowthBytesPerS: number;
  /** Samples taken (at least 3). @default 10 */
  readonly samples?: number;
  /** Pause between two samples, ms. @default 1000 */
  readonly intervalMs?: number;
  /** Two-sided confidence level of the slope interval. @default 0.95 */
  readonly confidence?: number;
  /** When the container last started (ISO 8601, Docker's State.StartedAt); enables the warm-up rule. @default no warm-up rule */
  readonly startedAt?: string;
  /** Uptime below which a moderate slope is not judged (heap warm-up), in ms. @default 600000 (10 min) */
  readonly warmUpMs?: number;
  /** During warm-up, growth that fails anyway (a gross leak), in bytes per second. @default 300000 (about 1 GiB per hour) */
  readonly warmUpMaxGrowthBytesPerS?: number;
  /** @default new SystemClock() */
  readonly clock?: Clock;
}

/** Adapts lib/docker's inspector (`stats(id)` → `memoryUsageBytes`) to a memory sampler of one container. */
export function inspectorMemorySampler(inspector: { stats(idOrName: string): Promise<{ readonly memoryUsageBytes: number }> }, container: string): () => Promise<number> {
  return async () => (await inspector.stats(container)).memoryUsageBytes;
}

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(2)} MiB`;
const mibPerS = (bytes: number) => `${(bytes / MIB).toFixed(2)} MiB/s`;

/** Samples the memory `samples` times, fits a line and fails when its slope is significantly above the tolerance. */
export async function checkMemoryTrend(check: MemoryTrendCheck): Promise<CheckResult> {
  const clock = check.clock ?? new SystemClock();
  const n = Math.max(3, check.samples ?? 10);
  const intervalMs = check.intervalMs ?? 1_000;
  const confidence = check.confidence ?? 0.95;
  const limit = `growth <= ${mibPerS(check.maxGrowthBytesPerS)}`;
  const base = { criterionId: check.criterionId, title: `${check.service} memory trend`, limit };
  const started = clock.monotonicMs();
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0) await clock.sleep(intervalMs);
    try {
      ys.push(await check.sample());
      xs.push((clock.monotonicMs() - started) / 1000);
    } catch (error) {
      return { ...base, status: 'error', durationMs: clock.monotonicMs() - started, message: maskSecrets(`cannot read the memory of ${check.service}: ${(error as Error).message}. hint: is the container running and the Docker daemon reachable?`) };
    }
  }
  const trend = linearTrend(xs, ys, { confidence });
  const windowS = xs[xs.length - 1]! - xs[0]!;
  const pct = Math.round(confidence * 100);
  const described = `${mibPerS(trend.slope)} (${pct}% CI ${mibPerS(trend.slopeLower)} to ${mibPerS(trend.slopeUpper)}, R²=${trend.rSquared.toFixed(2)}) over ${n} samples in ${windowS.toFixed(1)} s (${mib(ys[0]!)} → ${mib(ys[ys.length - 1]!)})`;
  const evidence = [
    { label: 'slope', value: Math.round(trend.slope), unit: 'bytes/s' },
    { label: `slope ${pct}% CI lower bound`, value: Math.round(trend.slopeLower), unit: 'bytes/s' },
    { label: 'first sample', value: ys[0]!, unit: 'bytes' },
    { label: 'last sample', value: ys[ys.length - 1]!, unit: 'bytes' },
  ];
  const durationMs = clock.monotonicMs() - started;
  const measurement = Math.round(trend.slope);
  if (trend.slopeLower > check.maxGrowthBytesPerS) {
    const ageMs = check.startedAt === undefined ? undefined : clock.now() - Date.parse(check.startedAt);
    const warmUpMs = check.warmUpMs ?? 600_000;
    const gross = check.warmUpMaxGrowthBytesPerS ?? 300_000;
    if (ageMs !== undefined && Number.isFinite(ageMs) && ageMs < warmUpMs && trend.slopeLower <= gross) {
      const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;
      return { ...base, status: 'skipped', measurement, evidence, durationMs, message: `not yet decidable: ${check.service} memory grows ${described}, above ${limit}, but the container has run only ${minutes(ageMs)} (warm-up ${minutes(warmUpMs)}: a runtime's heap grows for minutes after a start, which a ${windowS.toFixed(0)} s window cannot tell from a leak; below the gross ${mibPerS(gross)} that fails at once). hint: gate the same stack again once it is older (PHASEGATE_REUSE_STACK=1)` };
    }
    return { ...base, status: 'failed', measurement, evidence, durationMs, message: `${check.service} memory grows ${described}; limit ${limit}. hint: a leak; confirm over a longer window (docker stats) before blaming a change` };
  }
  return { ...base, status: 'passed', measurement, evidence, durationMs, message: `${check.service} memory trend ${described}; within ${limit}` };
}
