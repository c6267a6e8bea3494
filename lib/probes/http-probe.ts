// One bounded, read-only HTTP GET: a connect bound and a total bound (black-holed ports and slow-drip bodies
// both end), a body-size cap, fractional-ms timings, secrets masked. Never throws: failures come back as data.
import { request as requestHttp, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as requestHttps } from 'node:https';
import type { Socket } from 'node:net';
import { createLogger, type Logger } from '../common/logger.js';
import { maskSecrets, registerSecret } from '../common/secrets.js';

/** Bounds and headers of one GET. */
export interface HttpProbeRequest {
  /** Bound on the whole exchange, connect to last body byte, in milliseconds. @default 5000 */
  readonly timeoutMs?: number;
  /** Bound on establishing the TCP (and TLS) connection, in milliseconds. @default the total `timeoutMs` */
  readonly connectTimeoutMs?: number;
  /** Bytes of body kept; the rest is not read and `truncated` is set. @default 1048576 (1 MiB) */
  readonly maxBodyBytes?: number;
  /** Request headers. `Authorization` / `X-API-Key` values are registered as secrets and never printed. @default {} */
  readonly headers?: Record<string, string>;
}

/** What one GET observed. Every string is secret-masked. */
export interface HttpProbeResult {
  /** The URL, credentials masked. */
  readonly url: string;
  /** HTTP status, or undefined when no response headers arrived. */
  readonly status?: number;
  /** Response headers (lower-case names, multi-values joined with `, `), masked. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as UTF-8, at most `maxBodyBytes` bytes of it. */
  readonly body: string;
  /** True when the body was longer than `maxBodyBytes` and reading stopped there. */
  readonly truncated: boolean;
  /** Time until the connection was established, ms (fractional); absent when it never was. */
  readonly connectMs?: number;
  /** Time until the response headers, ms (fractional). */
  readonly ttfbMs?: number;
  /** Time until the end of the body or the failure, ms (fractional). */
  readonly totalMs: number;
  /** True when a bound (connect or total) ended the request. */
  readonly timedOut: boolean;
  /** True when the TCP (and TLS) connection was established, whatever happened next. */
  readonly connected: boolean;
  /** Bytes read from the socket (status line, headers and body), whatever happened next. */
  readonly bytesReceived: number;
  /**
   * Why no complete response was read: `timeout after 5000ms (no response headers) — connected, 0 bytes received`,
   * `timeout after 400ms (body incomplete) — connected, headers received`, `connect ECONNREFUSED …`.
   */
  readonly error?: string;
}

/** Options of {@link HttpProbe}. */
export interface HttpProbeOptions {
  /** Defaults applied to every request. @default {} */
  readonly defaults?: HttpProbeRequest;
  /** @default createLogger('phasegate:probe') */
  readonly log?: Logger;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_BODY = 1024 * 1024;
const SECRET_HEADERS = /^(authorization|x-api-key|proxy-authorization)$/i;

/** Sends bounded GETs with Node's http client (no keep-alive, so a timing never hides a reused socket). */
export class HttpProbe {
  private readonly defaults: HttpProbeRequest;
  private readonly log: Logger;

  constructor(options: HttpProbeOptions = {}) {
    this.defaults = options.defaults ?? {};
    this.log = options.log ?? createLogger('phasegate:probe');
  }

  /** GETs `url` within the bounds. Resolves with the observation; never rejects. */
  get(url: string, request: HttpProbeRequest = {}): Promise<HttpProbeResult> {
    const timeoutMs = request.timeoutMs ?? this.defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const connectTimeoutMs = Math.min(request.connectTimeoutMs ?? this.defaults.connectTimeoutMs ?? timeoutMs, timeoutMs);
    const maxBody = request.maxBodyBytes ?? this.defaults.maxBodyBytes ?? DEFAULT_MAX_BODY;
    const headers = { ...this.defaults.headers, ...request.headers };
    for (const [name, value] of Object.entries(headers)) {
      if (SECRET_HEADERS.test(name)) {
        registerSecret(value);
        registerSecret(value.replace(/^(Bearer|Token|Basic)\s+/i, ''));
      }
    }
    const shownUrl = maskSecrets(url);
    const started = performance.now();
    this.log(`GET ${shownUrl} (timeout ${timeoutMs}ms)`);
    return new Promise((resolve) => {
      let settled = false;
      let req: ClientRequest | undefined;
      let connectMs: number | undefined;
      let ttfbMs: number | undefined;
      let status: number | undefined;
      let responseHeaders: Record<string, string> = {};
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      let connectTimer: NodeJS.Timeout | undefined;
      let socket: Socket | undefined;
      const finish = (error?: string, timedOut = false) => {
        if (settled) return;
        settled = true;
        clearTimeout(totalTimer);
        clearTimeout(connectTimer);
        req?.destroy();
        const totalMs = performance.now() - started;
        const bytesReceived = socket?.bytesRead ?? 0;
        const result: HttpProbeResult = {
          url: shownUrl,
          ...(status !== undefined ? { status } : {}),
          headers: responseHeaders,
          body: Buffer.concat(chunks).toString('utf8'),
          truncated,
          ...(connectMs !== undefined ? { connectMs } : {}),
          ...(ttfbMs !== undefined ? { ttfbMs } : {}),
          totalMs,
          timedOut,
          connected: connectMs !== undefined,
          bytesReceived,
          ...(error ? { error: maskSecrets(error) } : {}),
        };
        this.log(`GET ${shownUrl} → ${status ?? result.error} in ${totalMs.toFixed(1)}ms`);
        resolve(result);
      };
      // One deadline for the whole exchange: an idle timeout alone never fires on a server that drips a byte at a time.
      const totalTimer = setTimeout(() => {
        const phase = status === undefined ? 'no response headers' : 'body incomplete';
        // Byte counts of a dripping body vary run to run; they stay in `bytesReceived`, the message stays stable.
        const seen = connectMs === undefined ? 'not connected' : status === undefined ? `connected, ${socket?.bytesRead ?? 0} bytes received` : 'connected, headers received';
        finish(`timeout after ${timeoutMs}ms (${phase}) — ${seen}`, true);
      }, timeoutMs);
      const onResponse = (res: IncomingMessage) => {
        ttfbMs = performance.now() - started;
        status = res.statusCode;
        responseHeaders = maskHeaders(res.headers);
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
      };
      let isHttps = false;
      try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`unsupported protocol ${parsed.protocol}`);
        isHttps = parsed.protocol === 'https:';
        req = (isHttps ? requestHttps : requestHttp)(parsed, { method: 'GET', headers, agent: false }, onResponse);
      } catch (error) {
        finish(`invalid URL: ${(error as Error).message}`);
        return;
      }
      req.on('socket', (s) => {
        socket = s;
        if (!s.connecting) {
          connectMs = performance.now() - started;
          return;
        }
        if (connectTimeoutMs < timeoutMs) {
          connectTimer = setTimeout(() => finish(`connect timeout after ${connectTimeoutMs}ms`, true), connectTimeoutMs);
        }
        s.once(isHttps ? 'secureConnect' : 'connect', () => {
          connectMs = performance.now() - started;
          clearTimeout(connectTimer);
        });
      });
      req.on('error', (e) => finish(e.message));
      req.end();
    });
  }
}

function maskHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const joined = Array.isArray(value) ? value.join(', ') : value;
    out[name] = /^(set-cookie|authorization|www-authenticate|x-api-key)$/i.test(name) ? '***' : maskSecrets(joined);
  }
  return out;
}
