// LATENCY_BUDGET under load: a bounded open-loop run (latency timed from the intended send, HDR histogram),
// judged by k6-style budgets such as `p(95)<500` and `rate<0.01`.
import type { CheckResult } from './check-result.js';
import { evaluateBudgets, formatBudgetResult, resolveBudgets, type BudgetsInput } from '../budgets/index.js';
import { AutocannonRunner, toBudgetMetrics, type LoadPlanInput, type LoadRunner } from '../load/index.js';

export interface LoadBudgetCheck {
  readonly criterionId: string;
  readonly name: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** k6 budgets on `http_req_duration` (ms) and `http_req_failed` (rate). */
  readonly budgets: BudgetsInput;
  /** Intended requests per second. @default 20 */
  readonly ratePerSec?: number;
  /** Measured duration, ms. @default 3000 */
  readonly durationMs?: number;
  /** Warm-up excluded from the numbers, ms. @default 500 */
  readonly warmupMs?: number;
  readonly runner?: LoadRunner;
}

export async function checkLoadBudget(check: LoadBudgetCheck): Promise<CheckResult> {
  const budgets = resolveBudgets(check.budgets);
  const plan: LoadPlanInput = {
    endpoints: [{ name: check.name, url: check.url, headers: check.headers ?? {} }],
    mode: 'open',
    ratePerSec: check.ratePerSec ?? 20,
    durationMs: check.durationMs ?? 3_000,
    warmupMs: check.warmupMs ?? 500,
    maxRequests: 2_000,
    timeoutMs: 5_000,
  };
  // abortOnFail budgets stop the run as soon as they fail (after their delayAbortEval), as in k6.
  const summary = await (check.runner ?? new AutocannonRunner()).run(plan, { budgets });
  const results = evaluateBudgets(toBudgetMetrics(summary), budgets);
  const endpoint = summary.endpoints[0]!;
  const failedBudgets = results.filter((r) => !r.passed && r.severity === 'fail');
  const lines = results.map(formatBudgetResult);
  const ok = failedBudgets.length === 0 && summary.passed;
  const doubts = (endpoint.warnings ?? []).map((w) => `; warning: ${w}`).join('');
  const abort = summary.aborted === undefined ? '' : `; run aborted after ${Math.round(summary.aborted.afterMs)}ms by abortOnFail: ${summary.aborted.budgets.join('; ')}`;
  const p95 = endpoint.latency.p95Ms;
  const load = `${endpoint.requests.measured} requests at ${plan.ratePerSec}/s open loop (achieved ${endpoint.achievedRate.toFixed(1)}/s)`;
  return {
    criterionId: check.criterionId,
    title: `${check.name} under load`,
    status: ok ? 'passed' : 'failed',
    measurement: Math.round(p95 * 100) / 100,
    limit: budgets.map((b) => b.expression.source).join(', '),
    message: ok
      ? `${check.name} (${check.url}): ${lines.join('  ')} over ${load}${doubts}`
      : `${check.name} (${check.url}): ${lines.join('  ')} over ${load}${abort}${doubts}${endpoint.failures.length === 0 ? '' : `; load run failed: ${endpoint.failures.join('; ')}`}`,
    evidence: [{ label: 'k6-style budget lines', value: lines.join('\n') }, { label: 'HDR histogram (compressed)', value: endpoint.histogram.slice(0, 2000) }],
  };
}
