import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CRITERIA, criteriaOfGroup, criterion } from './catalog.js';
import { parseCriteriaMarkdown } from './parse-criteria-markdown.js';

const SHARED = '../shared/docs/criteria.md';

describe('criteria catalog', () => {
  it('should hold the 450 criteria with the automation counts of criteria.md §E', () => {
    expect(CRITERIA).toHaveLength(450);
    expect(new Set(CRITERIA.map((c) => c.id)).size).toBe(450);
    expect(CRITERIA.filter((c) => c.automation === 'yes')).toHaveLength(307);
    expect(CRITERIA.filter((c) => c.automation === 'partial')).toHaveLength(106);
    expect(criteriaOfGroup('A2')).toHaveLength(98);
  });

  it('should describe a criterion with its threshold and source', () => {
    expect(criterion('P1-SC3')).toMatchObject({ group: 'A2', threshold: '< 500 ms (001: no number)', type: 'LATENCY_BUDGET', automation: 'yes' });
  });

  it('should reject an unknown ID with the regeneration hint', () => {
    expect(() => criterion('P1-SC99')).toThrowError('unknown criterion ID "P1-SC99": not in lib/criteria/catalog.json (regenerate with scripts/extract-criteria.ts)');
  });

  it('should be generated from criteria.md, not edited by hand', () => {
    // With the shared docs beside the repo (CI, developers) regenerate and compare; else check the pinned hash.
    if (existsSync(SHARED)) expect(parseCriteriaMarkdown(readFileSync(SHARED, 'utf8'))).toEqual(CRITERIA);
    expect(createHash('sha256').update(readFileSync(new URL('./catalog.json', import.meta.url))).digest('hex')).toBe('4ac7a8dba491978d605b8aed652c96ca58d377496c9e4736aebbdec56cf47cf6');
  });

  it('should parse escaped pipes and pipes inside code spans', () => {
    const md = ['## A. x', '### A9. Rebuild (003)', '| id | criterion | threshold | type | auto + how | source |', '|---|---|---|---|---|---|',
      '| R-1 | `a | b` ok \\| fine | > 0 | HEALTH_HTTP | partial — via `x|y` | 003 L1 |'].join('\n');
    expect(parseCriteriaMarkdown(md)).toEqual([
      { id: 'R-1', group: 'A9', groupTitle: 'Rebuild', criterion: '`a | b` ok | fine', threshold: '> 0', type: 'HEALTH_HTTP', automation: 'partial', how: 'via `x|y`', source: '003 L1' },
    ]);
  });
});
