// One bounded HTTP GET: total timeout (covers black-holed ports and slow-drip bodies), a body-size cap,
// fractional-ms timings. Never throws: failures come back as `error`.
import { request } from 'node:http';
import { request as requestTls } from 'node:https';
import { maskSecrets } from '../common/secrets.js';

export interface HttpGetOptions {
  /** Bound on the whole exchange, connect to last byte, in milliseconds. @default 5000 */
  readonly timeoutMs?: number;
  /** Bytes of body kept; the rest is discarded and `truncated` set. @default 1048576 (1 MiB) */
  readonly maxBodyBytes?: number;
  readonly headers?: Record<string, string>;
}

export interface HttpGetResult {
  /** The URL, credentials masked. */
  readonly url: string;
  /** HTTP status, or undefined when no response arrived. */
  readonly status?: number;
  readonly body: string;
  readonly truncated: boolean;
  /** Time to the response headers, ms. */
  readonly ttfbMs?: number;
  /** Time to the end of the body (or the failure), ms. */
  readonly totalMs: number;
  /** Why no complete response was read (`timeout after 5000ms`, `connect ECONNREFUSED …`). */
  readonly error?: string;
}

/** GETs a URL with bounds. */
export function httpGet(url: string, options: HttpGetOptions = {}): Promise<HttpGetResult> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const shownUrl = maskSecrets(url);
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    let ttfbMs: number | undefined;
    let status: number | undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ url: shownUrl, ...(status !== undefined ? { status } : {}), body: Buffer.concat(chunks).toString('utf8'), truncated, ...(ttfbMs !== undefined ? { ttfbMs } : {}), totalMs: performance.now() - started, ...(error ? { error: maskSecrets(error) } : {}) });
    };
    const req = (url.startsWith('https:') ? requestTls : request)(url, { method: 'GET', headers: options.headers, agent: false }, (res) => {
      ttfbMs = performance.now() - started;
      status = res.statusCode;
      res.on('data', (chunk: Buffer) => {
        if (size + chunk.length > maxBody) {
          chunks.push(chunk.subarray(0, Math.max(0, maxBody - size)));
          size = maxBody;
          truncated = true;
          finish();
          return;
        }
        size += chunk.length;
        chunks.push(chunk);
      });
      res.on('end', () => finish());
      res.on('error', (e) => finish(e.message));
    });
    const timer = setTimeout(() => finish(`timeout after ${timeoutMs}ms${status === undefined ? ' (no response headers)' : ' (body incomplete)'}`), timeoutMs);
    req.on('error', (e) => finish(e.message));
    req.end();
  });
}

/** Reads a dotted path (`dependencies.influxdb.status`) out of parsed JSON. */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
