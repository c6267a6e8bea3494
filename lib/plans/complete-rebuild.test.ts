import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRADICTIONS } from '../config/contradictions.js';
import { findCriterion } from '../criteria/catalog.js';
import { loadInventory } from '../inventory/load-inventory.js';
import { COMPLETE_REBUILD_PROCEDURE as P, composeNameOf, defineCompleteRebuild, rebuildSteps, REBUILD_STAGES, restoreDecision, teardownPlan, type CompleteRebuildProcedureInput } from './complete-rebuild.js';

const REFERENCE = join(import.meta.dirname, '..', '..', 'fixtures', 'reference', 'docker-compose.yml');
const reference = loadInventory({ files: [REFERENCE], env: {}, projectName: 'phasegate-ref', driver: 'v1', profiles: ['production'] });
const clone = (): CompleteRebuildProcedureInput => structuredClone(P) as CompleteRebuildProcedureInput;

describe('COMPLETE_REBUILD_PROCEDURE (003 as data)', () => {
  it('should hold the six stages in 003\'s order, each step citing 003 lines', () => {
    expect(P.stages.map((s) => s.id)).toEqual([...REBUILD_STAGES]);
    expect(rebuildSteps(P).map((s) => s.id)).toEqual(['RB-1.1', 'RB-1.2', 'RB-1.3', 'RB-2.1', 'RB-2.2', 'RB-2.3', 'RB-2.4', 'RB-2.5', 'RB-2.6', 'RB-2.7', 'RB-3.1', 'RB-3.2', 'RB-3.3', 'RB-3.4', 'RB-4.1', 'RB-4.2', 'RB-5.1', 'RB-5.2', 'RB-5.3', 'RB-5.4', 'RB-5.5', 'RB-5.6', 'RB-6.1', 'RB-6.2']);
  });

  it('should name only criteria of the catalog\'s A9 group, and cover every procedure criterion', () => {
    const named = rebuildSteps(P).flatMap((s) => s.criteria);
    for (const id of named) expect(findCriterion(id)?.group, id).toBe('A9');
    expect(new Set(named)).toEqual(new Set(['RB-P1-1', 'RB-P1-2', 'RB-P1-3a', 'RB-P1-3b', 'RB-P1-3c', 'RB-TD-1', 'RB-TD-2', 'RB-TD-3', 'RB-TD-4', 'RB-TD-5', 'RB-TD-6', 'RB-TD-7',
      'RB-B-1', 'RB-B-2', 'RB-B-3', 'RB-B-4', 'RB-DP-1', 'RB-DP-2', 'RB-V-1', 'RB-V-2', 'RB-V-3', 'RB-V-4a', 'RB-V-4b', 'RB-V-4c', 'RB-V-5', 'RB-V-6', 'RB-R-1', 'RB-R-2']));
  });

  it('should tie every switch to a contradiction phasegate defines', () => {
    const switches = [...rebuildSteps(P).map((s) => s.switch), ...P.defects.map((d) => d.switch)].filter((s) => s !== undefined);
    for (const id of switches) expect(Object.keys(CONTRADICTIONS), id).toContain(id);
    expect(P.defects.find((d) => d.step === 'RB-2.3')?.switch).toBe('D7.2');
    expect(CONTRADICTIONS['D7.2'].defaultChoice).toBe('keep-backup-tags');
    expect(CONTRADICTIONS['D6.11'].defaultChoice).toBe('skip');
    expect(CONTRADICTIONS['D7.5'].defaultChoice).toBe('into-empty-only');
  });

  it('should resolve every 003 service name on the reference compose, except the ones it marks absent', () => {
    const names = new Set([...reference.services.map((s) => s.name), ...reference.inactiveServices]);
    const written = [...P.prodServices, ...P.startOrder.flat(), ...P.expectedImages.map((i) => i.service).filter((s) => s !== null)];
    for (const w of written) {
      const name = composeNameOf(P, w);
      if (name !== null) expect(names.has(name), `${w} → ${name}`).toBe(true);
    }
    expect(composeNameOf(P, 'sports-data')).toBe('sports-api');
    expect(composeNameOf(P, 'enrichment-pipeline')).toBeNull();
    expect(P.preservedVolumes.every((v) => reference.volumes.some((x) => x.name === v))).toBe(true);
  });

  it('should reject stages out of order, duplicate step ids, and defects in unknown steps', () => {
    const swapped = clone();
    swapped.stages = [swapped.stages[1]!, swapped.stages[0]!, ...swapped.stages.slice(2)];
    expect(() => defineCompleteRebuild(swapped)).toThrow('procedure rebuild-003: stages.0.id: stage "teardown" is out of order; expected "prep"');
    const dup = clone();
    dup.stages[1]!.steps[1]!.id = 'RB-2.1';
    expect(() => defineCompleteRebuild(dup)).toThrow('stages.1.steps.1.id: step id "RB-2.1" is used twice');
    const orphan = clone();
    orphan.defects[0]!.step = 'RB-9.9';
    expect(() => defineCompleteRebuild(orphan)).toThrow('defects.0.step: defect RB-DEF-1 names step "RB-9.9", which the procedure lacks');
    const bad = clone();
    bad.stages[0]!.steps[0]!.source = 'L12';
    expect(() => defineCompleteRebuild(bad)).toThrow('stages.0.steps.0.source: source lines of 003, like "003 L490-503"');
  });

  it('should refuse a destructive deviation that names no switch', () => {
    const input = clone();
    delete input.stages[1]!.steps[2]!.switch;
    expect(() => defineCompleteRebuild(input)).toThrow('destructive step RB-2.3 deviates from the plan without naming the switch that decides it');
  });
});

describe('teardownPlan / restoreDecision', () => {
  it('should keep pre-rebuild tags and skip host prunes by default, and follow the plan when switched', () => {
    expect(teardownPlan(P)).toEqual({ imagePattern: '*homeiq*', keepTags: ['pre-rebuild*'], preservedVolumes: P.preservedVolumes, volumePolicy: 'preserve', networkNames: ['homeiq-network', 'homeiq-network-dev'], hostPrunes: 'skip' });
    expect(teardownPlan(P, { 'D7.2': 'plan-rmi-all', 'D6.11': 'all-host' })).toMatchObject({ keepTags: [], hostPrunes: 'all-host' });
  });

  it('should restore only into an empty volume unless switched to over-existing', () => {
    expect(restoreDecision('influxdb_data', false)).toEqual({ restore: true, reason: 'influxdb_data holds no data: restoring the Phase 1 backup' });
    expect(restoreDecision('influxdb_data', true).restore).toBe(false);
    expect(restoreDecision('influxdb_data', true).reason).toMatch(/kept its data through the teardown \(Option A\)/);
    expect(restoreDecision('influxdb_data', true, 'over-existing').restore).toBe(true);
  });
});
