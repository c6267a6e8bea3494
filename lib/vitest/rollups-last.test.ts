import { describe, expect, it } from 'vitest';
import { rollupsLast } from './rollups-last.js';

describe('rollupsLast', () => {
  it('should move every rollup.test.ts behind the other files and keep the order otherwise', () => {
    const files = ['/r/suites/phase1/rollup.test.ts', '/r/suites/phase1/logs.test.ts', '/r/suites/runbook/rollup.test.ts', '/r/suites/phase1/health.test.ts'];
    expect(rollupsLast(files, (f) => f)).toEqual(['/r/suites/phase1/logs.test.ts', '/r/suites/phase1/health.test.ts', '/r/suites/phase1/rollup.test.ts', '/r/suites/runbook/rollup.test.ts']);
  });

  it('should not move a file that merely contains the word', () => {
    expect(rollupsLast(['/a/rollup-helpers.test.ts', '/a/b.test.ts'], (f) => f)).toEqual(['/a/rollup-helpers.test.ts', '/a/b.test.ts']);
  });
});
