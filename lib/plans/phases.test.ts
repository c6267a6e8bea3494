import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCriterion } from '../criteria/catalog.js';
import { loadInventory } from '../inventory/load-inventory.js';
import { definePlan } from './define-plan.js';
import { PHASE2_PLAN } from './phase2.js';
import { PHASE3_PLAN } from './phase3.js';
import { PHASE4_PLAN } from './phase4.js';
import { PLANS, planForSuite } from './registry.js';
import { resolvePlan } from './resolve-plan.js';
import { suiteTargetServices } from './suite-services.js';

const REFERENCE = join(import.meta.dirname, '..', '..', 'fixtures', 'reference', 'docker-compose.yml');
const full = loadInventory({ files: [REFERENCE], env: {}, projectName: 'phasegate-ref', driver: 'v1', profiles: ['production'] });
const noProfiles = loadInventory({ files: [REFERENCE], env: {}, projectName: 'phasegate-ref', driver: 'v1' });

describe('Phase 2-4 plans', () => {
  it('should be registered under their suite names', () => {
    expect(planForSuite('phase2')).toBe(PHASE2_PLAN);
    expect(planForSuite('phase3')).toBe(PHASE3_PLAN);
    expect(planForSuite('phase4')).toBe(PHASE4_PLAN);
    expect(Object.keys(PLANS)).toEqual(['phase1', 'phase2', 'phase3', 'phase4']);
  });

  it.each([PHASE2_PLAN, PHASE3_PLAN, PHASE4_PLAN])('should resolve every name of $id on the reference compose with the full profile', (plan) => {
    const resolved = resolvePlan(plan, full);
    expect(resolved.findings).toEqual([]);
    expect(resolved.steps.map((s) => s.services)).toEqual(plan.steps.map((s) => s.services));
  });

  it.each([PHASE2_PLAN, PHASE3_PLAN, PHASE4_PLAN])('should need no profile for $id (every service it rebuilds runs by default)', (plan) => {
    expect(resolvePlan(plan, noProfiles).findings).toEqual([]);
  });

  it.each([PHASE2_PLAN, PHASE3_PLAN, PHASE4_PLAN])('should name only criteria of the catalog, of its own phase, in every step of $id', (plan) => {
    const group = { phase2: 'A3', phase3: 'A4', phase4: 'A5' }[plan.id];
    for (const step of plan.steps) {
      expect(step.criteria.length, `${step.id} decides no criterion`).toBeGreaterThan(0);
      for (const id of step.criteria) expect(findCriterion(id)?.group, `${step.id}: ${id}`).toBe(group);
    }
  });

  it('should keep no VERSION_AUDIT criterion in the rebuild steps (the version audit decides those)', () => {
    const ids = [PHASE2_PLAN, PHASE3_PLAN, PHASE4_PLAN].flatMap((p) => p.steps.flatMap((s) => s.criteria));
    expect(ids.filter((id) => findCriterion(id)?.type === 'VERSION_AUDIT')).toEqual([]);
  });

  it('should carry the batches and fixed waits of 001 §2.3-2.8', () => {
    expect(PHASE2_PLAN.steps.map((s) => [s.id, s.services.length, s.mode, s.planWaitS])).toEqual([
      ['P2-B1', 8, 'parallel', 60],
      ['P2-B2', 5, 'parallel', 60],
      ['P2-B3', 7, 'parallel', 60],
      ['P2-B4', 6, 'parallel', 60],
      ['P2-B5', 2, 'parallel', 30],
      ['P2-FE', 2, 'parallel', 0],
    ]);
    expect(PHASE2_PLAN.steps.every((s) => /^001 §2\.\d L\d+-\d+/.test(s.source))).toBe(true);
  });

  it('should rebuild the four ML services one at a time in the order of 001 §3.6, ml-service with its 30 s', () => {
    expect(PHASE3_PLAN.steps.flatMap((s) => s.services)).toEqual(['ml-service', 'ai-pattern-service', 'ha-ai-agent-service', 'rule-recommendation-ml']);
    expect(PHASE3_PLAN.steps.map((s) => s.planWaitS)).toEqual([30, 0, 0, 0]);
    expect(PHASE3_PLAN.steps.every((s) => s.mode === 'sequential' && s.services.length === 1)).toBe(true);
  });

  it('should rebuild both frontends together in Phase 4', () => {
    expect(PHASE4_PLAN.steps).toMatchObject([{ services: ['health-dashboard', 'ai-automation-ui'], mode: 'parallel', criteria: ['P4-T2b', 'P4-SC1'] }]);
  });

  it('should report the Phase 2 batch order against the dependency map it contradicts (D6.3)', () => {
    const resolved = resolvePlan(PHASE2_PLAN, full);
    const b1 = new Set(resolved.steps[0]!.services);
    const b2 = new Set(resolved.steps[1]!.services);
    // The reference twins keep 001 Appendix A: batch-1 AI services depend on batch-2 ML services.
    const crossing = [...b1].filter((s) => (resolved.dependsOn.get(s) ?? []).some((d) => b2.has(d)));
    expect(crossing.length).toBeGreaterThan(0);
  });

  it('should report an unknown name with a suggestion', () => {
    const plan = definePlan({ ...PHASE3_PLAN, steps: [{ ...PHASE3_PLAN.steps[0]!, services: ['ml-servce'] }] });
    expect(resolvePlan(plan, full).findings).toMatchObject([{ severity: 'error', kind: 'unknown-service', message: 'P3-S6.1: the plan names "ml-servce", which is not a service of the compose file; did you mean "ml-service"? (add a rename to the plan)' }]);
  });
});

describe('suiteTargetServices', () => {
  const core = ['influxdb', 'data-api', 'health-dashboard'];

  it('should add the plan\'s services to the base set, base first, without duplicates', () => {
    expect(suiteTargetServices(PHASE3_PLAN, full, core)).toEqual([...core, 'ml-service', 'ai-pattern-service', 'ha-ai-agent-service', 'rule-recommendation-ml']);
    expect(suiteTargetServices(PHASE4_PLAN, full, core)).toEqual([...core, 'ai-automation-ui']);
    expect(suiteTargetServices(PHASE2_PLAN, full, core)).toHaveLength(core.length + 28 + 1);
  });

  it('should keep the base set for a suite without a plan', () => {
    expect(suiteTargetServices(undefined, full, core)).toEqual(core);
  });

  it('should add the services a suite probes beyond the core (the runbook\'s proxy upstreams and synergy routes)', () => {
    expect(suiteTargetServices(undefined, full, core, 'runbook')).toEqual([...core, 'ha-setup-service', 'log-aggregator', 'ai-automation-service-new', 'ai-pattern-service', 'ml-service']);
    expect(suiteTargetServices(undefined, full, core, 'testing')).toEqual(core);
  });

  it('should leave out services the compose file lacks or its profiles disable', () => {
    const plan = definePlan({ id: 'p', title: 't', source: 's', steps: [{ id: 'S1', title: 't', action: 'rebuild', services: ['calendar', 'nope', 'ml-service'], source: 's' }] });
    expect(suiteTargetServices(plan, noProfiles, core)).toEqual([...core, 'ml-service']);
  });
});
