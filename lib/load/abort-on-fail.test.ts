import { describe, expect, it } from 'vitest';
import { resolveBudgets } from '../budgets/budget-schema.js';
import { abortLines, failingAbortBudgets } from './abort-on-fail.js';
import { EndpointRecorder } from './endpoint-recorder.js';
import type { LoadSummary } from './load-summary.js';

/** A partial run of one endpoint with the given latencies (ms), all status 200. */
function partial(latenciesMs: readonly number[]): LoadSummary {
  const recorder = new EndpointRecorder();
  for (const ms of latenciesMs) recorder.recordResponse(200, ms);
  const endpoint = recorder.summarize(
    { name: 'api', url: 'http://127.0.0.1:1/api', method: 'GET', headers: {} },
    { mode: 'open', connections: 10, warmupMs: 0, measuredMs: 1000, intendedRate: latenciesMs.length, minAchievedRateRatio: 0.95 },
  );
  return { mode: 'open', startedAt: '2026-12-02T00:00:00.000Z', durationMs: 1000, endpoints: [endpoint], passed: true };
}

describe('failingAbortBudgets', () => {
  const slow = partial(Array.from({ length: 100 }, (_, i) => 40 + i / 10));

  it('should return the abortOnFail budgets that fail, as k6-style lines', () => {
    const budgets = resolveBudgets({ latency: [{ threshold: 'p(95)<10', abortOnFail: true }, { threshold: 'p(95)<500', abortOnFail: true }] });
    const failing = failingAbortBudgets(budgets, 1000, slow);
    expect(failing.map((r) => r.expression)).toEqual(['p(95)<10']);
    expect(abortLines(failing)).toEqual(["latency: ✗ 'p(95)<10' p(95)=49.41ms"]);
  });

  it('should ignore budgets without abortOnFail, even failing ones', () => {
    expect(failingAbortBudgets(resolveBudgets({ latency: ['p(95)<10', { threshold: 'p(95)<10', abortOnFail: false }] }), 1000, slow)).toEqual([]);
  });

  it('should not evaluate a budget before its delayAbortEval', () => {
    const budgets = resolveBudgets({ latency: [{ threshold: 'p(95)<10', abortOnFail: true, delayAbortEval: '10s' }] });
    expect(failingAbortBudgets(budgets, 9_999, slow)).toEqual([]);
    expect(failingAbortBudgets(budgets, 10_000, slow)).toHaveLength(1);
  });

  it('should not abort on a metric without data yet (mid-run, no data is not a failure)', () => {
    const budgets = resolveBudgets({ latency: [{ threshold: 'p(95)<10', abortOnFail: true }], 'latency{endpoint:other}': [{ threshold: 'p(95)<10', abortOnFail: true }] });
    expect(failingAbortBudgets(budgets, 1000, partial([]))).toEqual([]);
    expect(failingAbortBudgets(budgets, 1000, slow).map((r) => r.metric)).toEqual(['latency']);
  });
});
