import { describe, expect, it } from 'vitest';
import { buildRunReport, parseRunReport, REPORT_SCHEMA_VERSION, type TestOutcome } from './model.js';
import { baseInput as base, failedTest as failed, passedTest as passed, sections } from './testing/sample-run.js';

describe('buildRunReport', () => {
  it('should fail the run when a check failed and list every undecided criterion of the phase', () => {
    const report = buildRunReport({ ...base, tests: [passed, failed], group: 'A2' });
    expect(report.verdict).toBe('failed');
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(report.counts.criteria).toEqual({ passed: 1, failed: 1, skipped: 0, 'not-implemented': 91, manual: 5 });
    expect(report.criteria.find((c) => c.id === 'P1-SC7')).toMatchObject({ status: 'not-implemented', reason: 'not implemented in this version of phasegate (BASELINE_REGRESSION, automation: partial)' });
    expect(report.criteria.find((c) => c.id === 'P1-NEXT5')).toMatchObject({ status: 'manual' });
    expect(report.notImplemented).toHaveLength(91);
    expect(report.notImplemented).toContainEqual({ id: 'P1-SC7', reason: 'not implemented in this version of phasegate (BASELINE_REGRESSION, automation: partial)' });
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
    expect(buildRunReport({ ...base, interrupted: true, tests: [passed], group: 'A2', unhandledErrors: ['x'] }).verdict).toBe('interrupted');
  });

  it('should mark a run with errors outside any test as error', () => {
    const report = buildRunReport({ ...base, tests: [], group: 'A2', unhandledErrors: ['Error: global setup could not start the stack'] });
    expect(report.verdict).toBe('error');
    expect(report.unhandledErrors).toEqual(['Error: global setup could not start the stack']);
  });

  it('should fail only the criterion whose check failed when one test holds several', () => {
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
    expect(report.criteria.filter((c) => c.checks.length > 0).map((c) => [c.id, c.status, c.durationMs])).toEqual([
      ['P0-S4-AC2a', 'passed', 1],
      ['P0-S4-AC2c', 'failed', 1],
    ]);
  });

  it('should list a criterion whose test only recorded a manual reason as manual', () => {
    const manual: TestOutcome = { name: 'P1-S12-AC1-6', file: 'x', state: 'passed', durationMs: 0, criterionIds: ['P1-S12-AC1-6'], checks: [], manual: 'sections 5-8 need a reviewer' };
    const report = buildRunReport({ ...base, tests: [manual], group: 'A2' });
    expect(report.criteria.find((c) => c.id === 'P1-S12-AC1-6')).toMatchObject({ status: 'manual', reason: 'manual: sections 5-8 need a reviewer' });
  });

  it('should pass a criterion whose passing test recorded no check', () => {
    const bare: TestOutcome = { name: 'P1-SC1: containers up', file: 'x', state: 'passed', durationMs: 3, criterionIds: ['P1-SC1'], checks: [] };
    expect(buildRunReport({ ...base, tests: [bare], group: 'A2' }).criteria.find((c) => c.id === 'P1-SC1')).toMatchObject({ status: 'passed', reason: 'decided by its test, which recorded no check', durationMs: 3 });
  });

  it('should keep the measurement sections and drop keys the report does not need', () => {
    const load = { ...sections.loads[0]!, endpoints: [{ ...sections.loads[0]!.endpoints[0]!, histogram: 'HISTFAAAA…', statusCodes: { 200: 500 } }] };
    const report = buildRunReport({ ...base, tests: [passed], group: undefined, ...sections, loads: [load] });
    expect(Object.keys(report.loads![0]!.endpoints[0]!)).not.toContain('histogram');
    expect(report.baselines![0]!.warnings).toEqual([]);
    expect(report.rebuild?.steps).toHaveLength(2);
    expect(report.resources?.samples).toHaveLength(2);
    expect(report.contradictions![0]!.choice).toBe('3.12');
  });

  it('should leave absent sections undefined rather than empty', () => {
    const report = buildRunReport({ ...base, tests: [passed], group: undefined, loads: [], baselines: [] });
    expect([report.loads, report.baselines, report.rebuild, report.resources, report.versions, report.contradictions]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('parseRunReport', () => {
  it('should round-trip a report through JSON', () => {
    const report = buildRunReport({ ...base, tests: [passed, failed], group: undefined, ...sections });
    expect(parseRunReport(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('should read a schema 1 report written before the measurement sections existed', () => {
    const v1 = { schemaVersion: 1, runId: 'old', phase: 'phase1', target: 'reference', startedAt: 'a', finishedAt: 'b', verdict: 'passed', environment: {}, tests: [], criteria: [], counts: { tests: { passed: 0, failed: 0, skipped: 0, pending: 0 }, criteria: { passed: 0, failed: 0, 'not-implemented': 0, manual: 0 } } };
    expect(parseRunReport(v1)).toMatchObject({ schemaVersion: 1, unhandledErrors: [], notImplemented: [], counts: { criteria: { skipped: 0 } } });
  });

  it('should name the bad field of an invalid report', () => {
    const valid = JSON.parse(JSON.stringify(buildRunReport({ ...base, tests: [passed], group: undefined })));
    expect(() => parseRunReport({ ...valid, runId: 7, verdict: 'maybe' })).toThrow('invalid run report: ✖ Invalid input: expected string, received number → at runId ✖ Invalid option: expected one of "passed"|"failed"|"interrupted"|"error" → at verdict');
  });
});

describe('criteria decided by a check that could not decide yet', () => {
  it('should mark the criterion skipped with the check\'s reason, not failed and not passed', async () => {
    const { buildRunReport } = await import('./model.js');
    const report = buildRunReport({
      phase: 'phase1',
      group: 'A2',
      target: 'reference',
      runId: 'r',
      startedAt: '2026-12-01T00:00:00Z',
      finishedAt: '2026-12-01T00:01:00Z',
      interrupted: false,
      environment: {},
      tests: [{ name: 'P1-SC5', file: 'suites/phase1/containers.test.ts', state: 'skipped', durationMs: 1, criterionIds: ['P1-SC5'], checks: [{ criterionId: 'P1-SC5', title: 'no restarts', status: 'skipped', message: 'not yet provable: data-api has been up 37 s since its last start (criterion asks 1.0 h)' }] }],
    });
    const c = report.criteria.find((x) => x.id === 'P1-SC5')!;
    expect(c.status).toBe('skipped');
    expect(c.reason).toMatch(/^not yet provable: data-api has been up 37 s/);
    expect(report.verdict).toBe('passed');
  });
});
