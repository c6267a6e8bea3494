import { describe, expect, it } from 'vitest';
import type { TestRecord } from '../reports/run-test-log.js';
import type { CheckResult } from './check-result.js';
import { checkCriteriaRollup, checkRunWithoutFailures, recordedOutcome } from './check-criteria-rollup.js';

const check = (criterionId: string, status: CheckResult['status'], message = `${criterionId} ${status}`): CheckResult => ({ criterionId, title: criterionId, status, message });
const record = (over: Partial<TestRecord> & Pick<TestRecord, 'criterionIds'>): TestRecord => ({ file: 'suites/phase1/x.test.ts', name: over.criterionIds.join(' / '), state: 'pass', checks: [], ...over });

describe('recordedOutcome', () => {
  it('should be not decided when no test of the run names the criterion', () => {
    const r = recordedOutcome([record({ criterionIds: ['P1-SC2'], checks: [check('P1-SC2', 'passed')] })], 'P1-SC1');
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/no test of this run decided P1-SC1/);
  });

  it('should judge by the criterion\'s own results: another criterion failing in the same test does not fail it', () => {
    const rec = record({ criterionIds: ['P1-SC1', 'P1-S11-AC1'], state: 'fail', checks: [check('P1-SC1', 'passed'), check('P1-S11-AC1', 'failed')] });
    expect(recordedOutcome([rec], 'P1-SC1').status).toBe('passed');
    expect(recordedOutcome([rec], 'P1-S11-AC1').status).toBe('failed');
  });

  it('should fail a criterion whose test failed before recording anything, quoting the error', () => {
    const r = recordedOutcome([record({ criterionIds: ['P1-SC3'], state: 'fail', note: 'TypeError: boom' })], 'P1-SC3');
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/failed before recording a result: TypeError: boom/);
  });

  it('should be not decided when a test skipped it, with the test\'s reason', () => {
    const r = recordedOutcome([record({ criterionIds: ['P1-SC5'], state: 'skip', checks: [check('P1-SC5', 'skipped', 'not yet provable: up 4 min of 1 h')] })], 'P1-SC5');
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/not yet provable: up 4 min of 1 h/);
  });

  it('should fail when one of several tests failed it, even if another passed it', () => {
    const recs = [record({ name: 'a', criterionIds: ['P1-SC1'], checks: [check('P1-SC1', 'passed')] }), record({ name: 'b', criterionIds: ['P1-SC1'], state: 'fail', checks: [check('P1-SC1', 'failed', 'data-api unhealthy')] })];
    const r = recordedOutcome(recs, 'P1-SC1');
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/"b" \(suites\/phase1\/x.test.ts\): data-api unhealthy/);
  });
});

describe('checkCriteriaRollup (P1-NEXT1, PD-W2-1)', () => {
  const all = ['P1-SC1', 'P1-SC2'];
  it('should pass only when every constituent passed in this run', () => {
    const recs = [record({ criterionIds: ['P1-SC1'], checks: [check('P1-SC1', 'passed')] }), record({ criterionIds: ['P1-SC2'], checks: [check('P1-SC2', 'passed')] })];
    const r = checkCriteriaRollup(recs, { criterionId: 'P1-NEXT1', title: 'all Phase 1 success criteria', constituents: all });
    expect(r.status).toBe('passed');
    expect(r.criterionId).toBe('P1-NEXT1');
  });

  it('should fail naming the failed constituent and a hint', () => {
    const recs = [record({ criterionIds: ['P1-SC1'], checks: [check('P1-SC1', 'passed')] }), record({ criterionIds: ['P1-SC2'], state: 'fail', checks: [check('P1-SC2', 'failed', 'ERROR line in data-api')] })];
    const r = checkCriteriaRollup(recs, { criterionId: 'P1-NEXT1', title: 'all Phase 1 success criteria', constituents: all });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/\[P1-SC2\] .*ERROR line in data-api.*hint: fix the failed criteria/);
  });

  it('should be not decided (never passed) when a constituent was not run', () => {
    const r = checkCriteriaRollup([record({ criterionIds: ['P1-SC1'], checks: [check('P1-SC1', 'passed')] })], { criterionId: 'P1-NEXT1', title: 'all Phase 1 success criteria', constituents: all });
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/not decided: 1 of 2 .*P1-SC2/);
  });

  it('should take extra results decided by the roll-up test itself into account', () => {
    const recs = [record({ criterionIds: ['P1-SC1'], checks: [check('P1-SC1', 'passed')] })];
    expect(checkCriteriaRollup(recs, { criterionId: 'P1-NEXT3', title: 'stable', constituents: ['P1-SC1'], extra: [check('P1-NEXT3', 'skipped', 'up 5 min of 24 h')] }).status).toBe('skipped');
    expect(checkCriteriaRollup(recs, { criterionId: 'P1-NEXT3', title: 'stable', constituents: ['P1-SC1'], extra: [check('P1-NEXT3', 'failed', 'influxdb restarted')] }).status).toBe('failed');
  });
});

describe('checkRunWithoutFailures (P1-DOC6 precondition)', () => {
  it('should pass when no other test failed, ignoring the excluded criteria', () => {
    const recs = [record({ criterionIds: ['P1-SC1'] }), record({ criterionIds: ['P1-SC5'], state: 'skip' }), record({ criterionIds: ['P1-NEXT1'], state: 'fail' })];
    const r = checkRunWithoutFailures(recs, { criterionId: 'P1-DOC6', exclude: ['P1-NEXT1'] });
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/2 test\(s\) .*1 not decided/);
  });

  it('should fail naming the failed tests', () => {
    const r = checkRunWithoutFailures([record({ name: 'P1-SC2: logs', criterionIds: ['P1-SC2'], state: 'fail', note: 'ERROR in data-api' })], { criterionId: 'P1-DOC6' });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/1 of 1 test\(s\) of this run failed: "P1-SC2: logs" \(ERROR in data-api\)/);
  });

  it('should be not decided when nothing else ran', () => {
    expect(checkRunWithoutFailures([], { criterionId: 'P1-DOC6' }).status).toBe('skipped');
  });
});
