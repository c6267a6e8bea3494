import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCriterion } from '../criteria/catalog.js';
import { loadInventory } from '../inventory/load-inventory.js';
import { DEPLOY_DAY1_PLAN, DEPLOY_DAY2_PLAN, DEPLOY_PLANS, deployPlanForDay } from './deploy.js';
import { PHASE1_PLAN } from './phase1.js';
import { planById, planForSuite, planIds } from './registry.js';
import { resolvePlan } from './resolve-plan.js';

const REFERENCE = join(import.meta.dirname, '..', '..', 'fixtures', 'reference', 'docker-compose.yml');
const full = loadInventory({ files: [REFERENCE], env: {}, projectName: 'phasegate-ref', driver: 'v1', profiles: ['production'] });
const noProfiles = loadInventory({ files: [REFERENCE], env: {}, projectName: 'phasegate-ref', driver: 'v1' });

describe('deployment day plans', () => {
  it('should select the day for the deploy suite (Day 1 by default) and keep the phase plans unchanged', () => {
    expect(planForSuite('deploy')).toBe(DEPLOY_DAY1_PLAN);
    expect([1, 2, 3, 4, 5].map((deployDay) => planForSuite('deploy', { deployDay })?.id)).toEqual(['deploy-day1', 'deploy-day2', 'deploy-day3', 'deploy-day4', 'deploy-day5']);
    expect(planForSuite('phase1', { deployDay: 3 })).toBe(PHASE1_PLAN);
    expect(planForSuite('postdeploy')).toBeUndefined();
  });

  it('should find every plan by its own id (a stored rebuild state names it), the deployment days included', () => {
    expect(planById('deploy-day2')).toBe(DEPLOY_DAY2_PLAN);
    expect(planById('phase1')).toBe(PHASE1_PLAN);
    expect(planById('rollback-drill')?.id).toBe('rollback-drill');
    expect(planById('deploy')).toBeUndefined();
    expect(planIds()).toEqual(['phase1', 'phase2', 'phase3', 'phase4', 'deploy-day1', 'deploy-day2', 'deploy-day3', 'deploy-day4', 'deploy-day5', 'rollback-drill']);
  });

  it('should refuse a day outside 1-5 with the variable to fix', () => {
    expect(() => deployPlanForDay(6)).toThrow('deployment day 6 does not exist: 001 plans days 1-5');
    expect(() => deployPlanForDay(1.5)).toThrow(/does not exist/);
  });

  it.each(DEPLOY_PLANS)('should resolve every name of $id on the reference compose with the production profile', (plan) => {
    expect(resolvePlan(plan, full).findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('should name the four production-profile integrations of Day 2 as disabled without the profile', () => {
    const findings = resolvePlan(DEPLOY_DAY2_PLAN, noProfiles).findings.filter((f) => f.kind === 'inactive-service').map((f) => f.service);
    expect(findings).toEqual(['carbon-intensity', 'electricity-pricing', 'air-quality', 'calendar']);
  });

  it.each(DEPLOY_PLANS)('should name only §A6 criteria of the catalog in every step of $id', (plan) => {
    for (const step of plan.steps) {
      expect(step.criteria.length, `${step.id} decides no criterion`).toBeGreaterThan(0);
      for (const id of step.criteria) expect(findCriterion(id)?.group, `${step.id}: ${id}`).toBe('A6');
    }
  });

  it('should carry the order and fixed waits of 001 §Deployment Plan', () => {
    expect(DEPLOY_PLANS.map((p) => p.steps.map((s) => [s.id, s.services.length, s.mode, s.planWaitS]))).toEqual([
      [['DAY1-INFRA', 2, 'parallel', 0], ['DAY1-CORE', 4, 'sequential', 30], ['DAY1-FE', 2, 'parallel', 30]],
      [['DAY2-INT', 8, 'sequential', 20]],
      [['DAY3-AI', 3, 'sequential', 60], ['DAY3-AGENTS', 4, 'sequential', 60], ['DAY3-ML', 6, 'sequential', 60]],
      [['DAY4-DEVICE', 7, 'sequential', 30], ['DAY4-AUTO', 6, 'sequential', 30]],
      [['DAY5-ANALYTICS', 2, 'sequential', 30], ['DAY5-OBS', 1, 'sequential', 30]],
    ]);
  });
});
