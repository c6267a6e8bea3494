import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeCoverage, renderCoverageMarkdown } from '../lib/criteria/coverage.js';
import type { Criterion } from '../lib/criteria/parse-criteria-markdown.js';
import { COVERAGE_DOC, currentCoverageMarkdown } from './gen-criteria-coverage.js';

const c = (id: string, automation: Criterion['automation'] = 'yes'): Criterion => ({ id, group: 'A2', groupTitle: 'Phase 1', criterion: `criterion ${id}`, threshold: '', type: 'HEALTH_HTTP', automation, how: 'curl', source: '002' });

describe('criteria coverage', () => {
  it('should be current: docs/criteria-coverage.md matches the code (regenerate with npx tsx scripts/gen-criteria-coverage.ts)', () => {
    expect(readFileSync(COVERAGE_DOC, 'utf8')).toBe(currentCoverageMarkdown());
  });

  it('should count an ID named in code, not one only in a comment or inside a longer ID', () => {
    const rows = computeCoverage({
      criteria: [c('P1-SC1'), c('P1-SC2'), c('P1-S12-AC1'), c('P1-NEXT2', 'no'), c('P1-SC5')],
      suiteFiles: {
        'suites/phase1/a.test.ts': "// P1-SC2 is for later\nit('P1-SC1: healthy', () => {});\nit('P1-S12-AC1-6 report', () => {});",
        'suites/selftest/f.test.ts': "expectFails(ctx, check({ criterionId: 'P1-SC1' }), /x/);",
      },
      planCriteria: { 'suites/phase1/rebuild.test.ts': ['P1-SC5'] },
    });
    expect(rows.map((r) => `${r.criterion.id} ${r.status} ${r.checkedIn.join(',')} ${r.selfTestedIn.length}`)).toEqual([
      'P1-SC1 implemented suites/phase1/a.test.ts 1',
      'P1-SC2 not implemented  0',
      'P1-S12-AC1 not implemented  0',
      'P1-NEXT2 manual  0',
      'P1-SC5 implemented suites/phase1/rebuild.test.ts 0',
    ]);
    const md = renderCoverageMarkdown(rows);
    expect(md).toContain('- implemented as checks: **2** (50.0%)');
    expect(md).toContain('## A2. Phase 1 — 2/4 automatable implemented');
    expect(md).toContain('| P1-SC1 | criterion P1-SC1 | yes | implemented | `suites/phase1/a.test.ts` | yes |');
    expect(md).toContain('| P1-NEXT2 | criterion P1-NEXT2 | no | manual: curl |  |  |');
  });
});
