// Runs Flux against an InfluxDB 2 (or the reference double) over HTTP and reads annotated CSV.
import { PhasegateError } from '../common/errors.js';
import { maskSecrets, registerSecret } from '../common/secrets.js';

export interface FluxClientOptions {
  /** Base URL, e.g. http://127.0.0.1:8086. */
  readonly url: string;
  /** API token (registered as a secret, never printed). */
  readonly token: string;
  readonly org: string;
  /** Per-query bound in milliseconds. @default 10000 */
  readonly timeoutMs?: number;
}

export class FluxClient {
  constructor(private readonly options: FluxClientOptions) {
    registerSecret(options.token);
  }

  /** Runs a query and returns its rows keyed by column name. Errors carry the server's message. */
  async query(flux: string): Promise<Array<Record<string, string>>> {
    const url = `${this.options.url}/api/v2/query?org=${encodeURIComponent(this.options.org)}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Token ${this.options.token}`, 'Content-Type': 'application/json', Accept: 'application/csv' },
        body: JSON.stringify({ query: flux, type: 'flux' }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new PhasegateError('PHASEGATE_PROBE_FAILED', `InfluxDB query to ${url} failed: ${(error as Error).message}`, { hint: 'is InfluxDB up on that port?' });
    }
    const text = await res.text();
    if (res.status !== 200) {
      const message = (() => {
        try {
          return (JSON.parse(text) as { message?: string }).message ?? text;
        } catch {
          return text;
        }
      })();
      throw new PhasegateError('PHASEGATE_PROBE_FAILED', `InfluxDB query to ${url} answered ${res.status}: ${maskSecrets(message.slice(0, 300))}`, {
        hint: res.status === 401 ? 'the token is wrong or lacks read access to the bucket' : 'check the Flux and the bucket name',
      });
    }
    return parseAnnotatedCsv(text);
  }

  /** Number of points (rows of one field) of a measurement over a range such as `-5m`. */
  async countPoints(bucket: string, measurement: string, field: string, range: string): Promise<number> {
    const rows = await this.query(
      `from(bucket: "${bucket}") |> range(start: ${range}) |> filter(fn: (r) => r._measurement == "${measurement}" and r._field == "${field}") |> group() |> count()`,
    );
    return rows.reduce((sum, r) => sum + Number(r._value ?? 0), 0);
  }
}

/** Parses annotated CSV (annotation rows, several tables separated by blank lines, quoted cells, CRLF). */
export function parseAnnotatedCsv(text: string): Array<Record<string, string>> {
  const rows: Array<Record<string, string>> = [];
  let header: string[] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '') {
      header = undefined;
      continue;
    }
    if (raw.startsWith('#')) continue;
    const cells = splitCsvLine(raw);
    if (!header) header = cells;
    else rows.push(Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  }
  return rows;
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}
