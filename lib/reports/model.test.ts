import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';
import { buildRunReport, type TestOutcome } from './model.js';

const passed: TestOutcome = {
  name: 'P1-S4-V2: data-api reports its InfluxDB dependency connected',
  file: 'suites/phase1/health.test.ts',
  state: 'passed',
  durationMs: 12,
  criterionIds: ['P1-S4-V2'],
  checks: [{ criterionId: 'P1-S4-V2', title: 'data-api /health', status: 'passed', measurement: 'connected', limit: '2xx and dependencies.influxdb.status == "connected"', message: 'data-api (http://127.0.0.1:8006/health) dependencies.influxdb.status = "connected"' }],
};
const failed: TestOutcome = {
  name: 'P1-SC6 / P1-S4-V3: events flow',
  file: 'suites/phase1/dataflow.test.ts',
  state: 'failed',
  durationMs: 6000,
  criterionIds: ['P1-SC6'],
  checks: [{ criterionId: 'P1-SC6', title: 'events flow', status: 'failed', measurement: 0, limit: 'both rise', message: 'websocket-ingestion received 12 events in 6s but InfluxDB bucket home_assistant_events gained 0 points (40 → 40)' }],
  error: '[P1-SC6] websocket-ingestion received 12 events …',
};
const base = { runId: 'r1', phase: 'phase1', target: 'reference', startedAt: '2026-11-22T00:00:00.000Z', finishedAt: '2026-11-22T00:01:00.000Z', interrupted: false, environment: { node: 'v20.20.2' } };

describe('buildRunReport', () => {
  it('should fail the run when a check failed and list every undecided criterion of the phase', () => {
    const report = buildRunReport({ ...base, tests: [passed, failed], group: 'A2' });
    expect(report.verdict).toBe('failed');
    expect(report.counts.criteria).toEqual({ passed: 1, failed: 1, skipped: 0, 'not-implemented': 91, manual: 5 });
    expect(report.criteria.find((c) => c.id === 'P1-SC7')).toMatchObject({ status: 'not-implemented', reason: 'not implemented in this version of phasegate (BASELINE_REGRESSION, automation: partial)' });
    expect(report.criteria.find((c) => c.id === 'P1-NEXT5')).toMatchObject({ status: 'manual' });
  });

  it('should let the tests decide in a self-test, where checks are expected to fail', () => {
    const selftest = { ...failed, state: 'passed' as const };
    const report = buildRunReport({ ...base, phase: 'selftest', tests: [selftest], group: undefined });
    expect(report.verdict).toBe('passed');
    expect(report.criteria).toHaveLength(1);
    expect(report.criteria[0]!.status).toBe('passed');
  });

  it('should list criteria of tests that did not run as not run, not as not implemented', () => {
    const skipped: TestOutcome = { name: 'P1-SC3 / P1-S11-AC3: latency', file: 'x', state: 'skipped', durationMs: 0, criterionIds: ['P1-SC3', 'P1-S11-AC3'], checks: [] };
    const report = buildRunReport({ ...base, tests: [passed, skipped], group: 'A2' });
    expect(report.criteria.find((c) => c.id === 'P1-SC3')).toMatchObject({ status: 'skipped', reason: 'implemented, but its test did not run in this run (filtered or skipped)' });
    expect(report.counts.criteria.skipped).toBe(2);
  });

  it('should mark an interrupted run as interrupted whatever the results', () => {
    expect(buildRunReport({ ...base, interrupted: true, tests: [passed], group: 'A2' }).verdict).toBe('interrupted');
  });
});

describe('renderMarkdown', () => {
  it('should put the verdict first and the failing diagnosis under issues', () => {
    const md = renderMarkdown(buildRunReport({ ...base, tests: [passed, failed], group: 'A2' }));
    expect(md.split('\n').slice(0, 5).join('\n')).toMatchInlineSnapshot(`
      "# phase1 gate — FAILED

      Run \`r1\` on target \`reference\`, 2026-11-22T00:00:00.000Z → 2026-11-22T00:01:00.000Z.

      **1 of 2 checked criteria passed, 1 failed.** 91 criteria of this phase are not implemented yet and 5 are manual; they are listed below and are not counted as passes."
    `);
    expect(md).toContain('### P1-SC6 — ');
    expect(md).toContain('- websocket-ingestion received 12 events in 6s but InfluxDB bucket home_assistant_events gained 0 points (40 → 40)');
  });
});

describe('buildRunReport with several criteria in one test', () => {
  it('should fail only the criterion whose check failed', () => {
    const mixed: TestOutcome = {
      name: 'P0-S4-AC2a/b/c',
      file: 'suites/phase0/infrastructure.test.ts',
      state: 'failed',
      durationMs: 1,
      criterionIds: ['P0-S4-AC2a', 'P0-S4-AC2c'],
      checks: [
        { criterionId: 'P0-S4-AC2a', title: 'memory', status: 'passed', message: 'ok' },
        { criterionId: 'P0-S4-AC2c', title: 'cpu', status: 'failed', message: '2 cores' },
      ],
    };
    const report = buildRunReport({ ...base, phase: 'phase0', tests: [mixed], group: 'A1' });
    expect(report.criteria.filter((c) => c.checks.length > 0).map((c) => [c.id, c.status])).toEqual([
      ['P0-S4-AC2a', 'passed'],
      ['P0-S4-AC2c', 'failed'],
    ]);
  });
});

describe('renderHtml', () => {
  it('should be self-contained, lead with the verdict and escape messages', async () => {
    const { renderHtml } = await import('./html.js');
    const html = renderHtml(buildRunReport({ ...base, tests: [passed, { ...failed, checks: [{ ...failed.checks[0]!, message: '<script>alert(1)</script> gained 0 points' }] }], group: 'A2' }));
    expect(html).toContain('<div class="verdict failed"><b>FAILED</b> — 1 of 2 checked criteria passed, 1 failed; 91 not implemented, 5 manual (not counted as passes).</div>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; gained 0 points');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});
