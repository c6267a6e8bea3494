import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendTestRecord, createTestLog, criterionIdsInTitle, readTestRecords, type TestRecord } from './run-test-log.js';

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
});
