// The serializable result of a load run, and its conversion into metrics that budgets can evaluate.
import { trendFromHistogram, type MetricSnapshot, type MetricsSnapshot } from '../budgets/evaluate-budgets.js';
import { canonicalMetricKey } from '../budgets/parse-budget.js';
import { LatencyHistogram, type LatencyStats } from '../stats/latency-histogram.js';
import type { LoadAbort } from './abort-on-fail.js';

/** Result for one endpoint. All durations in ms, rates in requests per second. */
export interface EndpointLoadSummary {
  readonly name: string;
  readonly method: string;
  /** Target URL, credentials masked. */
  readonly url: string;
  /** `METHOD /path`, the `route` tag of budget metrics. */
  readonly route: string;
  readonly mode: 'closed' | 'open';
  readonly connections: number;
  /** Open loop: the rate asked for. */
  readonly intendedRate?: number;
  /** Measured responses (any status) per second of measured time. */
  readonly achievedRate: number;
  readonly warmupMs: number;
  /** Length of the measured window. */
  readonly measuredMs: number;
  readonly requests: {
    /** Requests sent, warm-up included. */
    readonly sent: number;
    /** Requests in the measured window (responses + errors). */
    readonly measured: number;
    /** Measured requests that got a response. */
    readonly responses: number;
  };
  /** Latency of measured responses (open loop: from the intended send time). */
  readonly latency: LatencyStats;
  /** The same latencies as a compressed HDR histogram (base64, µs). */
  readonly histogram: string;
  /** Measured responses per HTTP status. */
  readonly statusCodes: Readonly<Record<string, number>>;
  /** Measured requests without a response, per kind (`timeout`, `ECONNREFUSED`, …). */
  readonly errors: Readonly<Record<string, number>>;
  /** Share of measured requests that errored or got a status ≥ 400, 0–1. */
  readonly errorRate: number;
  /** Open loop: the latest any request was sent after its intended time (generator health). */
  readonly maxSendLagMs?: number;
  /**
   * Open loop: how late the measured requests were sent after their intended time. This lag is the generator's own
   * (its event loop did not get the CPU in time), yet it is part of the latency, which is timed from the intended
   * send: when p99 here is not small next to the latencies, the run over-reads them (docs/latency.md, accuracy bench).
   */
  readonly sendLag?: { readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number };
  /** Open loop: latency from each request's actual send instead of its intended one (diagnosis only: hides stalls
   * that delayed the generator). */
  readonly fromSendLatency?: { readonly p50Ms: number; readonly p95Ms: number; readonly p99Ms: number };
  readonly passed: boolean;
  /** Why `passed` is false (achieved rate too low, nothing measured). */
  readonly failures: readonly string[];
  /** Doubts that do not fail the run: the generator's send lag p99 above max(5 ms, 5% of p50). */
  readonly warnings?: readonly string[];
}

/** Result of one {@link LoadRunner} run. */
export interface LoadSummary {
  readonly mode: 'closed' | 'open';
  /** ISO time the run started. */
  readonly startedAt: string;
  /** Wall time of the whole run, all endpoints. */
  readonly durationMs: number;
  readonly endpoints: readonly EndpointLoadSummary[];
  /**
   * Set when an abortOnFail budget failed mid-run: the run stopped then, the endpoints after the one being loaded
   * were not loaded, and the results hold what was measured up to the abort.
   */
  readonly aborted?: LoadAbort;
  /** False when any endpoint failed (achieved rate, no responses) or the run was aborted. Budgets are judged separately. */
  readonly passed: boolean;
}

/**
 * Metrics for `evaluateBudgets`, k6 names: `http_req_duration` (trend, ms), `http_req_failed` (rate),
 * `http_reqs` (counter, per second); each untagged (all endpoints), `{route:GET /x}` and `{endpoint:name}`.
 * `latency` and `errors` are aliases of the first two.
 */
export function toBudgetMetrics(summary: LoadSummary): MetricsSnapshot {
  const out: Record<string, MetricSnapshot> = {};
  const all = new LatencyHistogram();
  let measured = 0;
  let failed = 0;
  let measuredSeconds = 0;
  const put = (tags: Record<string, string>, histogram: LatencyHistogram, count: number, failedCount: number, seconds: number) => {
    const duration = trendFromHistogram(histogram);
    const failedRate: MetricSnapshot = { kind: 'rate', count, rate: count === 0 ? 0 : failedCount / count };
    const reqs: MetricSnapshot = { kind: 'counter', count, rate: seconds === 0 ? 0 : count / seconds };
    for (const [name, metric] of [['http_req_duration', duration], ['latency', duration], ['http_req_failed', failedRate], ['errors', failedRate], ['http_reqs', reqs]] as const) {
      out[canonicalMetricKey(name, tags)] = metric;
    }
  };
  for (const e of summary.endpoints) {
    const histogram = LatencyHistogram.decode(e.histogram);
    const failedCount = Math.round(e.errorRate * e.requests.measured);
    put({ route: e.route }, histogram, e.requests.measured, failedCount, e.measuredMs / 1000);
    put({ endpoint: e.name }, histogram, e.requests.measured, failedCount, e.measuredMs / 1000);
    all.merge(histogram);
    measured += e.requests.measured;
    failed += failedCount;
    measuredSeconds += e.measuredMs / 1000;
  }
  put({}, all, measured, failed, measuredSeconds);
  return out;
}
