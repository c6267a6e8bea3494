// Runs Flux against InfluxDB 2 (or the reference double) over its HTTP API and returns typed rows.
import { PhasegateError, TimeoutError } from '../common/errors.js';
import { createLogger, type Logger } from '../common/logger.js';
import { maskSecrets, registerSecret } from '../common/secrets.js';
import { FluxCsvError, parseFluxCsv, type FluxRow } from './annotated-csv.js';

/** Anything that can run a Flux query (the real HTTP client, or a fake in tests). */
export interface InfluxQueryClient {
  /** Runs one Flux query and returns the rows of every table, typed by `#datatype`. */
  query(flux: string): Promise<FluxRow[]>;
}

/** Options of {@link HttpInfluxQueryClient}. */
export interface HttpInfluxQueryClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:8086`. */
  readonly url: string;
  /** API token, sent as `Authorization: Token …`; registered as a secret and never printed. */
  readonly token: string;
  /** Organization name (`homeiq`), sent as `?org=`. */
  readonly org: string;
  /** Bound on one query, request to last body byte, in milliseconds. @default 10000 */
  readonly timeoutMs?: number;
  /** Bytes of CSV accepted; a larger answer is an error, not an OOM. @default 16777216 (16 MiB) */
  readonly maxResponseBytes?: number;
  /** @default createLogger('phasegate:influx') */
  readonly log?: Logger;
}

const HINTS: Record<number, string> = {
  400: 'the Flux is invalid for this server (see the message for the position)',
  401: 'the token is wrong or lacks read access to the bucket',
  403: 'the token lacks read access to the bucket',
  404: 'the org or bucket does not exist: check INFLUXDB_ORG and INFLUXDB_BUCKET (HomeIQ\'s compose uses both "homeiq" and "homeassistant")',
};

/** POSTs Flux to `/api/v2/query?org=` with `Authorization: Token` and reads annotated CSV. */
export class HttpInfluxQueryClient implements InfluxQueryClient {
  private readonly options: HttpInfluxQueryClientOptions;
  private readonly log: Logger;

  constructor(options: HttpInfluxQueryClientOptions) {
    registerSecret(options.token);
    this.options = options;
    this.log = options.log ?? createLogger('phasegate:influx');
  }

  /** The query endpoint, as shown in messages. */
  get endpoint(): string {
    return maskSecrets(`${this.options.url.replace(/\/$/, '')}/api/v2/query?org=${encodeURIComponent(this.options.org)}`);
  }

  async query(flux: string): Promise<FluxRow[]> {
    const text = await this.queryCsv(flux, { annotations: true });
    try {
      return parseFluxCsv(text);
    } catch (error) {
      if (error instanceof FluxCsvError) throw new PhasegateError('PHASEGATE_PROBE_FAILED', `InfluxDB query to ${this.endpoint} failed: ${error.message}`, { cause: error, hint: HINTS[400] });
      throw error;
    }
  }

  /** Runs a query and returns the raw CSV, with or without annotation rows. */
  async queryCsv(flux: string, options: { readonly annotations?: boolean } = {}): Promise<string> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const maxBytes = this.options.maxResponseBytes ?? 16 * 1024 * 1024;
    const url = `${this.options.url.replace(/\/$/, '')}/api/v2/query?org=${encodeURIComponent(this.options.org)}`;
    const shown = this.endpoint;
    const body: Record<string, unknown> = { query: flux, type: 'flux' };
    if (options.annotations) body.dialect = { header: true, annotations: ['datatype', 'group', 'default'] };
    const started = performance.now();
    this.log(`querying ${shown}: ${flux}`);
    let text: string;
    let status: number;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Token ${this.options.token}`, 'Content-Type': 'application/json', Accept: 'application/csv' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      text = await readBounded(res, maxBytes);
    } catch (error) {
      const e = error as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        throw new TimeoutError(`InfluxDB query to ${shown} did not complete within ${timeoutMs}ms`, timeoutMs, { cause: e, hint: 'is InfluxDB overloaded or the port black-holed?' });
      }
      if (e instanceof PhasegateError) throw e;
      const reason = (e.cause as Error | undefined)?.message ?? e.message;
      throw new PhasegateError('PHASEGATE_PROBE_FAILED', `InfluxDB query to ${shown} failed: ${reason}`, { cause: e, hint: 'is InfluxDB up on that port?' });
    }
    this.log(`${shown} answered ${status} in ${(performance.now() - started).toFixed(1)}ms`);
    if (status !== 200) {
      throw new PhasegateError('PHASEGATE_PROBE_FAILED', `InfluxDB query to ${shown} answered ${status}: ${serverMessage(text)}`, { hint: HINTS[status] ?? 'check the Flux, the org and the bucket' });
    }
    return text;
  }
}

function serverMessage(text: string): string {
  let message = text;
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? text;
  } catch {
    // not JSON: the raw text is the message
  }
  return maskSecrets(message.slice(0, 300));
}

async function readBounded(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new PhasegateError('PHASEGATE_PROBE_FAILED', `InfluxDB answered more than ${maxBytes} bytes`, { hint: 'narrow the range or aggregate in Flux' });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
