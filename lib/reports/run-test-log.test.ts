import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendTestRecord, createTestLog, criterionIdsInTitle, readTestRecords, toTestRecord, type TestRecord } from './run-test-log.js';

const rec: TestRecord = { file: 'suites/phase1/a.test.ts', name: 'P1-SC1: healthy', state: 'pass', criterionIds: ['P1-SC1'], checks: [{ criterionId: 'P1-SC1', title: 't', status: 'passed', message: 'ok' }] };

describe('run test log', () => {
  it('should read back what was appended, in order, and treat a missing file as empty', () => {
    const path = createTestLog('phase1', mkdtempSync(join(tmpdir(), 'pg-log-')));
    expect(readTestRecords(path)).toEqual([]);
    appendTestRecord(path, rec);
    appendTestRecord(path, { ...rec, name: 'second', state: 'fail', note: 'boom' });
    expect(readTestRecords(path).map((r) => [r.name, r.state])).toEqual([['P1-SC1: healthy', 'pass'], ['second', 'fail']]);
  });

  it('should ignore a torn line', () => {
    const path = createTestLog('phase1', mkdtempSync(join(tmpdir(), 'pg-log-')));
    appendTestRecord(path, rec);
    appendFileSync(path, '{"file":"x","na');
    expect(readTestRecords(path)).toHaveLength(1);
  });

  it('should find the criterion IDs of a title', () => {
    expect(criterionIdsInTitle('P1-SC1 / P1-S11-AC1: every expected service is healthy')).toEqual(['P1-SC1', 'P1-S11-AC1']);
    expect(criterionIdsInTitle('RUN-M6: deployment tracked')).toEqual(['RUN-M6']);
    expect(criterionIdsInTitle('PD-W2-1: all success criteria met')).toEqual(['PD-W2-1']);
  });

  it('should turn a finished task into a record: meta IDs first, else the title\'s; first error line or skip reason as note', () => {
    const check = { criterionId: 'P1-SC5', title: 't', status: 'skipped' as const, message: 'not yet provable' };
    expect(toTestRecord({ name: 'P1-SC5 / P1-S11-AC5: no restart', filepath: '/r/suites/phase1/c.test.ts', state: 'skip', note: 'not yet provable', meta: { criterionIds: ['P1-SC5'], checks: [check] } }, '/r')).toEqual({ file: 'suites/phase1/c.test.ts', name: 'P1-SC5 / P1-S11-AC5: no restart', state: 'skip', criterionIds: ['P1-SC5'], checks: [check], note: 'not yet provable' });
    const failed = toTestRecord({ name: 'P1-SC2 / P1-S11-AC2: logs', filepath: '/r/suites/phase1/l.test.ts', state: 'fail', errors: ['TypeError: x\n    at y'], meta: {} }, '/r');
    expect([failed.state, failed.criterionIds, failed.note]).toEqual(['fail', ['P1-SC2', 'P1-S11-AC2'], 'TypeError: x']);
    expect(toTestRecord({ name: 'x', filepath: '/r/a.test.ts', state: 'run', meta: {} }, '/r').state).toBe('fail');
  });
});
