// LATENCY_BUDGET (simple form): sequential timed GETs and their p(95)/max against a limit. The sample size is
// stated in the message; the load-based budgets with HDR histograms are a separate module.
import type { CheckResult } from './check-result.js';
import { httpGet } from '../probes/http-get.js';
import { LatencyHistogram } from '../stats/latency-histogram.js';

export interface LatencyCheck {
  readonly criterionId: string;
  readonly name: string;
  readonly url: string;
  /** The budget in ms (P1-SC3: 500; P1-SC4: 3000). */
  readonly limitMs: number;
  /** Requests sent one after another. @default 20 */
  readonly samples?: number;
  readonly headers?: Record<string, string>;
}

export async function checkLatency(check: LatencyCheck): Promise<CheckResult> {
  const n = check.samples ?? 20;
  const histogram = new LatencyHistogram();
  const failures: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await httpGet(check.url, { timeoutMs: Math.max(check.limitMs * 4, 2_000), ...(check.headers ? { headers: check.headers } : {}) });
    histogram.recordMs(r.totalMs);
    if (r.status === undefined || r.status >= 400) failures.push(r.error ?? `HTTP ${r.status}`);
  }
  const p95 = histogram.percentileMs(95);
  const max = histogram.maxMs;
  const ok = failures.length === 0 && p95 < check.limitMs;
  return {
    criterionId: check.criterionId,
    title: `${check.name} latency`,
    status: ok ? 'passed' : 'failed',
    measurement: Math.round(p95 * 100) / 100,
    limit: `p(95) < ${check.limitMs} ms`,
    message: `${check.name} (${check.url}): p(95)=${p95.toFixed(1)}ms max=${max.toFixed(1)}ms over ${n} sequential requests; limit p(95) < ${check.limitMs}ms${failures.length ? `; ${failures.length} request(s) failed: ${failures[0]}` : ''}`,
    evidence: [{ label: 'p(95)', value: Math.round(p95 * 100) / 100, unit: 'ms' }, { label: 'max', value: Math.round(max * 100) / 100, unit: 'ms' }],
  };
}
