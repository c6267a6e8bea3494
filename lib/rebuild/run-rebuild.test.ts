import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../inventory/load-inventory.js';
import { definePlan } from '../plans/define-plan.js';
import { resolvePlan } from '../plans/resolve-plan.js';
import { RebuildError } from './errors.js';
import type { RebuildEvent } from './events.js';
import { FakeRebuildDriver } from './fake-driver.test-helper.js';
import { createProgressPrinter, toRebuildReport } from './progress.js';
import { runRebuild, type RunRebuildOptions } from './run-rebuild.js';
import { schedule } from './schedule.js';
import { backupTags } from './state.js';
import { MemoryRebuildStateStore } from './state-store.js';

const dir = mkdtempSync(join(tmpdir(), 'pg-run-rebuild-'));
writeFileSync(
  join(dir, 'compose.yml'),
  `services:
  influxdb: { image: influxdb, healthcheck: { test: ["CMD", "true"] } }
  data-api: { image: data-api, healthcheck: { test: ["CMD", "true"] }, depends_on: { influxdb: { condition: service_healthy } } }
  websocket: { image: ws, healthcheck: { test: ["CMD", "true"] }, depends_on: { data-api: { condition: service_healthy } } }
  weather: { image: weather }
  sports: { image: sports }
  dashboard: { image: dashboard, depends_on: [data-api] }
`,
);
const inventory = loadInventory({ files: [join(dir, 'compose.yml')], env: {}, envFile: null, projectName: 'p' });
const plan = definePlan({
  id: 'test',
  title: 'test plan',
  source: 'test',
  steps: [
    { id: 'S3', title: 'restart infra', action: 'restart', services: ['influxdb'], source: 't' },
    { id: 'S4', title: 'core', action: 'rebuild', services: ['data-api', 'websocket'], source: 't' },
    { id: 'S5', title: 'integrations', action: 'rebuild', mode: 'parallel', services: ['weather', 'sports'], source: 't' },
    { id: 'S10', title: 'frontend', action: 'rebuild', services: ['dashboard'], source: 't' },
  ],
});
const resolved = resolvePlan(plan, inventory);
const sched = schedule(resolved);
const SERVICES = ['influxdb', 'data-api', 'websocket', 'weather', 'sports', 'dashboard'];
const REBUILT = SERVICES.filter((s) => s !== 'influxdb');

function setup(overrides: Partial<RunRebuildOptions> = {}) {
  const driver = new FakeRebuildDriver(SERVICES);
  const store = new MemoryRebuildStateStore();
  const events: RebuildEvent[] = [];
  const options = (more: Partial<RunRebuildOptions> = {}): RunRebuildOptions => ({
    plan: resolved,
    schedule: sched,
    driver,
    store,
    project: 'p',
    runId: 'run-1',
    buildConcurrency: 2,
    onProgress: (e) => events.push(e),
    ...overrides,
    ...more,
  });
  return { driver, store, events, options };
}

