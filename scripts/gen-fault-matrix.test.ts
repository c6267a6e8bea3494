import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULT_MATRIX_DOC, mergeReports, renderFaultMatrix } from './gen-fault-matrix.js';

const SELFTEST = join(import.meta.dirname, '..', 'suites', 'selftest');

/** Every `it('…')` title of the self-test suite, from the source (escaped quotes inside a title included). */
function scenarioTitles(): string[] {
  return readdirSync(SELFTEST)
    .filter((f) => f.endsWith('.test.ts'))
    .flatMap((f) => [...readFileSync(join(SELFTEST, f), 'utf8').matchAll(/\bit(?:\.each\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1).)+)\1/g)].map((m) => m[2]!.replace(/\\(['"`])/g, '$1')));
}

describe('fault matrix', () => {
  it('should list every self-test scenario (regenerate: npx vitest run suites/selftest && npx tsx scripts/gen-fault-matrix.ts)', () => {
    const doc = readFileSync(FAULT_MATRIX_DOC, 'utf8');
    const titles = scenarioTitles();
    expect(titles.length).toBeGreaterThanOrEqual(15);
    // A table-driven title (`${s.ids.join(', ')} fail when ${s.fault}`) is matched with each `${…}` as a wildcard.
    const listed = (t: string): boolean => {
      const title = t.replace(/\|/g, '\\|');
      if (!title.includes('${')) return doc.includes(title);
      const pattern = title.split(/\$\{[^}]*\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?');
      return new RegExp(pattern).test(doc);
    };
    expect(titles.filter((t) => !listed(t))).toEqual([]);
  });

  it('should render each scenario with its criterion, result and message, and count the false passes', () => {
    const doc = renderFaultMatrix({
      runId: 'r1',
      startedAt: '2026-12-01T00:00:00Z',
      verdict: 'FAILED',
      tests: [
        { name: 'self-test > P1-SC6 fails when writes stop', file: 'suites/selftest/faults.test.ts', state: 'passed', checks: [{ criterionId: 'P1-SC6', status: 'failed', message: 'gained 0 points | hint: x' }] },
        { name: 'self-test > P1-SC2 fails on error lines', file: 'suites/selftest/faults.test.ts', state: 'failed', checks: [{ criterionId: 'P1-SC2', status: 'passed', message: 'no error lines' }] },
        { name: 'phase1 > other', file: 'suites/phase1/a.test.ts', state: 'passed', checks: [] },
      ],
    });
    expect(doc).toContain('2 scenarios, 1 detected as expected, 1 not.');
    expect(doc).toContain('| P1-SC6 fails when writes stop | `faults.test.ts` | P1-SC6 → failed | gained 0 points \\| hint: x |');
    expect(doc).toContain('| P1-SC2 fails on error lines (**failed**) | `faults.test.ts` | P1-SC2 → passed | no error lines |');
  });

  it('should merge a full run with a later run of one file: that file\'s scenarios are replaced (renamed ones do not linger), the other files stay', () => {
    const test = (name: string, state: string, file = 'suites/selftest/a.test.ts') => ({ name, file, state, checks: [] });
    const merged = mergeReports([
      { runId: 'full', startedAt: 't1', verdict: 'FAILED', tests: [test('s > one', 'failed'), test('s > old title', 'passed'), test('b > other', 'passed', 'suites/selftest/b.test.ts')] },
      { runId: 'one-file', startedAt: 't2', verdict: 'PASSED', tests: [test('s > one', 'passed'), test('s > new title', 'passed')] },
    ]);
    expect(merged).toMatchObject({ runId: 'full + one-file', startedAt: 't1, t2', verdict: 'FAILED / PASSED' });
    expect(merged.tests.map((t) => [t.name, t.state])).toEqual([['b > other', 'passed'], ['s > one', 'passed'], ['s > new title', 'passed']]);
  });
});
