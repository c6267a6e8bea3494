// INFLUX_DATAFLOW (TV-M5 "InfluxDB write rate", 001 L1472-1478): points of a measurement written within a recent
// window, counted with Flux. A count of 0 means nothing was written in that window, whatever /health says.
import type { CheckResult } from './check-result.js';
import { errorExcerpt } from '../common/printable.js';
import { maskSecrets } from '../common/secrets.js';
import { countPoints, type FluxRange } from '../influx/flux-queries.js';
import type { InfluxQueryClient } from '../influx/influx-query-client.js';

/** Options of {@link checkRecentWrites}. */
export interface RecentWritesCheck {
  /** Criterion ID from criteria.md (`TV-M5`). */
  readonly criterionId: string;
  readonly influx: InfluxQueryClient;
  readonly bucket: string;
  /** @default 'home_assistant_events' */
  readonly measurement?: string;
  /** One field, so each event counts once. @default every field */
  readonly field?: string;
  /** Flux range, e.g. `-1h`. @default '-1h' */
  readonly range?: FluxRange;
}

/** Passes when the window holds at least one point; `error` when InfluxDB cannot be queried. */
export async function checkRecentWrites(check: RecentWritesCheck): Promise<CheckResult> {
  const measurement = check.measurement ?? 'home_assistant_events';
  const range = check.range ?? '-1h';
  const shownRange = typeof range === 'string' ? range : `${String(range.start)} → ${String(range.stop ?? 'now')}`;
  const base = { criterionId: check.criterionId, title: `InfluxDB writes to ${measurement} over ${shownRange}`, limit: 'count > 0' };
  const where = `bucket ${check.bucket}, measurement ${measurement}${check.field ? `, field ${check.field}` : ''}, range ${shownRange}`;
  const started = performance.now();
  let count: number;
  try {
    count = await countPoints(check.influx, { bucket: check.bucket, measurement, range, ...(check.field ? { field: check.field } : {}) });
  } catch (error) {
    return { ...base, status: 'error', message: maskSecrets(`InfluxDB could not be queried (${where}): ${errorExcerpt(error)}. hint: check the token and org`) };
  }
  const durationMs = performance.now() - started;
  if (count > 0) return { ...base, status: 'passed', measurement: count, durationMs, message: `${count} point(s) written (${where})` };
  return { ...base, status: 'failed', measurement: 0, durationMs, message: `0 points written (${where}); expected > 0. hint: nothing reached InfluxDB in that window; check websocket-ingestion's writes (its logs, its /health counters) and the Home Assistant connection` };
}
