// INFLUX_DATAFLOW, P1-S3-AC5 "no data loss during restart": the points written before InfluxDB was restarted are
// counted in a closed window [start, t0) before the restart and again after it; the second count may not be lower.
import type { CheckResult } from './check-result.js';
import { errorExcerpt } from '../common/printable.js';
import { countPoints } from '../influx/flux-queries.js';
import type { InfluxQueryClient } from '../influx/influx-query-client.js';

/** The points InfluxDB held before a restart: a closed time window and its count. */
export interface PointSnapshot {
  readonly bucket: string;
  readonly measurement: string;
  /** RFC3339 start of the window. */
  readonly start: string;
  /** RFC3339 end of the window (exclusive): the moment the snapshot was taken, before the restart. */
  readonly stop: string;
  readonly count: number;
}

/** Options of {@link snapshotPoints}. */
export interface SnapshotPointsOptions {
  readonly influx: InfluxQueryClient;
  readonly bucket: string;
  /** @default 'home_assistant_events' */
  readonly measurement?: string;
  /** The snapshot's end, normally now. */
  readonly stop: Date;
  /** How far back the window reaches, in ms. @default 2592000000 (30 days) */
  readonly lookbackMs?: number;
}

/** Counts the points of the window ending at `stop` (taken before a restart). */
export async function snapshotPoints(options: SnapshotPointsOptions): Promise<PointSnapshot> {
  const measurement = options.measurement ?? 'home_assistant_events';
  const start = new Date(options.stop.getTime() - (options.lookbackMs ?? 30 * 24 * 3_600_000)).toISOString();
  const stop = options.stop.toISOString();
  const count = await countPoints(options.influx, { bucket: options.bucket, measurement, range: { start, stop } });
  return { bucket: options.bucket, measurement, start, stop, count };
}

/** Options of {@link checkNoDataLoss}. */
export interface NoDataLossCheck {
  readonly criterionId: string;
  readonly influx: InfluxQueryClient;
  /** Taken before the restart; null when none was taken (no rebuild ran). */
  readonly before: PointSnapshot | null;
  /** What happened in between, for the message (`InfluxDB restarted by step P1-S3`). */
  readonly event: string;
}

/** Recounts the snapshot's window: fewer points than before is data loss; an empty snapshot proves nothing. */
export async function checkNoDataLoss(check: NoDataLossCheck): Promise<CheckResult> {
  const base = { criterionId: check.criterionId, title: 'no data loss across the InfluxDB restart' };
  if (check.before === null) {
    return { ...base, status: 'skipped', message: `no point count was taken before the restart (${check.event} did not happen in this run)` };
  }
  const b = check.before;
  const where = `bucket ${b.bucket}, measurement ${b.measurement}, ${b.start} → ${b.stop}`;
  const limit = `count ≥ ${b.count}`;
  if (b.count === 0) {
    return { ...base, status: 'skipped', limit, measurement: 0, message: `nothing to lose: InfluxDB held 0 points (${where}) before ${b.stop}, so a restart that wipes data would go unnoticed. hint: let events flow before the rebuild` };
  }
  let after: number;
  try {
    after = await countPoints(check.influx, { bucket: b.bucket, measurement: b.measurement, range: { start: b.start, stop: b.stop } });
  } catch (error) {
    return { ...base, status: 'error', limit, message: `cannot recount the points of ${where} after ${check.event}: ${errorExcerpt(error)}. hint: is InfluxDB up and the token valid?` };
  }
  if (after < b.count) {
    return {
      ...base,
      status: 'failed',
      limit,
      measurement: after,
      message: `InfluxDB lost ${b.count - after} of ${b.count} points written before ${check.event} (${where}: ${b.count} before, ${after} after). hint: is /var/lib/influxdb2 a named volume, and did the restart remove it (down -v)?`,
    };
  }
  return { ...base, status: 'passed', limit, measurement: after, message: `all ${b.count} points written before ${check.event} are still there (${where}: ${after} after)` };
}
