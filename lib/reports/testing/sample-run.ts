// Sample runs for the reports' tests: a small failing phase 1 run, and one with every measurement section.
import { buildRunReport, type BuildRunReportInput, type RunReport, type TestOutcome } from '../model.js';

/** A passing health check. */
export const passedTest: TestOutcome = {
  name: 'P1-S4-V2: data-api reports its InfluxDB dependency connected',
  file: 'suites/phase1/health.test.ts',
  state: 'passed',
  durationMs: 12,
  criterionIds: ['P1-S4-V2'],
  checks: [{ criterionId: 'P1-S4-V2', title: 'data-api /health', status: 'passed', measurement: 'connected', limit: '2xx and dependencies.influxdb.status == "connected"', message: 'data-api (http://127.0.0.1:8006/health) dependencies.influxdb.status = "connected"' }],
};

/** A failing data-flow check with evidence. */
export const failedTest: TestOutcome = {
  name: 'P1-SC6 / P1-S4-V3: events flow',
  file: 'suites/phase1/dataflow.test.ts',
  state: 'failed',
  durationMs: 6000,
  criterionIds: ['P1-SC6'],
  checks: [
    {
      criterionId: 'P1-SC6',
      title: 'events flow',
      status: 'failed',
      measurement: 0,
      limit: 'both rise',
      message: 'websocket-ingestion received 12 events in 6s but InfluxDB bucket home_assistant_events gained 0 points (40 → 40)',
      evidence: [{ label: 'points before/after', value: '40 → 40', unit: 'points' }],
    },
  ],
  error: '[P1-SC6] websocket-ingestion received 12 events …',
};

/** Fixed times and environment, so rendered output is stable. */
export const baseInput = {
  runId: 'r1',
  phase: 'phase1',
  target: 'reference',
  startedAt: '2026-11-22T00:00:00.000Z',
  finishedAt: '2026-11-22T00:01:00.000Z',
  interrupted: false,
  environment: { node: 'v20.20.2' },
} satisfies Partial<BuildRunReportInput>;

/** Every measurement section filled with small, plausible data. */
export const sections = {
  loads: [
    {
      label: 'P1-SC3',
      durationMs: 10_000,
      endpoints: [
        {
          name: 'data-api-health',
          route: 'GET /health',
          achievedRate: 50,
          errorRate: 0.01,
          latency: { count: 500, minMs: 2, maxMs: 40, meanMs: 6, p50Ms: 5, p90Ms: 9, p95Ms: 12, p99Ms: 30 },
          distribution: [
            { valueMs: 2, count: 50 },
            { valueMs: 5, count: 200 },
            { valueMs: 9, count: 200 },
            { valueMs: 12, count: 45 },
            { valueMs: 40, count: 5 },
          ],
        },
      ],
    },
  ],
  baselines: [
    {
      label: 'P1-SC7',
      verdict: 'regressed' as const,
      tolerance: 0.1,
      confidence: 0.95,
      endpoints: [{ name: 'data-api-health', route: 'GET /health', verdict: 'regressed' as const, percentile: 95, ratio: { estimate: 1.3, lower: 1.2, upper: 1.45, confidence: 0.95 }, message: 'p(95) 30% slower' }],
    },
  ],
  rebuild: { totalMs: 95_000, steps: [{ name: 'build', service: 'data-api', startMs: 0, durationMs: 60_000, status: 'passed' as const }, { name: 'healthy', service: 'data-api', startMs: 60_000, durationMs: 35_000, status: 'passed' as const }] },
  resources: { samples: [{ tMs: 0, container: 'influxdb', memoryBytes: 200 * 1024 * 1024, cpuPercent: 5 }, { tMs: 5000, container: 'influxdb', memoryBytes: 260 * 1024 * 1024, cpuPercent: 40 }] },
  versions: [{ service: 'influxdb', before: '2.7.1', after: '2.7.10' }],
  contradictions: [{ id: 'C1', question: 'Which Python version do the services target?', choice: '3.12', alternatives: ['3.11'] }],
};

/** A self-test style run (no catalog group), so only the given criteria appear. */
export function smallRun(overrides: Partial<BuildRunReportInput> = {}): RunReport {
  return buildRunReport({ ...baseInput, tests: [passedTest, failedTest], group: undefined, ...overrides });
}
