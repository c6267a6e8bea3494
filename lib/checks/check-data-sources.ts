// INFLUX_DATAFLOW per external data source (D2-3, 001 L1082-1090: after Day 2, `from(bucket: "home_assistant_events")
// |> range(start: -1h) |> filter(fn: (r) => r._measurement == "weather_data") |> count()` > 0, for weather, sports,
// carbon intensity and air quality). Each source is judged on its own: points in the window (count > 0) and, when a
// maxAge is set, the age of its newest point, so a source that stopped writing 10 minutes ago fails even though the
// last hour still holds its earlier points. `judgeDataSources` is the pure verdict; `checkDataSources` reads InfluxDB
// (lib/influx readWindowPoints) and judges.
import { errorExcerpt } from '../common/printable.js';
import { maskSecrets } from '../common/secrets.js';
import { readWindowPoints } from '../influx/window-points.js';
import type { InfluxQueryClient } from '../influx/influx-query-client.js';
import type { CheckResult, Evidence } from './check-result.js';

/** One external data source: the service that fetches it and the measurement it writes. */
export interface DataSource {
  /** Name of the source (`weather`, `sports`), as in config `dataSources.sources`. */
  readonly name: string;
  /** Compose service that writes it (`weather-api`). */
  readonly service: string;
  /** InfluxDB measurement it writes (`weather_data`). */
  readonly measurement: string;
}

/** What InfluxDB held for one source at the reading. */
export interface DataSourceReading {
  /** The source read. */
  readonly source: DataSource;
  /** Points of the measurement in the window. */
  readonly count: number;
  /** Time of the newest point in the window, ms since epoch; undefined when there is none. */
  readonly newestAtMs?: number | undefined;
  /** Why InfluxDB could not be read for this source (masked, one line); the count is then meaningless. */
  readonly error?: string | undefined;
  /** False when the target does not run the service (a compose profile not active). @default true */
  readonly serviceRunning?: boolean | undefined;
}

/** How the readings are judged. */
export interface DataSourcesJudgement {
  /** Criterion ID from criteria.md (`D2-3`). */
  readonly criterionId: string;
  /** Bucket the sources were counted in (`home_assistant_events`). */
  readonly bucket: string;
  /** Window the points were counted over, ms (001: 1 h). */
  readonly windowMs: number;
  /** Oldest acceptable newest point, ms; undefined judges the count only. @default undefined */
  readonly maxAgeMs?: number | undefined;
  /** Wall clock of the reading, ms since epoch (the newest point's age is counted from it). */
  readonly nowMs: number;
  /** How long the reading took, ms. @default undefined */
  readonly durationMs?: number | undefined;
}

/** `1 h`, `30 min`, `8 s`, `1.5 s`, `250 ms`. */
export function formatWindowMs(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1_000) return `${Number((ms / 1_000).toFixed(1))} s`;
  return `${Math.round(ms)} ms`;
}

/** The Flux range start of a window: `-1h`, `-90m`, `-8s`, `-1500ms`. */
export function fluxWindow(ms: number): string {
  const whole = Math.max(1, Math.round(ms));
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1_000]] as const) if (whole % size === 0) return `-${whole / size}${unit}`;
  return `-${whole}ms`;
}

type Verdict = 'flowing' | 'stale' | 'empty' | 'not-running' | 'unreadable';

function verdictOf(r: DataSourceReading, j: DataSourcesJudgement): Verdict {
  if (r.error !== undefined) return 'unreadable';
  if (r.count <= 0) return r.serviceRunning === false ? 'not-running' : 'empty';
  if (j.maxAgeMs !== undefined && (r.newestAtMs === undefined || j.nowMs - r.newestAtMs > j.maxAgeMs)) return 'stale';
  return 'flowing';
}

const ageText = (r: DataSourceReading, nowMs: number) => (r.newestAtMs === undefined ? 'no newest point' : `newest ${formatWindowMs(Math.max(0, nowMs - r.newestAtMs))} old`);
const label = (s: DataSource) => `${s.name} (service ${s.service}, measurement ${s.measurement})`;

function describeReading(r: DataSourceReading, v: Verdict, j: DataSourcesJudgement): string {
  const window = formatWindowMs(j.windowMs);
  switch (v) {
    case 'unreadable':
      return `${label(r.source)}: InfluxDB could not be queried: ${r.error}`;
    case 'not-running':
      return `${label(r.source)}: 0 points in the last ${window}; ${r.source.service} is not running in the target`;
    case 'empty':
      return `${label(r.source)}: 0 points in the last ${window}; expected > 0`;
    case 'stale':
      return `${label(r.source)}: ${r.count} point(s) in the last ${window} but ${ageText(r, j.nowMs)}; limit ${formatWindowMs(j.maxAgeMs!)}`;
    case 'flowing':
      return `${r.source.name} (${r.source.service} → ${r.source.measurement}): ${r.count} point(s), ${ageText(r, j.nowMs)}`;
  }
}

function hintOf(r: DataSourceReading, v: Verdict): string {
  const s = r.source;
  switch (v) {
    case 'unreadable':
      return 'check the InfluxDB URL, token and org';
    case 'not-running':
      return `is ${s.service}'s compose profile active (COMPOSE_PROFILES=production for carbon-intensity and air-quality)?`;
    case 'empty':
      return `is ${s.service} running and writing (its logs, its provider API key)? Is "${s.measurement}" the measurement it writes (config dataSources.sources.${s.name}.measurement; HomeIQ's names are not confirmed, criteria.md D3.6)?`;
    case 'stale':
      return `${s.service} stopped writing ${s.measurement}: its logs, its provider API key and its InfluxDB write errors`;
    default:
      return '';
  }
}

