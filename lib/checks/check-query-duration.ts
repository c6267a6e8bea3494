// BASELINE_REGRESSION "DB query time" (TV-P4, 001 L1411-1418: `influx query 'from(bucket: "home_assistant_events")
// |> range(start: -24h) |> filter(...) |> count()' --profilers query-duration`; L1424 "within 15% of baseline"): the
// same Flux count is timed from the client (median of a few runs), and once more with Flux's `profiler` option to read
// the server's own query duration when the server supports it (the InfluxDB double does not: no `import`/`option`,
// docs/influx-double.md — said in the message). With a recorded baseline the limit is baseline × (1 + ratio); without
// one, an absolute limit is judged and a pass is "not decidable", never passed (onlyNecessary).
import { errorExcerpt } from '../common/printable.js';
import { maskSecrets } from '../common/secrets.js';
import { fluxString } from '../influx/flux-queries.js';
import type { InfluxQueryClient } from '../influx/influx-query-client.js';
import type { CheckResult, Evidence } from './check-result.js';
import { onlyNecessary } from './only-necessary.js';

/** Options of {@link checkQueryDuration}. */
export interface QueryDurationCheck {
  readonly criterionId: string;
  readonly influx: InfluxQueryClient;
  readonly bucket: string;
  /** @default 'home_assistant_events' */
  readonly measurement?: string;
  /** Flux range start. @default '-24h' */
  readonly range?: string;
  /** Timed runs; the median is judged. @default 3 */
  readonly samples?: number;
  /** The query's duration before the deployment, ms; null when none is recorded. */
  readonly baselineMs: number | null;
  /** Allowed slowdown against the baseline, fraction (001 L1424: 0.15). */
  readonly regressionRatio: number;
  /** Limit without a baseline, ms (config thresholds.dbQueryMaxMs). */
  readonly maxMs: number;
  /** Monotonic ms, for tests. @default performance.now */
  readonly now?: () => number;
}

/** The Flux of 001 L1413-1417 for a bucket, measurement and range. */
export function countQuery(bucket: string, measurement: string, range: string): string {
  return `from(bucket: ${fluxString(bucket)}) |> range(start: ${range}) |> filter(fn: (r) => r._measurement == ${fluxString(measurement)}) |> count()`;
}

/** The same query with Flux's query profiler on (`--profilers query-duration` of the influx CLI). */
export function profiledQuery(query: string): string {
  return `import "profiler"\noption profiler.enabledProfilers = ["query"]\n${query}`;
}

/** The server-side duration (`TotalDuration`, ns) from the profiler table, in ms; undefined when absent. */
export function profilerDurationMs(rows: ReadonlyArray<Record<string, unknown>>): number | undefined {
  const row = rows.find((r) => r._measurement === 'profiler/query' && r.TotalDuration !== undefined);
  const ns = Number(row?.TotalDuration);
  return row && Number.isFinite(ns) ? ns / 1e6 : undefined;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function checkQueryDuration(check: QueryDurationCheck): Promise<CheckResult> {
  const measurement = check.measurement ?? 'home_assistant_events';
  const range = check.range ?? '-24h';
  const now = check.now ?? (() => performance.now());
  const query = countQuery(check.bucket, measurement, range);
  const limitMs = check.baselineMs !== null ? check.baselineMs * (1 + check.regressionRatio) : check.maxMs;
  const limit = check.baselineMs !== null ? `≤ ${Math.round(limitMs * 10) / 10} ms (baseline ${check.baselineMs.toFixed(0)} ms + ${Math.round(check.regressionRatio * 100)}%)` : `≤ ${check.maxMs} ms (no baseline recorded: phasegate's absolute limit, thresholds.dbQueryMaxMs)`;
  const base = { criterionId: check.criterionId, title: `Flux count over ${range} on ${measurement}`, limit };
  const durations: number[] = [];
  let points = 0;
  try {
    for (let i = 0; i < (check.samples ?? 3); i += 1) {
      const started = now();
      const rows = await check.influx.query(query);
      durations.push(now() - started);
      points = rows.reduce((sum, r) => sum + (Number(r._value) || 0), 0);
    }
  } catch (error) {
    const excerpt = errorExcerpt(error);
    return { ...base, status: 'error', message: maskSecrets(`the Flux count over ${range} on bucket ${check.bucket} failed: ${excerpt}${/hint:/.test(excerpt) ? '' : '. hint: check the InfluxDB token, org and bucket'}`) };
  }
  let profiler: string;
  try {
    const server = profilerDurationMs(await check.influx.query(profiledQuery(query)));
    profiler = server === undefined ? 'the server ran the profiled query but returned no profiler/query table' : `server-side TotalDuration ${server.toFixed(1)} ms (Flux profiler)`;
  } catch (error) {
    profiler = `the server does not support the Flux profiler option (${errorExcerpt(error, 100)}); client-side time only`;
  }
  const ms = median(durations);
  const evidence: Evidence[] = [
    { label: 'query duration (median, client)', value: Math.round(ms * 10) / 10, unit: 'ms' },
    { label: 'runs', value: durations.map((d) => d.toFixed(1)).join(', '), unit: 'ms' },
    { label: 'points counted', value: points },
    { label: 'profiler', value: profiler },
  ];
  const what = `Flux count over ${range} on ${measurement} (bucket ${check.bucket}, ${points} points) took ${ms.toFixed(1)} ms (median of ${durations.length}: ${durations.map((d) => d.toFixed(1)).join(', ')} ms); ${profiler}`;
  if (ms > limitMs) {
    return { ...base, status: 'failed', measurement: Math.round(ms * 10) / 10, evidence, message: `${what}; limit ${limit}. hint: a slow storage engine or a bucket grown past its retention; compare with InfluxDB's own /metrics and the data-retention policies` };
  }
  const passed: CheckResult = { ...base, status: 'passed', measurement: Math.round(ms * 10) / 10, evidence, message: `${what}; within ${limit}` };
  return check.baselineMs !== null ? passed : onlyNecessary(passed, '001 L1424 asks "within 15% of baseline" and no pre-deployment query duration is recorded (thresholds.dbQueryBaselineMs)');
}
