// RB-R-1 "restore with identical Influx query results": the same Flux queries answered before the teardown and
// after the restore must return the same rows — per table, in any order, with exact values. Pure: takes the rows
// an InfluxQueryClient returned (or the annotated CSV text) and returns a diff summary, and a CheckResult.
import { parseFluxCsv, type FluxRow, type FluxValue } from '../influx/annotated-csv.js';
import type { CheckResult } from './check-result.js';

/** Options of {@link compareQueryResults}. */
export interface CompareQueryResultsOptions {
  /**
   * Columns left out of the comparison. `result` and `table` are labels of the answer, not data; `_start`/`_stop`
   * are the query's own bounds and differ between runs of a relative range (`-1h`). Pass `['result', 'table']`
   * with an absolute range to compare the bounds too. @default ['result', 'table', '_start', '_stop']
   */
  readonly ignoreColumns?: readonly string[];
  /**
   * Columns that name a table (Flux's group key). @default `_measurement`, `_field` and every column not starting
   * with `_` (the tags), minus the ignored ones
   */
  readonly tableKey?: readonly string[];
}

/** How one table differs. */
export interface TableDiff {
  /** `_measurement=home_assistant_events,_field=context_id,entity_id=sensor.x`. */
  readonly table: string;
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  /** Rows only before (lost), counted with multiplicity. */
  readonly missing: number;
  /** Rows only after (new or changed). */
  readonly extra: number;
  /** First row, in sorted order, where the two sides differ: what was there before and what is there after. */
  readonly firstDifference: { readonly index: number; readonly before: FluxRow | null; readonly after: FluxRow | null };
}

/** The comparison of two query answers. */
export interface QueryResultsDiff {
  readonly identical: boolean;
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  readonly tablesBefore: number;
  readonly tablesAfter: number;
  readonly missing: number;
  readonly extra: number;
  /** Only the tables that differ, sorted by name. */
  readonly tables: readonly TableDiff[];
}

const DEFAULT_IGNORE = ['result', 'table', '_start', '_stop'];

/** A value as text that keeps the type (`1` and `"1"` differ; `-0` and `0` do not). */
function cell(value: FluxValue | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'n:NaN' : `n:${value === 0 ? 0 : value}`;
  return `${typeof value}:${JSON.stringify(value)}`;
}

function rowsOf(input: readonly FluxRow[] | string): readonly FluxRow[] {
  return typeof input === 'string' ? parseFluxCsv(input) : input;
}

/** Compares two query answers order-insensitively per table, exact values (pure). */
export function compareQueryResults(beforeInput: readonly FluxRow[] | string, afterInput: readonly FluxRow[] | string, options: CompareQueryResultsOptions = {}): QueryResultsDiff {
  const before = rowsOf(beforeInput);
  const after = rowsOf(afterInput);
  const ignore = new Set(options.ignoreColumns ?? DEFAULT_IGNORE);
  const columns = [...new Set([...before, ...after].flatMap((r) => Object.keys(r)))].filter((c) => !ignore.has(c)).sort();
  const keyColumns = (options.tableKey ?? columns.filter((c) => c === '_measurement' || c === '_field' || !c.startsWith('_'))).filter((c) => !ignore.has(c));
  const tableOf = (r: FluxRow) => keyColumns.map((c) => `${c}=${r[c] ?? ''}`).join(',') || '(one table)';
  const canonical = (r: FluxRow) => columns.map((c) => cell(r[c])).join('\u0000');
  // Rows sort by _time first so "the first differing row" is the earliest point that differs.
  const sortKey = (r: FluxRow) => `${String(r._time ?? '')}\u0001${canonical(r)}`;
  const group = (rows: readonly FluxRow[]) => {
    const tables = new Map<string, FluxRow[]>();
    for (const r of rows) tables.set(tableOf(r), [...(tables.get(tableOf(r)) ?? []), r]);
    for (const list of tables.values()) list.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    return tables;
  };
  const b = group(before);
  const a = group(after);
  const tables: TableDiff[] = [];
  let missing = 0;
  let extra = 0;
  for (const name of [...new Set([...b.keys(), ...a.keys()])].sort()) {
    const rb = b.get(name) ?? [];
    const ra = a.get(name) ?? [];
    const counts = new Map<string, number>();
    for (const r of rb) counts.set(canonical(r), (counts.get(canonical(r)) ?? 0) + 1);
    let tableExtra = 0;
    for (const r of ra) {
      const k = canonical(r);
      const n = counts.get(k) ?? 0;
      if (n > 0) counts.set(k, n - 1);
      else tableExtra++;
    }
    const tableMissing = [...counts.values()].reduce((s, n) => s + n, 0);
    if (tableMissing === 0 && tableExtra === 0) continue;
    let index = 0;
    while (index < Math.min(rb.length, ra.length) && canonical(rb[index]!) === canonical(ra[index]!)) index++;
    tables.push({ table: name, rowsBefore: rb.length, rowsAfter: ra.length, missing: tableMissing, extra: tableExtra, firstDifference: { index, before: rb[index] ?? null, after: ra[index] ?? null } });
    missing += tableMissing;
    extra += tableExtra;
  }
  return { identical: tables.length === 0, rowsBefore: before.length, rowsAfter: after.length, tablesBefore: b.size, tablesAfter: a.size, missing, extra, tables };
}

