// Reads the annotated CSV that InfluxDB 2 answers to /api/v2/query: optional `#datatype/#group/#default`
// annotation rows, a header row per block of tables, blank lines between blocks, CRLF, RFC 4180 quoting.

/** A cell converted by its `#datatype` (long/unsignedLong/double → number, boolean → boolean, others string). */
export type FluxValue = string | number | boolean | null;

/** One data row keyed by column name (`result`, `table`, `_time`, `_value`, `_field`, tags…). */
export type FluxRow = Readonly<Record<string, FluxValue>>;

/** An error table streamed inside a 200 response (`,error,reference`). */
export class FluxCsvError extends Error {
  override name = 'FluxCsvError';
}

/** Splits CSV text into records; quoted cells may hold commas, doubled quotes and line breaks. `null` = blank line. */
function* records(text: string): Generator<string[] | null> {
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let lineHasContent = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      lineHasContent = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      lineHasContent = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      if (lineHasContent || cell.length > 0) {
        cells.push(cell);
        yield cells;
      } else yield null;
      cells = [];
      cell = '';
      lineHasContent = false;
    } else {
      cell += ch;
      lineHasContent = true;
    }
  }
  if (lineHasContent || cell.length > 0) {
    cells.push(cell);
    yield cells;
  }
}

function convert(raw: string, datatype: string | undefined): FluxValue {
  if (datatype === undefined || datatype === 'string' || datatype.startsWith('dateTime') || datatype === 'duration' || datatype === 'base64Binary') return raw;
  if (raw === '') return null;
  if (datatype === 'long' || datatype === 'unsignedLong' || datatype === 'double') {
    if (raw === '+Inf') return Number.POSITIVE_INFINITY;
    if (raw === '-Inf') return Number.NEGATIVE_INFINITY;
    return Number(raw);
  }
  if (datatype === 'boolean') return raw === 'true';
  return raw;
}

/**
 * Parses annotated (or plain) Flux CSV into typed rows across every table. The annotation column (the empty
 * first header cell) is dropped. Throws {@link FluxCsvError} when the response carries an error table.
 */
export function parseFluxCsv(text: string): FluxRow[] {
  const rows: FluxRow[] = [];
  let datatypes: string[] | undefined;
  let defaults: string[] | undefined;
  let header: string[] | undefined;
  for (const record of records(text)) {
    if (record === null) {
      header = undefined;
      datatypes = undefined;
      defaults = undefined;
      continue;
    }
    const first = record[0] ?? '';
    if (first.startsWith('#')) {
      // An annotation row after data starts a new block even without a blank line.
      if (header) {
        header = undefined;
        datatypes = undefined;
        defaults = undefined;
      }
      if (first === '#datatype') datatypes = record;
      else if (first === '#default') defaults = record;
      continue;
    }
    if (!header) {
      header = record;
      continue;
    }
    if (header.includes('error') && header.includes('reference')) {
      const message = record[header.indexOf('error')] ?? '';
      throw new FluxCsvError(`InfluxDB streamed an error table: ${message}`);
    }
    const row: Record<string, FluxValue> = {};
    header.forEach((name, i) => {
      if (i === 0 && name === '') return;
      let raw = record[i] ?? '';
      if (raw === '' && defaults?.[i]) raw = defaults[i]!;
      row[name] = convert(raw, datatypes?.[i]);
    });
    rows.push(row);
  }
  return rows;
}

/** Parses annotated CSV into rows of raw strings (annotations skipped); kept for callers that want text cells. */
export function parseAnnotatedCsv(text: string): Array<Record<string, string>> {
  const rows: Array<Record<string, string>> = [];
  let header: string[] | undefined;
  for (const record of records(text)) {
    if (record === null) {
      header = undefined;
      continue;
    }
    if ((record[0] ?? '').startsWith('#')) continue;
    if (!header) header = record;
    else rows.push(Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])));
  }
  return rows;
}
