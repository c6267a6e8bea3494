import { describe, expect, it } from 'vitest';
import { ConfigError } from '../common/errors.js';
import { LatencyHistogram } from '../stats/latency-histogram.js';
import { budgetSchema, resolveBudgets } from './budget-schema.js';
import { budgetsPassed, evaluateBudgets, formatBudgetResult, formatBudgetResults, trendFromHistogram, type MetricsSnapshot } from './evaluate-budgets.js';

function latencies(values: number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const v of values) h.recordMs(v);
  return h;
}

describe('budgetSchema', () => {
  it('should resolve short and long forms to the same typed AST', () => {
    const budgets = budgetSchema.parse({
      'http_req_duration{route:GET /api/v1/events}': ['p(95)<500', { threshold: 'p(99)<1200', abortOnFail: true, delayAbortEval: '10s', severity: 'warn' }],
      http_req_failed: ['rate<0.01'],
    });
    expect(budgets).toEqual([
      {
        metric: { name: 'http_req_duration', tags: { route: 'GET /api/v1/events' }, canonical: 'http_req_duration{route:GET /api/v1/events}', source: 'http_req_duration{route:GET /api/v1/events}' },
        expression: { agg: 'p', pct: 95, op: '<', value: 500, source: 'p(95)<500' },
        abortOnFail: false,
        delayAbortEvalMs: 0,
        severity: 'fail',
      },
      {
        metric: { name: 'http_req_duration', tags: { route: 'GET /api/v1/events' }, canonical: 'http_req_duration{route:GET /api/v1/events}', source: 'http_req_duration{route:GET /api/v1/events}' },
        expression: { agg: 'p', pct: 99, op: '<', value: 1200, source: 'p(99)<1200' },
        abortOnFail: true,
        delayAbortEvalMs: 10_000,
        severity: 'warn',
      },
      {
        metric: { name: 'http_req_failed', tags: {}, canonical: 'http_req_failed', source: 'http_req_failed' },
        expression: { agg: 'rate', op: '<', value: 0.01, source: 'rate<0.01' },
        abortOnFail: false,
        delayAbortEvalMs: 0,
        severity: 'fail',
      },
    ]);
  });

  it('should push one issue per bad expression at its path', () => {
    const result = budgetSchema.safeParse({ 'latency{route:GET /x}': ['p(95)<500', 'p95<500'], 'bad{': ['avg<1'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['latency{route:GET /x}.1', 'failed parsing budget "p95<500" for latency{route:GET /x}: unknown aggregation "p95"; expected avg|min|max|med|p(N)|rate|count'],
      ['bad{', 'failed parsing budget metric "bad{": missing closing "}" after the tags'],
    ]);
  });

  it('should reject typos in the long form and bad durations', () => {
    const result = budgetSchema.safeParse({ latency: [{ threshold: 'avg<1', abortOnFial: true }, { threshold: 'avg<1', delayAbortEval: '10 sec' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.length).toBeGreaterThan(0);
  });

  it('should reject a value that overflows to Infinity and prefix schema problems with the file and path', () => {
    expect(() => resolveBudgets({ latency: ['p(95)<1e400'] })).toThrowError('failed parsing budget "p(95)<1e400" for latency: value "1e400" is too large; expected a finite number');
    expect(() => resolveBudgets({ latency: [{ threshold: 'avg<1', delayAbortEval: '10 sec' }] }, { file: 'budgets.json' })).toThrowError(
      'budgets.json: latency[0].delayAbortEval: Must be a duration like "500ms", "10s" or "1m"\nhint: budgets use k6 threshold syntax',
    );
  });

  it('should throw one ConfigError listing every problem from resolveBudgets', () => {
    expect(() => resolveBudgets({ latency: ['p(101)<1', 'avg'] })).toThrowError(
      new ConfigError('failed parsing budget "p(101)<1" for latency: percentile 101 in "p(101)" is outside 0–100\nfailed parsing budget "avg" for latency: missing operator after "avg"; expected one of < <= > >= == === !=', {
        hint: 'budgets use k6 threshold syntax, e.g. "p(95)<500" (milliseconds) or "rate<0.01"',
        path: 'latency.0',
      }),
    );
  });
});

describe('evaluateBudgets', () => {
  // 0.01…1.00 ms: below 2.048 ms the histogram is exact to the microsecond, so the expected values are exact.
  const values = Array.from({ length: 100 }, (_, i) => (i + 1) / 100);
  const metrics: MetricsSnapshot = {
    'http_req_duration{route:GET /api/devices}': trendFromHistogram(latencies(values)),
    http_req_failed: { kind: 'rate', count: 400, rate: 0.025 },
    http_reqs: { kind: 'counter', count: 400, rate: 133.3333 },
  };

  it('should pass and fail each aggregation against the measured values', () => {
    const budgets = resolveBudgets({
      'http_req_duration{route:GET /api/devices}': ['p(95)<1', 'p(95)<0.9', 'avg<=0.505', 'med==0.5', 'min>=0.01', 'max<1'],
      http_req_failed: ['rate<0.01', { threshold: 'rate<0.05', severity: 'warn' }],
      http_reqs: ['count>0', 'rate>=100'],
    });
    const results = evaluateBudgets(metrics, budgets);
    expect(results.map((r) => [r.expression, r.passed, r.actual])).toEqual([
      ['p(95)<1', true, 0.95],
      ['p(95)<0.9', false, 0.95],
      ['avg<=0.505', true, 0.505],
      ['med==0.5', true, 0.5],
      ['min>=0.01', true, 0.01],
      ['max<1', false, 1],
      ['rate<0.01', false, 0.025],
      ['rate<0.05', true, 0.025],
      ['count>0', true, 400],
      ['rate>=100', true, 133.3333],
    ]);
    expect(budgetsPassed(results)).toBe(false);
  });

  it('should render k6-style lines', () => {
    const results = evaluateBudgets(metrics, resolveBudgets({
      'http_req_duration{route:GET /api/devices}': ['p(95)<500', 'p(99)<0.5'],
      http_req_failed: ['rate<0.01', { threshold: 'rate<0.02', severity: 'warn' }],
      http_reqs: ['count>0', 'rate>100'],
      'latency{route:GET /missing}': ['p(95)<500'],
    }));
    expect(formatBudgetResults(results)).toMatchInlineSnapshot(`
      "http_req_duration{route:GET /api/devices}
        ✓ 'p(95)<500' p(95)=0.95ms
        ✗ 'p(99)<0.5' p(99)=0.99ms
      http_req_failed
        ✗ 'rate<0.01' rate=2.50%
        ⚠ 'rate<0.02' rate=2.50%
      http_reqs
        ✓ 'count>0' count=400
        ✓ 'rate>100' rate=133.33/s
      latency{route:GET /missing}
        ✗ 'p(95)<500' p(95)=n/a (no data for metric "latency{route:GET /missing}")"
    `);
  });

  it('should fail an aggregation the metric kind does not have', () => {
    const [result] = evaluateBudgets(metrics, resolveBudgets({ http_req_failed: ['p(95)<1'] }));
    expect(result!.passed).toBe(false);
    expect(formatBudgetResult(result!)).toBe("✗ 'p(95)<1' p(95)=n/a (aggregation p(N) is not available for a rate metric)");
  });

  it('should let warn-only failures keep the gate open', () => {
    const results = evaluateBudgets(metrics, resolveBudgets({ http_req_failed: [{ threshold: 'rate<0.01', severity: 'warn' }] }));
    expect(results[0]!.passed).toBe(false);
    expect(budgetsPassed(results)).toBe(true);
  });

  it('should report fractional milliseconds to the histogram precision', () => {
    const [exact] = evaluateBudgets({ latency: trendFromHistogram(latencies([1.48])) }, resolveBudgets({ latency: ['p(95)<500'] }));
    expect(formatBudgetResult(exact!)).toBe("✓ 'p(95)<500' p(95)=1.48ms");
    // 148.21 ms sits in a 64 µs bucket (3 significant digits); percentiles report the bucket's upper edge.
    const [bucketed] = evaluateBudgets({ latency: trendFromHistogram(latencies([148.21])) }, resolveBudgets({ latency: ['p(95)<148.2'] }));
    expect(formatBudgetResult(bucketed!)).toBe("✗ 'p(95)<148.2' p(95)=148.22ms");
  });
});
