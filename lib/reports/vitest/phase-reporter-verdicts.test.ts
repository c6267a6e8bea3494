// Drives PhaseReporter directly with hand-written stand-ins of vitest's TestModule/TestCase (only the members the
// reporter reads), to pin the verdict of a failed and of an interrupted run without spawning vitest.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestCase, TestModule, TestSpecification } from 'vitest/node';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../checks/check-result.js';
import { parseRunReport } from '../model.js';
import type { PhaseTaskMeta } from '../task-meta.js';
import PhaseReporter from './phase-reporter.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

type State = 'passed' | 'failed' | 'skipped' | 'pending';

/** A stand-in TestCase: name, result, meta and duration. */
function testCase(name: string, state: State, meta: PhaseTaskMeta = {}, error?: string): TestCase {
  return {
    name,
    fullName: name,
    meta: () => meta,
    result: () => ({ state, ...(error ? { errors: [{ message: error }] } : {}) }),
    diagnostic: () => (state === 'pending' ? undefined : { duration: 5 }),
  } as unknown as TestCase;
}

/** A stand-in TestModule of project `project` holding `tests`. */
function testModule(project: string, tests: readonly TestCase[]): TestModule {
  return {
    project: { name: project, getProvidedContext: () => ({}) },
    relativeModuleId: `suites/${project}/gate.test.ts`,
    children: { allTests: () => tests[Symbol.iterator]() },
    state: () => (tests.some((t) => t.result().state === 'failed') ? 'failed' : 'passed'),
    errors: () => [],
  } as unknown as TestModule;
}

const spec = (project: string) => ({ project: { name: project } }) as unknown as TestSpecification;
const check = (criterionId: string, status: CheckResult['status'], message: string): CheckResult => ({ criterionId, title: criterionId, status, message, measurement: status === 'passed' ? 1 : 0, limit: '>= 1' });

/** Runs the reporter over the given modules and returns the root, the printed lines and the latest report. */
function runReporter(modules: readonly TestModule[], reason: 'passed' | 'failed' | 'interrupted', planned: readonly string[] = ['phase1']) {
  const root = mkdtempSync(join(tmpdir(), 'phasegate-reporter-verdicts-'));
  dirs.push(root);
  const printed: string[] = [];
  const errors: string[] = [];
  const reporter = new PhaseReporter({ rootDir: root, chartLibrary: undefined, environment: { node: 'v20' }, print: (l) => printed.push(l), onError: (l) => errors.push(l) });
  reporter.onTestRunStart(planned.map(spec));
  reporter.onTestRunEnd(modules, [], reason);
  const latest = join(root, 'phase1', 'latest');
  return { root, latest, printed, errors, report: parseRunReport(JSON.parse(readFileSync(join(latest, 'report.json'), 'utf8'))) };
}

describe('PhaseReporter verdicts', () => {
  it('should write a complete FAILED report when a gate test failed', () => {
    const { latest, printed, errors, report } = runReporter(
      [testModule('phase1', [testCase('P1-S4-V2: health', 'passed', { check: check('P1-S4-V2', 'passed', 'healthy') }), testCase('P1-SC6: events flow', 'failed', { check: check('P1-SC6', 'failed', 'InfluxDB gained 0 points') }, '[P1-SC6] InfluxDB gained 0 points')])],
      'failed',
    );
    expect(errors).toEqual([]);
    expect(report.verdict).toBe('failed');
    expect(readdirSync(latest).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    expect(readFileSync(join(latest, 'report.md'), 'utf8')).toMatch(/^# phase1 gate — FAILED\n/);
    expect(readFileSync(join(latest, 'junit.xml'), 'utf8')).toContain('<property name="verdict" value="failed"/>');
    expect(readFileSync(join(latest, 'report.html'), 'utf8')).toContain('data-verdict="failed"');
    expect(printed[0]).toMatch(/^\nphasegate: phase1 FAILED — 1 criteria passed, 1 failed, \d+ not implemented, \d+ manual$/);
    expect(report.criteria.find((c) => c.id === 'P1-SC6')).toMatchObject({ status: 'failed', checks: [{ message: 'InfluxDB gained 0 points' }] });
  });

  it('should write a complete INTERRUPTED report, with the tests that did not run listed as not run, even after a failure', () => {
    const { latest, printed, report } = runReporter(
      [
        testModule('phase1', [
          testCase('P1-S4-V2: health', 'passed', { check: check('P1-S4-V2', 'passed', 'healthy') }),
          testCase('P1-SC6: events flow', 'failed', { check: check('P1-SC6', 'failed', 'no points') }, 'no points'),
          testCase('P1-SC1: containers healthy', 'pending'),
        ]),
      ],
      'interrupted',
    );
    expect(report.verdict).toBe('interrupted');
    expect(readdirSync(latest).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    const md = readFileSync(join(latest, 'report.md'), 'utf8');
    expect(md).toMatch(/^# phase1 gate — INTERRUPTED\n/);
    expect(md).toContain('The run was interrupted before it finished: criteria whose tests did not complete are listed as not run.');
    expect(readFileSync(join(latest, 'junit.xml'), 'utf8')).toContain('<property name="verdict" value="interrupted"/>');
    expect(readFileSync(join(latest, 'report.html'), 'utf8')).toContain('data-verdict="interrupted"');
    expect(report.criteria.find((c) => c.id === 'P1-SC1')?.status).toBe('skipped');
    expect(report.criteria.find((c) => c.id === 'P1-SC6')?.status).toBe('failed');
    expect(printed[0]).toMatch(/^\nphasegate: phase1 INTERRUPTED — 1 criteria passed, 1 failed, .*, 1 not run$/);
  });

  it('should still write an INTERRUPTED report for a planned gate interrupted before any of its modules finished', () => {
    const { latest, report } = runReporter([], 'interrupted');
    expect(report.verdict).toBe('interrupted');
    expect(report.tests).toEqual([]);
    expect(report.counts.criteria.passed).toBe(0);
    expect(readdirSync(latest).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    expect(readFileSync(join(latest, 'report.md'), 'utf8')).toMatch(/^# phase1 gate — INTERRUPTED\n/);
  });
});
