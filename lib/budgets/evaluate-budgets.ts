// Pure evaluation of parsed budgets against measured metrics, and k6-style rendering of the results.
import type { LatencyHistogram } from '../stats/latency-histogram.js';
import type { BudgetSeverity, ResolvedBudget } from './budget-schema.js';
import type { BudgetExpression, BudgetOperator } from './parse-budget.js';

/**
 * What was measured for one metric (and tag scope). `trend` values are durations in ms;
 * a `rate` metric's `rate` is a fraction 0–1 (share of failed requests); a `counter`'s `rate` is per second.
 */
export interface MetricSnapshot {
  readonly kind: 'trend' | 'rate' | 'counter';
  /** Number of samples (trend, rate) or the counter's total. */
  readonly count: number;
  readonly avg?: number;
  readonly min?: number;
  readonly max?: number;
  /** Fraction (rate metric) or events per second (counter). */
  readonly rate?: number;
  /** Value at percentile p (0–100); trend metrics only. */
  readonly percentile?: (p: number) => number;
}

/** Measured metrics keyed by canonical metric key (see `canonicalMetricKey`). */
export type MetricsSnapshot = Readonly<Record<string, MetricSnapshot>>;

/** Outcome of one budget. */
export interface BudgetResult {
  /** Metric key as written in the config. */
  readonly metric: string;
  /** Expression as written, e.g. `p(95)<500`. */
  readonly expression: string;
  /** The aggregation label, e.g. `p(95)`, `avg`, `rate`. */
  readonly aggregation: string;
  /** The measured aggregate; undefined when the metric or aggregation was not available. */
  readonly actual: number | undefined;
  /** How `actual` is shown: `ms` for durations, `%` for a failure rate, `/s` for a counter rate. */
  readonly unit: 'ms' | '%' | '/s' | '';
  readonly passed: boolean;
  readonly severity: BudgetSeverity;
  readonly abortOnFail: boolean;
  /** Why no value could be measured. */
  readonly reason?: string;
}

/** A trend snapshot from an HDR histogram of latencies in ms. */
export function trendFromHistogram(histogram: LatencyHistogram): MetricSnapshot {
  return {
    kind: 'trend',
    count: histogram.count,
    avg: histogram.meanMs,
    min: histogram.minMs,
    max: histogram.maxMs,
    percentile: (p) => histogram.percentileMs(p),
  };
}

/** Evaluates every budget against `metrics`. A metric without data fails its budget (no silent pass). */
export function evaluateBudgets(metrics: MetricsSnapshot, budgets: readonly ResolvedBudget[]): BudgetResult[] {
  return budgets.map((budget) => {
    const { expression } = budget;
    const aggregation = expression.agg === 'p' ? `p(${expression.pct})` : expression.agg;
    const base = {
      metric: budget.metric.source,
      expression: expression.source,
      aggregation,
      severity: budget.severity,
      abortOnFail: budget.abortOnFail,
    };
    const snapshot = metrics[budget.metric.canonical];
    if (snapshot === undefined || snapshot.count === 0) {
      return { ...base, actual: undefined, unit: '', passed: false, reason: `no data for metric "${budget.metric.canonical}"` };
    }
    const measured = aggregate(snapshot, expression);
    if (typeof measured === 'string') return { ...base, actual: undefined, unit: '', passed: false, reason: measured };
    return { ...base, actual: measured.value, unit: measured.unit, passed: compare(measured.value, expression.op, expression.value) };
  });
}

function aggregate(snapshot: MetricSnapshot, expression: BudgetExpression): { value: number; unit: BudgetResult['unit'] } | string {
  const unavailable = `aggregation ${expression.agg === 'p' ? 'p(N)' : expression.agg} is not available for a ${snapshot.kind} metric`;
  switch (expression.agg) {
    case 'count':
      return { value: snapshot.count, unit: '' };
    case 'rate':
      if (snapshot.rate === undefined) return unavailable;
      return { value: snapshot.rate, unit: snapshot.kind === 'rate' ? '%' : '/s' };
    case 'p':
    case 'med': {
      if (snapshot.kind !== 'trend' || snapshot.percentile === undefined) return unavailable;
      return { value: snapshot.percentile(expression.agg === 'med' ? 50 : expression.pct!), unit: 'ms' };
    }
    default: {
      const value = snapshot[expression.agg];
      if (snapshot.kind !== 'trend' || value === undefined) return unavailable;
      return { value, unit: 'ms' };
    }
  }
}

function compare(actual: number, op: BudgetOperator, limit: number): boolean {
  switch (op) {
    case '<':
      return actual < limit;
    case '<=':
      return actual <= limit;
    case '>':
      return actual > limit;
    case '>=':
      return actual >= limit;
    case '==':
    case '===':
      return actual === limit;
    case '!=':
      return actual !== limit;
  }
}

/** True when no `fail`-severity budget failed (`warn` budgets never close the gate). */
export function budgetsPassed(results: readonly BudgetResult[]): boolean {
  return results.every((r) => r.passed || r.severity === 'warn');
}

/**
 * One k6-style line: `✓ 'p(95)<500' p(95)=148.21ms`, `✗ 'rate<0.01' rate=2.50%`.
 * A failed `warn` budget gets `⚠`; a missing value shows `n/a` and the reason.
 */
export function formatBudgetResult(result: BudgetResult): string {
  const mark = result.passed ? '✓' : result.severity === 'warn' ? '⚠' : '✗';
  const value = result.actual === undefined ? `n/a (${result.reason ?? 'no value'})` : formatValue(result.actual, result.unit);
  return `${mark} '${result.expression}' ${result.aggregation}=${value}`;
}

/** All results grouped under their metric key, k6's THRESHOLDS block layout. */
export function formatBudgetResults(results: readonly BudgetResult[]): string {
  const lines: string[] = [];
  let metric: string | undefined;
  for (const r of results) {
    if (r.metric !== metric) {
      metric = r.metric;
      lines.push(metric);
    }
    lines.push(`  ${formatBudgetResult(r)}`);
  }
  return lines.join('\n');
}

function formatValue(value: number, unit: BudgetResult['unit']): string {
  switch (unit) {
    case 'ms':
      return `${value.toFixed(2)}ms`;
    case '%':
      return `${(value * 100).toFixed(2)}%`;
    case '/s':
      return `${value.toFixed(2)}/s`;
    default:
      return String(value);
  }
}
