// LATENCY_BUDGET (simple form): a few sequential timed GETs and their p(95)/max against a limit. The sample
// size is stated in the message; load-based budgets with open-loop traffic are check-load-budget.ts.
import type { CheckResult } from './check-result.js';
import { maskSecrets } from '../common/secrets.js';
import { HttpProbe } from '../probes/http-probe.js';
import { LatencyHistogram } from '../stats/latency-histogram.js';

/** One endpoint and its budget. */
export interface LatencyCheck {
  /** Criterion ID (`P1-SC3`, `P1-S11-AC3`, `P1-SC4`, `P1-S11-AC4`). */
  readonly criterionId: string;
  /** Name in messages (`data-api /health`). */
  readonly name: string;
  readonly url: string;
  /** The p(95) budget in ms (P1-SC3: 500; P1-SC4: 3000). */
  readonly limitMs: number;
  /** A bound on the slowest request too, in ms. @default no max limit */
  readonly maxLimitMs?: number;
  /** Requests sent one after another. @default 20 */
  readonly samples?: number;
  /** Request headers (auth is masked). @default {} */
  readonly headers?: Record<string, string>;
  /** Bound on each request, connect to last body byte, in ms; the first request that hits it ends the sampling. @default max(4 × limitMs, 2000) */
  readonly timeoutMs?: number;
  /** @default new HttpProbe() */
  readonly probe?: HttpProbe;
}

/** Times `samples` sequential GETs; fails when p(95) (or max) reaches its limit or any request fails. */
export async function checkLatencyBudget(check: LatencyCheck): Promise<CheckResult> {
  const probe = check.probe ?? new HttpProbe();
  const n = check.samples ?? 20;
  const histogram = new LatencyHistogram();
  const failures: string[] = [];
  const started = performance.now();
  const timeoutMs = check.timeoutMs ?? Math.max(check.limitMs * 4, 2_000);
  let sent = 0;
  for (let i = 0; i < n; i++) {
    const r = await probe.get(check.url, { timeoutMs, ...(check.headers ? { headers: check.headers } : {}) });
    sent += 1;
    histogram.recordMs(r.totalMs);
    if (r.status === undefined || r.status >= 400) failures.push(r.error ?? `HTTP ${r.status}`);
    // A black-holed or dripping endpoint would make every remaining sample wait out the same bound: stop here.
    if (r.timedOut) break;
  }
  const p95 = histogram.percentileMs(95);
  const max = histogram.maxMs;
  const maxOk = check.maxLimitMs === undefined || max < check.maxLimitMs;
  const ok = failures.length === 0 && p95 < check.limitMs && maxOk;
  const limit = `p(95) < ${check.limitMs} ms${check.maxLimitMs === undefined ? '' : `, max < ${check.maxLimitMs} ms`}`;
  const hint = ok ? '' : failures.length ? '. hint: the endpoint errors; see the first failure' : '. hint: compare with the baseline; a slow dependency (InfluxDB, SQLite) is the usual cause';
  return {
    criterionId: check.criterionId,
    title: `${check.name} latency`,
    status: ok ? 'passed' : 'failed',
    measurement: Math.round(p95 * 100) / 100,
    limit,
    message: `${check.name} (${maskSecrets(check.url)}): p(95)=${p95.toFixed(1)}ms max=${max.toFixed(1)}ms over ${sent === n ? n : `${sent} of ${n}`} sequential requests${sent === n ? '' : ` (stopped after a request hit its ${timeoutMs}ms bound)`}; limit ${limit.replace(/ ms/g, 'ms')}${failures.length ? `; ${failures.length} request(s) failed: ${failures[0]}` : ''}${hint}`,
    evidence: [
      { label: 'p(95)', value: Math.round(p95 * 100) / 100, unit: 'ms' },
      { label: 'max', value: Math.round(max * 100) / 100, unit: 'ms' },
      { label: 'sample size', value: sent, unit: 'requests' },
    ],
    durationMs: performance.now() - started,
  };
}

/** The same check under its earlier name. */
export const checkLatency = checkLatencyBudget;