describe('runRebuild', () => {
  it('should rebuild wave by wave: tag, build, recreate, ready — and record the previous image of each service', async () => {
    const { driver, store, options } = setup();
    const state = await runRebuild(options());
    expect(state.status).toBe('succeeded');
    expect(state.waves).toEqual([['influxdb'], ['data-api'], ['websocket'], ['sports', 'weather'], ['dashboard']]);
    const order = driver.calls.filter((c) => /^(restart|build|recreate|ready) /.test(c));
    expect(order.slice(0, 8)).toEqual(['restart influxdb', 'ready influxdb', 'build data-api', 'recreate data-api', 'ready data-api', 'build websocket', 'recreate websocket', 'ready websocket']);
    expect(order.indexOf('ready sports')).toBeLessThan(order.indexOf('build dashboard'));
    for (const s of REBUILT) {
      expect(state.services[s]!.previousImageId).toBe(`sha256:${s}-v0`);
      expect(driver.images.get(`homeiq-${s}:pre-rebuild-run-1`)).toBe(`sha256:${s}-v0`);
      expect(driver.containers.get(s)).not.toBe(`sha256:${s}-v0`);
    }
    expect(state.services.influxdb!.backupTag).toBeUndefined();
    expect(driver.backupTags()).toEqual(backupTags(state).sort());
    expect(store.saves.length).toBeGreaterThan(15);
    expect(toRebuildReport(state).steps.filter((s) => s.name === 'build')).toHaveLength(5);
  });

  it('should stop at a failing build, start no later wave, and roll back the earlier waves verified, newest first', async () => {
    const { driver, options } = setup();
    driver.failBuild.add('weather');
    const state = await runRebuild(options());
    expect(state.failure).toMatchObject({ wave: 3, service: 'weather', step: 'build', message: 'build of weather failed (exit 1): RUN exit 1', detail: expect.stringContaining('RUN false') });
    expect(driver.calls.some((c) => c.endsWith(' dashboard') && !c.startsWith('current') && !c.startsWith('tag'))).toBe(false);
    expect(driver.calls.filter((c) => c.startsWith('recreate') && c.includes('weather'))).toEqual([]);
    expect(state.status).toBe('rolled-back');
    expect(state.rollback!.services.map((r) => r.service)).toEqual(['sports', 'websocket', 'data-api']);
    expect(state.rollback!.verified).toBe(true);
    for (const s of REBUILT) expect(driver.containers.get(s)).toBe(`sha256:${s}-v0`);
    expect(driver.backupTags()).toEqual([]);
  });

  it('should roll back when a recreated service never becomes ready, naming the service and the health output', async () => {
    const { driver, options } = setup();
    driver.unhealthyNewImage.add('websocket');
    const state = await runRebuild(options());
    expect(state.failure).toMatchObject({ wave: 2, service: 'websocket', step: 'ready', message: 'websocket not healthy: is unhealthy', detail: 'last healthcheck: exit 1: HTTP 503' });
    expect(driver.calls).not.toContain('build weather');
    expect(state.status).toBe('rolled-back');
    expect(state.rollback!.services.map((r) => `${r.service}:${r.verified}`)).toEqual(['websocket:true', 'data-api:true']);
    expect(driver.containers.get('websocket')).toBe('sha256:websocket-v0');
  });

  it('should leave the failure in place without rollback when asked to', async () => {
    const { driver, options } = setup({ rollbackOnFailure: false });
    driver.failBuild.add('dashboard');
    const state = await runRebuild(options());
    expect(state.status).toBe('failed');
    expect(driver.containers.get('data-api')).not.toBe('sha256:data-api-v0');
  });

  it('should not start a wave whose backup gate fails', async () => {
    const { driver, options } = setup({ backupGate: { name: 'volume snapshot', verify: async () => ({ ok: false, message: 'no snapshot of influxdb_data newer than 24h' }) } });
    const state = await runRebuild(options());
    expect(state.failure).toMatchObject({ wave: 0, step: 'backup', message: 'backup gate "volume snapshot" failed before wave 1: no snapshot of influxdb_data newer than 24h' });
    expect(driver.calls.filter((c) => !c.startsWith('current'))).toEqual([]);
  });

  // A full run makes 27 driver calls; interrupt before each odd one.
  it.each(Array.from({ length: 13 }, (_, i) => 1 + 2 * i))('should resume after an interruption at call %i and finish with every service tagged once from its original image', async (point) => {
    const { driver, store, options } = setup();
    const controller = new AbortController();
    driver.onCall = (index) => {
      if (index === point) controller.abort(new Error('SIGINT'));
    };
    const first = await runRebuild(options({ signal: controller.signal }));
    expect(first.status).toBe('interrupted');
    if (first.status === 'interrupted') {
      expect(store.load()!.status).toBe('interrupted');
      await expect(runRebuild(options())).rejects.toThrow(RebuildError);
      await expect(runRebuild(options())).rejects.toThrow(/rebuild run-1 of project "p" is interrupted .* resume it \(--resume\)/s);
    }
    driver.onCall = () => {};
    const resumed = await runRebuild(options({ resume: true }));
    expect(resumed.status).toBe('succeeded');
    for (const s of REBUILT) {
      expect(resumed.services[s]!.previousImageId).toBe(`sha256:${s}-v0`);
      expect(driver.calls.filter((c) => c === `tag homeiq-${s}:pre-rebuild-run-1`)).toHaveLength(1);
      expect(driver.containers.get(s)).toBe(driver.images.get(`homeiq-${s}:reference`));
    }
    expect(driver.backupTags()).toEqual(backupTags(resumed).sort());
  });

  it('should stop resumable, not fail and roll back, when a build dies of the same Ctrl-C that interrupted the run', async () => {
    const { driver, store, options } = setup();
    const controller = new AbortController();
    // Ctrl-C reaches the whole process group: `docker-compose build` exits non-zero while the run is being aborted.
    driver.onCall = (_index, call) => {
      if (call === 'build dashboard') {
        controller.abort(new Error('SIGINT'));
        driver.failBuild.add('dashboard');
      }
    };
    const first = await runRebuild(options({ signal: controller.signal }));
    expect(first.status).toBe('interrupted');
    expect(first.failure).toBeUndefined();
    expect(first.rollback).toBeUndefined();
    expect(store.load()!.status).toBe('interrupted');
    driver.onCall = () => {};
    driver.failBuild.delete('dashboard');
    const resumed = await runRebuild(options({ resume: true }));
    expect(resumed.status).toBe('succeeded');
    expect(driver.calls.filter((c) => c === 'build dashboard')).toHaveLength(2);
  });

  it('should refuse to resume without a stored run or on another project', async () => {
    const { options } = setup();
    await expect(runRebuild(options({ resume: true }))).rejects.toThrow(/nothing to resume: no rebuild state at \(memory\)/);
    const again = setup();
    const controller = new AbortController();
    controller.abort();
    await runRebuild(again.options({ signal: controller.signal }));
    await expect(runRebuild(again.options({ resume: true, project: 'other' }))).rejects.toThrow(/belongs to project "p", not "other"/);
  });

  it('should remove the previous finished run\'s backup tags when a new run starts', async () => {
    const { driver, options } = setup();
    await runRebuild(options());
    expect(driver.backupTags()).toHaveLength(5);
    const second = await runRebuild(options({ runId: 'run-2' }));
    expect(second.status).toBe('succeeded');
    expect(driver.backupTags().every((t) => t.endsWith(':pre-rebuild-run-2'))).toBe(true);
    expect(second.services['data-api']!.previousImageId).toMatch(/-b\d+$/);
  });

  it('should print plain progress lines for CI', async () => {
    const lines: string[] = [];
    let t = 0;
    const { driver, options } = setup({ onProgress: createProgressPrinter({ write: (s) => lines.push(s), now: () => (t += 100) }) });
    driver.failBuild.add('sports');
    await runRebuild(options());
    const text = lines.join('');
    expect(text).toContain('[rebuild] run run-1: 5 wave(s), 6 service(s)\n');
    expect(text).toMatch(/wave 4\/5: sports, weather\n/);
    expect(text).toMatch(/✗ build {4}sports \(\d\.\ds\): build of sports failed \(exit 1\): RUN exit 1\n/);
    expect(text).toMatch(/✓ verify {3}data-api/);
    expect(text).toMatch(/\] rolled-back\n$/);
    expect(text).not.toContain('\r');
  });
});
