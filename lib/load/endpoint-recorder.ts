// Collects one endpoint's measured responses and errors and turns them into an EndpointLoadSummary.
import { maskSecrets } from '../common/secrets.js';
import { LatencyHistogram } from '../stats/latency-histogram.js';
import type { LoadEndpoint } from './load-plan.js';
import type { EndpointLoadSummary } from './load-summary.js';

/** Maps a request error to a short kind: `timeout`, the errno code, or `other`. */
export function errorKind(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (typeof e?.code === 'string' && e.code !== '') return e.code === 'ETIMEDOUT' || e.code === 'UND_ERR_HEADERS_TIMEOUT' ? 'timeout' : e.code;
  if (typeof e?.message === 'string' && /timeout|timed out/i.test(e.message)) return 'timeout';
  return 'other';
}

/** A send lag p99 above this many ms (and above {@link SEND_LAG_SHARE} of p50) is warned about. */
export const SEND_LAG_FLOOR_MS = 5;
/** Share of the measured p50 that the send lag p99 may reach before a warning. */
export const SEND_LAG_SHARE = 0.05;

/** Accumulates measured results; warm-up results are never passed in. */
export class EndpointRecorder {
  readonly histogram = new LatencyHistogram();
  /** Open loop: how late each measured request was sent after its intended time (the generator's own lag). */
  readonly sendLag = new LatencyHistogram();
  /** Open loop: completion − actual send of each measured response (what a from-send tool would report). */
  readonly fromSend = new LatencyHistogram();
  readonly statusCodes: Record<string, number> = {};
  readonly errors: Record<string, number> = {};
  responses = 0;
  failedStatuses = 0;
  sent = 0;

  recordResponse(status: number, latencyMs: number): void {
    this.histogram.recordMs(latencyMs);
    this.responses++;
    this.statusCodes[status] = (this.statusCodes[status] ?? 0) + 1;
    if (status >= 400) this.failedStatuses++;
  }

  /** Open loop: records a measured response's latency from its actual send, in ms. */
  recordFromSend(latencyMs: number): void {
    this.fromSend.recordMs(latencyMs);
  }

  /** Open loop: records how late a measured request was sent, in ms. */
  recordSendLag(lagMs: number): void {
    this.sendLag.recordMs(Math.max(0, lagMs));
  }

  recordError(kind: string): void {
    this.errors[kind] = (this.errors[kind] ?? 0) + 1;
  }

  get errorCount(): number {
    return Object.values(this.errors).reduce((s, n) => s + n, 0);
  }

  /** Builds the summary; `extra` carries mode-specific numbers and failures. */
  summarize(
    endpoint: LoadEndpoint,
    run: { mode: 'closed' | 'open'; connections: number; warmupMs: number; measuredMs: number; intendedRate?: number; maxSendLagMs?: number; minAchievedRateRatio: number },
  ): EndpointLoadSummary {
    const url = new URL(endpoint.url);
    const measured = this.responses + this.errorCount;
    const achievedRate = run.measuredMs > 0 ? this.responses / (run.measuredMs / 1000) : 0;
    const failures: string[] = [];
    const where = `${endpoint.name} (${maskSecrets(endpoint.url)})`;
    if (this.responses === 0) {
      failures.push(`${where}: no response in the measured ${Math.round(run.measuredMs)}ms window; errors: ${JSON.stringify(this.errors)}. hint: is the service up and answering on that port? a request still open when the window ends counts as a timeout`);
    }
    if (run.intendedRate !== undefined && achievedRate < run.intendedRate * run.minAchievedRateRatio) {
      failures.push(
        `${where}: achieved ${achievedRate.toFixed(1)} req/s, below ${Math.round(run.minAchievedRateRatio * 100)}% of the intended ${run.intendedRate} req/s; ` +
          'the server (or this machine) could not sustain the rate, so the latencies describe an overloaded system',
      );
    }
    const warnings: string[] = [];
    // The generator's own lag is charged to the server (latency counts from the intended send): say when it matters.
    if (this.sendLag.count > 0 && this.histogram.count > 0) {
      const lagP99 = this.sendLag.percentileMs(99);
      const bound = Math.max(SEND_LAG_FLOOR_MS, SEND_LAG_SHARE * this.histogram.percentileMs(50));
      if (lagP99 > bound) {
        warnings.push(
          `${where}: the load generator itself sent late (send lag p99 ${lagP99.toFixed(1)}ms, above ${bound.toFixed(1)}ms = max(${SEND_LAG_FLOOR_MS}ms, ${SEND_LAG_SHARE * 100}% of p50)); ` +
            `its lag counts as latency, so the percentiles over-read (from the actual send: p95 ${this.fromSend.percentileMs(95).toFixed(2)}ms, p99 ${this.fromSend.percentileMs(99).toFixed(2)}ms). hint: this machine is short of CPU; measure on a quieter one`,
        );
      }
    }
    return {
      name: endpoint.name,
      method: endpoint.method,
      url: maskSecrets(endpoint.url),
      route: `${endpoint.method} ${url.pathname}`,
      mode: run.mode,
      connections: run.connections,
      ...(run.intendedRate === undefined ? {} : { intendedRate: run.intendedRate }),
      achievedRate,
      warmupMs: run.warmupMs,
      measuredMs: run.measuredMs,
      requests: { sent: this.sent, measured, responses: this.responses },
      latency: this.histogram.stats(),
      histogram: this.histogram.encode(),
      statusCodes: { ...this.statusCodes },
      errors: { ...this.errors },
      errorRate: measured === 0 ? 0 : (this.errorCount + this.failedStatuses) / measured,
      ...(run.maxSendLagMs === undefined ? {} : { maxSendLagMs: run.maxSendLagMs }),
      ...(this.sendLag.count === 0 ? {} : { sendLag: { p50Ms: this.sendLag.percentileMs(50), p99Ms: this.sendLag.percentileMs(99), maxMs: this.sendLag.maxMs } }),
      ...(this.fromSend.count === 0 ? {} : { fromSendLatency: { p50Ms: this.fromSend.percentileMs(50), p95Ms: this.fromSend.percentileMs(95), p99Ms: this.fromSend.percentileMs(99) } }),
      passed: failures.length === 0,
      failures,
      ...(warnings.length === 0 ? {} : { warnings }),
    };
  }
}