/** The verdict: passed when every source has points in the window (and, with maxAge, a fresh newest point). */
export function judgeDataSources(readings: readonly DataSourceReading[], j: DataSourcesJudgement): CheckResult {
  const window = formatWindowMs(j.windowMs);
  const limit = `count > 0 per source in the last ${window}${j.maxAgeMs === undefined ? '' : `, newest point ≤ ${formatWindowMs(j.maxAgeMs)} old`}`;
  const base = { criterionId: j.criterionId, title: `data sources writing to InfluxDB bucket ${j.bucket} over ${window}`, limit, ...(j.durationMs === undefined ? {} : { durationMs: j.durationMs }) };
  if (readings.length === 0) {
    return { ...base, status: 'error', message: `no data source to check in bucket ${j.bucket}. hint: config dataSources.sources is empty` };
  }
  const judged = readings.map((r) => ({ r, v: verdictOf(r, j) }));
  const flowing = judged.filter((x) => x.v === 'flowing');
  const failing = judged.filter((x) => x.v !== 'flowing' && x.v !== 'unreadable');
  const unreadable = judged.filter((x) => x.v === 'unreadable');
  const evidence: Evidence[] = readings.flatMap((r) => [
    { label: `${r.source.name} points (${r.source.measurement}, last ${window})`, value: r.error === undefined ? r.count : null },
    { label: `${r.source.name} newest point age`, value: r.newestAtMs === undefined ? null : Math.max(0, Math.round(j.nowMs - r.newestAtMs)), unit: 'ms' },
  ]);
  const measurement = `${flowing.length} of ${readings.length} sources flowing`;
  const flowingText = flowing.map((x) => describeReading(x.r, x.v, j)).join('; ');
  if (failing.length === 0 && unreadable.length === 0) {
    return { ...base, status: 'passed', measurement, evidence, message: `${readings.length} data source(s) writing to bucket ${j.bucket} in the last ${window}${j.maxAgeMs === undefined ? '' : ` (newest point ≤ ${formatWindowMs(j.maxAgeMs)} old)`}: ${flowingText}` };
  }
  const bad = [...failing, ...unreadable];
  const hints = [...new Set(bad.map((x) => hintOf(x.r, x.v)))].join(' ');
  const head = failing.length > 0
    ? `${failing.length} of ${readings.length} data source(s) not flowing into bucket ${j.bucket} (window ${fluxWindow(j.windowMs)})`
    : `${unreadable.length} of ${readings.length} data source(s) could not be read from bucket ${j.bucket} (window ${fluxWindow(j.windowMs)})`;
  const message = `${head}: ${bad.map((x) => describeReading(x.r, x.v, j)).join('; ')}. hint: ${hints}${flowing.length > 0 ? ` | flowing: ${flowingText}` : ''}`;
  return { ...base, status: failing.length > 0 ? 'failed' : 'error', measurement, evidence, message: maskSecrets(message) };
}

/** Options of {@link checkDataSources}. */
export interface DataSourcesCheck {
  /** Criterion ID from criteria.md (`D2-3`). */
  readonly criterionId: string;
  /** Runs the Flux (`new FluxClient(…).typed` or `HttpInfluxQueryClient`; its token is masked in messages). */
  readonly influx: InfluxQueryClient;
  /** Bucket the sources write to. */
  readonly bucket: string;
  /** The sources to judge, each on its own (config `dataSources.sources`). */
  readonly sources: readonly DataSource[];
  /** Window counted, ms. @default 3600000 (1 h, 001 L1090) */
  readonly windowMs?: number;
  /** Oldest acceptable newest point, ms. @default undefined (count only) */
  readonly maxAgeMs?: number | undefined;
  /** Services the target runs; a source whose service is not among them gets a profile hint. @default every service */
  readonly runningServices?: readonly string[];
  /** Wall clock, ms since epoch. @default Date.now */
  readonly now?: () => number;
}

/** Reads every source's points (in parallel) and judges them with {@link judgeDataSources}. */
export async function checkDataSources(check: DataSourcesCheck): Promise<CheckResult> {
  const windowMs = check.windowMs ?? 3_600_000;
  const now = check.now ?? Date.now;
  const started = performance.now();
  const readings = await Promise.all(check.sources.map(async (source): Promise<DataSourceReading> => {
    const serviceRunning = check.runningServices === undefined ? undefined : check.runningServices.includes(source.service);
    try {
      const points = await readWindowPoints(check.influx, { bucket: check.bucket, measurement: source.measurement, range: fluxWindow(windowMs) });
      return { source, count: points.count, newestAtMs: points.newestTime === undefined ? undefined : Date.parse(points.newestTime), serviceRunning };
    } catch (error) {
      return { source, count: 0, error: maskSecrets(errorExcerpt(error)), serviceRunning };
    }
  }));
  return judgeDataSources(readings, { criterionId: check.criterionId, bucket: check.bucket, windowMs, maxAgeMs: check.maxAgeMs, nowMs: now(), durationMs: performance.now() - started });
}
