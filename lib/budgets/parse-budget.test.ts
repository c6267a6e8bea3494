import { describe, expect, it } from 'vitest';
import { ConfigError } from '../common/errors.js';
import { canonicalMetricKey, parseBudgetExpression, parseMetricKey } from './parse-budget.js';

const KEY = 'latency{route:GET /api/devices}';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).shortMessage;
  }
  throw new Error('expected a ConfigError');
}

describe('parseBudgetExpression', () => {
  it.each([
    ['p(95)<500', { agg: 'p', pct: 95, op: '<', value: 500 }],
    ['p(99.9)<1200', { agg: 'p', pct: 99.9, op: '<', value: 1200 }],
    ['p( 90 ) <= 250.5', { agg: 'p', pct: 90, op: '<=', value: 250.5 }],
    ['avg<200', { agg: 'avg', op: '<', value: 200 }],
    ['med < 100', { agg: 'med', op: '<', value: 100 }],
    ['min>=0', { agg: 'min', op: '>=', value: 0 }],
    ['max>1', { agg: 'max', op: '>', value: 1 }],
    ['rate<0.01', { agg: 'rate', op: '<', value: 0.01 }],
    ['count>0', { agg: 'count', op: '>', value: 0 }],
    ['count==10', { agg: 'count', op: '==', value: 10 }],
    ['count===10', { agg: 'count', op: '===', value: 10 }],
    ['count!=3', { agg: 'count', op: '!=', value: 3 }],
    ['p(0)<1e3', { agg: 'p', pct: 0, op: '<', value: 1000 }],
    ['p(100)<.5', { agg: 'p', pct: 100, op: '<', value: 0.5 }],
  ])('should parse %s', (source, expected) => {
    expect(parseBudgetExpression(source, KEY)).toEqual({ ...expected, source });
  });

  it.each([
    ['p95<500', 'failed parsing budget "p95<500" for latency{route:GET /api/devices}: unknown aggregation "p95"; expected avg|min|max|med|p(N)|rate|count'],
    ['mean<5', 'failed parsing budget "mean<5" for latency{route:GET /api/devices}: unknown aggregation "mean"; expected avg|min|max|med|p(N)|rate|count'],
    ['<5', 'failed parsing budget "<5" for latency{route:GET /api/devices}: unknown aggregation "<"; expected avg|min|max|med|p(N)|rate|count'],
    ['', 'failed parsing budget "" for latency{route:GET /api/devices}: empty expression; expected <aggregation><operator><number>, aggregation one of avg|min|max|med|p(N)|rate|count'],
    ['p(101)<5', 'failed parsing budget "p(101)<5" for latency{route:GET /api/devices}: percentile 101 in "p(101)" is outside 0–100'],
    ['p(-1)<5', 'failed parsing budget "p(-1)<5" for latency{route:GET /api/devices}: percentile -1 in "p(-1)" is outside 0–100'],
    ['p(abc)<5', 'failed parsing budget "p(abc)<5" for latency{route:GET /api/devices}: malformed percentile "p(abc)"; expected p(N) with N a number within 0–100'],
    ['p(95<5', 'failed parsing budget "p(95<5" for latency{route:GET /api/devices}: malformed percentile "p(95"; expected p(N) with N a number within 0–100'],
    ['avg', 'failed parsing budget "avg" for latency{route:GET /api/devices}: missing operator after "avg"; expected one of < <= > >= == === !='],
    ['avg=<5', 'failed parsing budget "avg=<5" for latency{route:GET /api/devices}: invalid operator "=<"; expected one of < <= > >= == === !='],
    ['avg<', 'failed parsing budget "avg<" for latency{route:GET /api/devices}: missing value after "avg<"; expected a number'],
    ['p(95)<500ms', 'failed parsing budget "p(95)<500ms" for latency{route:GET /api/devices}: invalid value "500ms"; expected a plain number (milliseconds for durations, a fraction 0–1 for rate)'],
    ['avg<5 6', 'failed parsing budget "avg<5 6" for latency{route:GET /api/devices}: invalid value "56"; expected a plain number (milliseconds for durations, a fraction 0–1 for rate)'],
  ])('should reject %j with a message that quotes it', (source, message) => {
    expect(messageOf(() => parseBudgetExpression(source, KEY))).toBe(message);
  });

  it('should carry a hint with the grammar', () => {
    try {
      parseBudgetExpression('p95<500', 'latency');
    } catch (error) {
      expect((error as ConfigError).hint).toBe('budgets use k6 threshold syntax, e.g. "p(95)<500" (milliseconds) or "rate<0.01"');
      expect((error as ConfigError).code).toBe('PHASEGATE_CONFIG_INVALID');
    }
    expect.assertions(2);
  });
});

describe('parseMetricKey', () => {
  it('should parse a tag-scoped key whose value holds spaces and slashes', () => {
    expect(parseMetricKey('http_req_duration{route:GET /api/v1/events}')).toEqual({
      name: 'http_req_duration',
      tags: { route: 'GET /api/v1/events' },
      canonical: 'http_req_duration{route:GET /api/v1/events}',
      source: 'http_req_duration{route:GET /api/v1/events}',
    });
  });

  it('should canonicalize tag order', () => {
    expect(parseMetricKey('latency{status:200, route:GET /x}').canonical).toBe('latency{route:GET /x,status:200}');
    expect(canonicalMetricKey('errors')).toBe('errors');
  });

  it.each([
    ['latency{route:GET /x', 'failed parsing budget metric "latency{route:GET /x": missing closing "}" after the tags'],
    ['latency{}', 'failed parsing budget metric "latency{}": empty tag scope "{}"; remove the braces or add tag:value pairs'],
    ['latency{route}', 'failed parsing budget metric "latency{route}": tag "route" has no value; expected tag:value'],
    ['9lat', 'failed parsing budget metric "9lat": invalid metric name "9lat"; expected letters, digits, "_" or "." starting with a letter'],
    ['latency{a:1,a:2}', 'failed parsing budget metric "latency{a:1,a:2}": tag "a" is given twice'],
  ])('should reject %j', (source, message) => {
    expect(messageOf(() => parseMetricKey(source))).toBe(message);
  });
});
