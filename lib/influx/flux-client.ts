// String-row façade over HttpInfluxQueryClient, kept for the suites and the data-api twin that use it.
import { countPoints } from './flux-queries.js';
import { HttpInfluxQueryClient } from './influx-query-client.js';
import { parseAnnotatedCsv } from './annotated-csv.js';

export { parseAnnotatedCsv } from './annotated-csv.js';

/** Options of {@link FluxClient}. */
export interface FluxClientOptions {
  /** Base URL, e.g. http://127.0.0.1:8086. */
  readonly url: string;
  /** API token (registered as a secret, never printed). */
  readonly token: string;
  readonly org: string;
  /** Per-query bound in milliseconds. @default 10000 */
  readonly timeoutMs?: number;
}

/** Runs Flux and returns rows of raw strings; `countPoints` answers a number. */
export class FluxClient {
  /** The typed client underneath, for callers that want {@link InfluxQueryClient}. */
  readonly typed: HttpInfluxQueryClient;

  constructor(options: FluxClientOptions) {
    this.typed = new HttpInfluxQueryClient(options);
  }

  /** Runs a query and returns its rows keyed by column name. Errors carry the server's message. */
  async query(flux: string): Promise<Array<Record<string, string>>> {
    return parseAnnotatedCsv(await this.typed.queryCsv(flux));
  }

  /** Number of points of one field of a measurement over a range such as `-5m`. */
  countPoints(bucket: string, measurement: string, field: string, range: string): Promise<number> {
    return countPoints(this.typed, { bucket, measurement, field, range });
  }
}
