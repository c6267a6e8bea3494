import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findReportWriter, probeReportReadiness } from '../reports/report-readiness.js';
import type { TestRecord } from '../reports/run-test-log.js';
import { checkValidationReport } from './check-validation-report.js';

const records: TestRecord[] = [
  { file: 'suites/phase1/containers.test.ts', name: 'P1-SC1: healthy', state: 'pass', criterionIds: ['P1-SC1'], checks: [{ criterionId: 'P1-SC1', title: 'containers', status: 'passed', message: '18 of 18 healthy' }] },
  { file: 'suites/phase1/logs.test.ts', name: 'P1-SC2: logs', state: 'fail', criterionIds: ['P1-SC2'], checks: [], note: 'boom' },
];
const probe = (rootDir: string, over: Partial<Parameters<typeof probeReportReadiness>[0]> = {}) =>
  probeReportReadiness({ writer: { active: true, rootDir }, phase: 'phase1', records, startedAt: '2026-12-02T07:00:00.000Z', now: new Date('2026-12-02T07:10:00.000Z'), ...over });

describe('findReportWriter', () => {
  it('should find the phase reporter in vitest\'s resolved reporters, with its rootDir', () => {
    expect(findReportWriter([['default', {}], ['./lib/reports/vitest/phase-reporter.ts', {}]], {})).toEqual({ active: true, rootDir: 'reports' });
    expect(findReportWriter([['/abs/lib/reports/vitest/phase-reporter.ts', { rootDir: '/srv/r' }]], {})).toEqual({ active: true, rootDir: '/srv/r' });
    expect(findReportWriter([['default', {}]], { PHASEGATE_REPORTS_DIR: '/x' })).toEqual({ active: false, rootDir: '/x' });
  });
});

describe('checkValidationReport (P1-S11-T10)', () => {
  it('should pass when the reporter is active, its folder writable and every format renders this run', () => {
    const r = checkValidationReport(probe(mkdtempSync(join(tmpdir(), 'pg-rep-'))));
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/2 test\(s\) so far \(2 criteria decided\) render as json \d+ B, markdown \d+ B, junit \d+ B, html \d+ B/);
  });

  it('should fail with the path and a hint when the folder cannot be written (a file in the way)', () => {
    const root = mkdtempSync(join(tmpdir(), 'pg-rep-'));
    writeFileSync(join(root, 'phase1'), 'not a folder');
    const r = checkValidationReport(probe(root));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/cannot be written to .*phase1: reports.dir: cannot write .*phase1 .*hint: point reports.dir/);
  });

  it('should fail when the phase reporter is not configured', () => {
    const r = checkValidationReport(probe(mkdtempSync(join(tmpdir(), 'pg-rep-')), { writer: { active: false, rootDir: 'reports' } }));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/not among this run's vitest reporters.*hint: keep/);
  });

  it('should fail when a renderer throws on this run\'s results', () => {
    const renderers = [{ name: 'markdown', fileName: 'report.md', render: () => { throw new Error('cannot render'); } }];
    const r = checkValidationReport(probe(mkdtempSync(join(tmpdir(), 'pg-rep-')), { renderers }));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/markdown: cannot render/);
  });
});
