import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { criteriaOfGroup, findCriterion } from '../criteria/catalog.js';
import { loadInventory } from '../inventory/load-inventory.js';
import type { BodyRule } from '../probes/body-rule.js';
import { isImplemented, REBUILD_VALIDATION, REQUIREMENTS, unmetRequirements, validationEntry } from './complete-rebuild-validation.js';

const ROOT = join(import.meta.dirname, '..', '..');
const reference = loadInventory({ files: [join(ROOT, 'fixtures', 'reference', 'docker-compose.yml')], env: {}, projectName: 'phasegate-ref', driver: 'v1', profiles: ['production'] });
/** Every catalog criterion id some gate suite names (test titles, criterionId, forCriterion): the "already implemented" set. */
const implemented = new Set(readdirSync(join(ROOT, 'suites'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts') && !f.startsWith('selftest'))
  .flatMap((f) => [...readFileSync(join(ROOT, 'suites', f), 'utf8').matchAll(/\b[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)+\b/g)].map((m) => m[0]).filter((id) => findCriterion(id) !== undefined)));

describe('REBUILD_VALIDATION (003 validation criteria → existing checks)', () => {
  it('should cover every RB-V, RB-CL, RB-PR and RB-SC criterion of the catalog exactly once', () => {
    const ids = REBUILD_VALIDATION.map((e) => e.criterionId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(findCriterion(id)?.group, id).toBe('A9');
    const catalog = criteriaOfGroup('A9').map((c) => c.id).filter((id) => /^RB-(V-|CL-|PR-|SC\d)/.test(id));
    expect([...ids].sort()).toEqual([...catalog].sort());
    expect(ids).toHaveLength(60);
  });

  it('should point sameAs only at criteria a gate suite already checks', () => {
    for (const e of REBUILD_VALIDATION) for (const id of e.sameAs) expect(implemented.has(id), `${e.criterionId} sameAs ${id}`).toBe(true);
  });

  it('should name only services of the reference compose, or require what the twin lacks', () => {
    const names = new Set([...reference.services.map((s) => s.name), ...reference.inactiveServices]);
    for (const e of REBUILD_VALIDATION) {
      for (const c of e.checks) {
        if (!Array.isArray(c.services)) continue;
        for (const s of c.services) if (!names.has(s)) expect(e.requires, `${e.criterionId}: ${s}`).toContain('enrichment-pipeline');
      }
    }
  });

  it('should give aggregates only known entries, and not-implemented/manual entries no probe', () => {
    for (const e of REBUILD_VALIDATION) {
      for (const c of e.checks) {
        if (c.kind === 'aggregate') for (const id of c.of ?? []) expect(validationEntry(id), `${e.criterionId} → ${id}`).toBeDefined();
        if (c.kind === 'not-implemented' || c.kind === 'manual') expect(c.path).toBeUndefined();
        if (c.kind === 'health-body') expect(c.rule, e.criterionId).toBeDefined();
      }
    }
  });

  it('should run checks for the permissions, ports, networks and volumes entries', () => {
    expect(['RB-CL-SEC3', 'RB-CL-SEC4', 'RB-CL-INF3', 'RB-CL-INF4'].map((id) => [id, isImplemented(validationEntry(id)!), validationEntry(id)!.checks[0]!.kind])).toEqual([
      ['RB-CL-SEC3', true, 'permissions'], ['RB-CL-SEC4', true, 'exposed-ports'], ['RB-CL-INF3', true, 'networks-created'], ['RB-CL-INF4', true, 'volumes-mounted'],
    ]);
  });

  it('should use body rules checkHealthBody accepts (same shape as lib/probes BodyRule)', () => {
    const rules: BodyRule[] = REBUILD_VALIDATION.flatMap((e) => e.checks.flatMap((c) => (c.rule ? [c.rule] : [])));
    expect(rules.length).toBeGreaterThan(20);
  });

  it('should say why an entry cannot be decided on the reference twin, and nothing when it can', () => {
    const twin = (r: keyof typeof REQUIREMENTS) => REQUIREMENTS[r].referenceTwin;
    expect(unmetRequirements(validationEntry('RB-CL-INT4')!, twin)).toMatch(/^not decidable on this target: weather fields on events need weather-api with an external API key/);
    // RB-CL-INF3 decides on every target: with network_mode host its check says "not applicable" itself.
    expect(unmetRequirements(validationEntry('RB-CL-INF3')!, twin)).toBeNull();
    expect(unmetRequirements(validationEntry('RB-CL-INT5')!, twin)).toBeNull(); // the twin serves synthetic games
    expect(unmetRequirements(validationEntry('RB-SC5')!, twin)).toBeNull(); // and a metadata.db stand-in
    expect(unmetRequirements(validationEntry('RB-CL-SH5')!, twin)).toBeNull();
    expect(unmetRequirements(validationEntry('RB-SC5')!, () => true)).toBeNull();
    expect(validationEntry('RB-CL-SH4')).toMatchObject({ checks: [{ path: '/api/v1/health' }], sameAs: ['P1-S4-V4', 'P1-S4-AC5'] });
  });
});