/** Renders a row for a message: the compared columns only, values as JSON, bounded. */
export function formatRow(row: FluxRow | null, ignore: readonly string[] = DEFAULT_IGNORE): string {
  if (row === null) return '(none)';
  const text = Object.entries(row).filter(([c]) => !ignore.includes(c)).map(([c, v]) => `${c}=${JSON.stringify(v)}`).join(' ');
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/** Options of {@link checkQueryResultsIdentical}. */
export interface QueryResultsCheck extends CompareQueryResultsOptions {
  /** @default 'RB-R-1' */
  readonly criterionId?: string;
  /** What was queried, for the message (`home_assistant_events, 2026-12-01T00:00Z..04:00Z`). */
  readonly what: string;
}

/** RB-R-1: the answer after the restore equals the answer before the teardown. An empty "before" decides nothing. */
export function checkQueryResultsIdentical(before: readonly FluxRow[] | string, after: readonly FluxRow[] | string, check: QueryResultsCheck): CheckResult {
  const diff = compareQueryResults(before, after, check);
  const base = { criterionId: check.criterionId ?? 'RB-R-1', title: `identical query results after the restore (${check.what})`, limit: 'same rows per table, any order, exact values' };
  if (diff.rowsBefore === 0) {
    return { ...base, status: 'skipped', measurement: diff.rowsAfter, message: `${check.what}: the query answered 0 rows before the teardown, so an identical answer proves nothing (after: ${diff.rowsAfter} rows). hint: query a window that holds data` };
  }
  if (diff.identical) return { ...base, status: 'passed', measurement: 0, message: `${check.what}: ${diff.rowsAfter} rows in ${diff.tablesAfter} table(s), identical to before the teardown` };
  const first = diff.tables[0]!;
  const ignore = check.ignoreColumns ?? DEFAULT_IGNORE;
  return {
    ...base,
    status: 'failed',
    measurement: diff.missing + diff.extra,
    message: `${check.what}: ${diff.rowsBefore} rows in ${diff.tablesBefore} table(s) before, ${diff.rowsAfter} in ${diff.tablesAfter} after; ${diff.missing} row(s) lost, ${diff.extra} new or changed, in ${diff.tables.length} table(s). First difference in ${first.table} at row ${first.firstDifference.index}: before ${formatRow(first.firstDifference.before, ignore)}; after ${formatRow(first.firstDifference.after, ignore)}. hint: lost rows mean the restore is incomplete; new rows in a closed window mean it was restored over existing data (D7.5)`,
    evidence: diff.tables.slice(0, 10).map((t) => ({ label: t.table, value: `${t.rowsBefore} → ${t.rowsAfter} rows, ${t.missing} lost, ${t.extra} new` })),
  };
}
