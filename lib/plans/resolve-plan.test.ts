import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../common/errors.js';
import { loadInventory } from '../inventory/load-inventory.js';
import { definePlan } from './define-plan.js';
import { PHASE1_PLAN } from './phase1.js';
import { resolvePlan } from './resolve-plan.js';

const REFERENCE = join(import.meta.dirname, '..', '..', 'fixtures', 'reference', 'docker-compose.yml');
const inventory = loadInventory({ files: [REFERENCE], env: {}, projectName: 'phasegate-ref', driver: 'v1', profiles: ['production'] });

describe('resolvePlan', () => {
  it('should resolve the Phase 1 plan against the reference compose file, naming every rename and skipped service', () => {
    const resolved = resolvePlan(PHASE1_PLAN, inventory);
    expect(resolved.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(resolved.findings.filter((f) => f.kind === 'renamed').map((f) => f.service)).toEqual(['calendar', 'smart-meter']);
    expect(resolved.findings.filter((f) => f.kind === 'inactive-service')).toEqual([]);
    expect(resolved.steps.map((s) => s.id)).toEqual(['P1-S3', 'P1-S4', 'P1-S5', 'P1-S6', 'P1-S7', 'P1-S8', 'P1-S9', 'P1-S10']);
    expect(resolved.steps[1]!.services).toEqual(['data-api', 'websocket-ingestion', 'admin-api', 'data-retention']);
    expect(resolved.dependsOn.get('websocket-ingestion')).toEqual(expect.arrayContaining(['data-api', 'influxdb']));
    expect(resolved.readiness.get('data-api')).toBe('healthy');
  });

  it('should skip services disabled by the active profiles with a warning', () => {
    const withoutProfiles = loadInventory({ files: [REFERENCE], env: {}, projectName: 'phasegate-ref', driver: 'v1' });
    const warnings = resolvePlan(PHASE1_PLAN, withoutProfiles).findings.filter((f) => f.kind === 'inactive-service');
    expect(warnings.map((f) => f.service)).toEqual(['carbon-intensity', 'electricity-pricing', 'air-quality', 'calendar']);
    expect(warnings[0]!.message).toBe('P1-S5: "carbon-intensity" is disabled by the compose profiles in use; skipped (activate its profile to rebuild it)');
  });

  it('should keep only the target\'s services and say which were skipped', () => {
    const resolved = resolvePlan(PHASE1_PLAN, inventory, { targetServices: ['influxdb', 'data-api', 'admin-api'] });
    expect(resolved.steps.flatMap((s) => s.services)).toEqual(['influxdb', 'data-api', 'admin-api']);
    expect(resolved.findings.filter((f) => f.kind === 'not-in-target').length).toBeGreaterThan(20);
  });

  it('should report a service the compose file does not have, with a suggestion', () => {
    const plan = definePlan({ id: 'typo', title: 't', source: 'test', steps: [{ id: 'S1', title: 't', action: 'rebuild', services: ['data-apii', 'nothing-like-it'], source: 'test' }] });
    const findings = resolvePlan(plan, inventory).findings;
    expect(findings.map((f) => f.message)).toEqual([
      'S1: the plan names "data-apii", which is not a service of the compose file; did you mean "data-api"? (add a rename to the plan)',
      'S1: the plan names "nothing-like-it", which is not a service of the compose file',
    ]);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
  });
});

describe('definePlan', () => {
  it.each([
    [{ id: 'Bad Id', title: 't', source: 's', steps: [{ id: 'S1', title: 't', action: 'rebuild', services: ['a'], source: 's' }] }, /plan Bad Id: id: Invalid string/],
    [{ id: 'p', title: 't', source: 's', steps: [] }, /plan p: steps: .*>=1/],
    [{ id: 'p', title: 't', source: 's', steps: [{ id: 'S1', title: 't', action: 'rebuild', services: ['a'], source: 's' }, { id: 'S1', title: 't', action: 'rebuild', services: ['b'], source: 's' }] }, /steps.1.id: step id "S1" is used twice/],
    [{ id: 'p', title: 't', source: 's', steps: [{ id: 'S1', title: 't', action: 'rebuild', services: ['a', 'a'], source: 's' }] }, /steps.0.services.1: "a" is already in step S1/],
    [{ id: 'p', title: 't', source: 's', steps: [{ id: 'S1', title: 't', action: 'reboot', services: ['a'], source: 's' }] }, /steps.0.action: Invalid option/],
  ])('should reject an invalid plan with file, path and rule (%#)', (input, message) => {
    expect(() => definePlan(input as never)).toThrow(ConfigError);
    expect(() => definePlan(input as never)).toThrow(message);
  });
});
