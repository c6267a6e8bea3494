import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../inventory/load-inventory.js';
import { definePlan } from '../plans/define-plan.js';
import { PHASE1_PLAN } from '../plans/phase1.js';
import { resolvePlan } from '../plans/resolve-plan.js';
import { criticalPathMs, schedule } from './schedule.js';

const REFERENCE = join(import.meta.dirname, '..', '..', 'fixtures', 'reference', 'docker-compose.yml');

function inventoryOf(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'pg-schedule-'));
  writeFileSync(join(dir, 'compose.yml'), yaml);
  return loadInventory({ files: [join(dir, 'compose.yml')], env: {}, envFile: null, projectName: 'p' });
}

const CHAIN = `services:
  db: { image: db, healthcheck: { test: ["CMD", "true"] } }
  api: { image: api, depends_on: { db: { condition: service_healthy } } }
  ui: { image: ui, depends_on: [api] }
  batch-a: { image: a }
  batch-b: { image: b, depends_on: [batch-a] }
`;

describe('schedule', () => {
  it('should keep the Phase 1 plan order as waves on the reference compose file, except where depends_on disagrees', () => {
    const s = schedule(resolvePlan(PHASE1_PLAN, loadInventory({ files: [REFERENCE], env: {}, projectName: 'phasegate-ref', driver: 'v1', profiles: ['production'] })));
    // HomeIQ's ai-automation-service-new waits for yaml-validation-service, which the plan rebuilds two stories later.
    expect(s.violations.map((v) => v.message)).toEqual([
      'the plan rebuilds ai-automation-service-new (P1-S6) before yaml-validation-service (P1-S8), but ai-automation-service-new depends on yaml-validation-service: yaml-validation-service goes first',
    ]);
    expect(s.waves[7]!.services).toContain('yaml-validation-service');
    expect(s.waves[8]!.services).toEqual(['ai-automation-service-new']);
    expect(s.waves.slice(0, 6).map((w) => w.services)).toEqual([['influxdb'], ['jaeger'], ['data-api'], ['websocket-ingestion'], ['admin-api'], ['data-retention']]);
    expect(s.waves[6]!.services).toEqual(['air-quality', 'calendar', 'carbon-intensity', 'electricity-pricing', 'log-aggregator', 'smart-meter', 'sports-api', 'weather-api']);
    expect(s.waves.at(-1)!.services).toEqual(['ai-automation-ui', 'health-dashboard']);
    expect(s.actionOf.get('influxdb')).toBe('restart');
    expect(s.stepOf.get('calendar')).toBe('P1-S5');
  });

  it('should put a dependency first when the plan orders it after its dependent, and report the violation', () => {
    const plan = definePlan({ id: 'p', title: 't', source: 's', steps: [
      { id: 'S1', title: 't', action: 'rebuild', services: ['api'], source: 's' },
      { id: 'S2', title: 't', action: 'rebuild', services: ['db'], source: 's' },
      { id: 'S3', title: 't', action: 'rebuild', services: ['ui'], source: 's' },
    ] });
    const s = schedule(resolvePlan(plan, inventoryOf(CHAIN)));
    expect(s.waves.map((w) => w.services)).toEqual([['db'], ['api'], ['ui']]);
    expect(s.violations.map((v) => v.message)).toEqual(['the plan rebuilds api (S1) before db (S2), but api depends on db: db goes first']);
  });

  it('should split a parallel batch whose members depend on each other into successive waves', () => {
    const plan = definePlan({ id: 'p', title: 't', source: 's', steps: [{ id: 'S1', title: 't', action: 'rebuild', mode: 'parallel', services: ['batch-b', 'batch-a', 'db'], source: 's' }] });
    const s = schedule(resolvePlan(plan, inventoryOf(CHAIN)));
    expect(s.waves.map((w) => w.services)).toEqual([['batch-a', 'db'], ['batch-b']]);
    expect(s.violations).toEqual([]);
  });

  it('should compute the critical path over plan order and dependencies', () => {
    const plan = definePlan({ id: 'p', title: 't', source: 's', steps: [
      { id: 'S1', title: 't', action: 'rebuild', mode: 'parallel', services: ['db', 'batch-a'], source: 's' },
      { id: 'S2', title: 't', action: 'rebuild', mode: 'parallel', services: ['api', 'batch-b'], source: 's' },
    ] });
    const s = schedule(resolvePlan(plan, inventoryOf(CHAIN)));
    const durations = new Map([['db', 10], ['batch-a', 30], ['api', 5], ['batch-b', 1]]);
    // Plan order makes S2 wait for all of S1: max(10, 30) + max(5, 1).
    expect(criticalPathMs(s, durations)).toBe(35);
  });
});

describe('fixedSleepReplayMs', () => {
  it('should add the plan\'s sleeps to the measured builds and recreates, batch by batch', async () => {
    const { fixedSleepReplayMs } = await import('./replay.js');
    const entry = (service: string, step: 'build' | 'recreate' | 'restart', durationMs: number) => ({ service, step, durationMs, startedAt: '2026-12-01T00:00:00Z', ok: true });
    const steps = [
      { id: 'S3', title: 't', action: 'restart' as const, mode: 'sequential' as const, planWaitS: 30, criteria: [], source: 's', services: ['db'] },
      { id: 'S4', title: 't', action: 'rebuild' as const, mode: 'sequential' as const, planWaitS: 20, criteria: [], source: 's', services: ['api', 'ws'] },
      { id: 'S5', title: 't', action: 'rebuild' as const, mode: 'parallel' as const, planWaitS: 60, criteria: [], source: 's', services: ['a', 'b'] },
    ];
    const timeline = [entry('db', 'restart', 1000), entry('api', 'build', 5000), entry('api', 'recreate', 2000), entry('ws', 'build', 4000), entry('ws', 'recreate', 1000), entry('a', 'build', 3000), entry('b', 'build', 7000), entry('a', 'recreate', 500), entry('b', 'recreate', 900)];
    // S3: 1 + 30; S4: (5 + 2 + 20) + (4 + 1 + 20); S5: 7 + 0.9 + 60
    expect(fixedSleepReplayMs(steps, timeline)).toBe(31_000 + 52_000 + 67_900);
  });
});
