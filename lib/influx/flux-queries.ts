// The few Flux questions phasegate asks: how many points in a window, and which is the newest.
import { ConfigError } from '../common/errors.js';
import type { FluxRow, FluxValue } from './annotated-csv.js';
import type { InfluxQueryClient } from './influx-query-client.js';

/** A Flux range: a relative duration (`-5m`, `-1h30m`) or absolute bounds (`Date` or RFC3339 text). */
export type FluxRange = string | { readonly start: Date | string; readonly stop?: Date | string };

/** Which points to look at. */
export interface PointSelector {
  readonly bucket: string;
  readonly measurement: string;
  /** Only this field (`context_id`); all fields when absent. */
  readonly field?: string;
  readonly range: FluxRange;
}

/** The newest point found by {@link lastPoint}. */
export interface LastPoint {
  /** RFC3339 time of the point. */
  readonly time: string;
  readonly value: FluxValue;
  readonly field: string;
  /** Tag columns of its series. */
  readonly tags: Readonly<Record<string, FluxValue>>;
}

const DURATION = /^-(?:\d+(?:ns|us|µs|ms|s|m|h|d|w))+$/;

/** A Flux string literal (quotes, backslashes and `${` escaped). */
export function fluxString(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&').replace(/\$\{/g, '\\${')}"`;
}

function fluxTime(value: Date | string, what: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new ConfigError(`Flux range ${what} must be a date or RFC3339 time (received ${JSON.stringify(String(value))})`);
  return date.toISOString();
}

/** The `range(...)` call for a range. Throws ConfigError on a malformed range, before any query is sent. */
export function fluxRange(range: FluxRange): string {
  if (typeof range === 'string') {
    if (!DURATION.test(range)) throw new ConfigError(`Flux range must be a negative duration like "-5m" or "-1h" (received ${JSON.stringify(range)})`);
    return `range(start: ${range})`;
  }
  return `range(start: ${fluxTime(range.start, 'start')}${range.stop === undefined ? '' : `, stop: ${fluxTime(range.stop, 'stop')}`})`;
}

function selection(s: PointSelector): string {
  const field = s.field === undefined ? '' : ` and r._field == ${fluxString(s.field)}`;
  return `from(bucket: ${fluxString(s.bucket)}) |> ${fluxRange(s.range)} |> filter(fn: (r) => r._measurement == ${fluxString(s.measurement)}${field})`;
}

/** Number of points selected. Counts per series and sums here, so fields of different types never collide. */
export async function countPoints(client: InfluxQueryClient, selector: PointSelector): Promise<number> {
  const rows = await client.query(`${selection(selector)} |> count()`);
  return rows.reduce((sum, r) => sum + (typeof r._value === 'number' ? r._value : Number(r._value ?? 0)), 0);
}

const NON_TAG = new Set(['result', 'table', '_start', '_stop', '_time', '_value', '_field', '_measurement']);

/** The newest point selected, or undefined when there is none. */
export async function lastPoint(client: InfluxQueryClient, selector: PointSelector): Promise<LastPoint | undefined> {
  const rows = await client.query(`${selection(selector)} |> last()`);
  let newest: FluxRow | undefined;
  for (const r of rows) if (typeof r._time === 'string' && (!newest || Date.parse(r._time) > Date.parse(String(newest._time)))) newest = r;
  if (!newest) return undefined;
  const tags = Object.fromEntries(Object.entries(newest).filter(([k]) => !NON_TAG.has(k)));
  return { time: String(newest._time), value: newest._value ?? null, field: String(newest._field ?? ''), tags };
}
