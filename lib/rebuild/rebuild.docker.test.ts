// Real Docker: the rebuild executor, the compose driver and the verified rollback on a three-service scenario
// (fixtures/compose/rebuild.yml). Never the reference stack: its ports may be in use.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerodeContainerInspector } from '../docker/dockerode-container-inspector.js';
import { volumeFingerprint } from '../docker/volume-fingerprint.js';
import { waitForProjectHealthy } from '../docker/wait-healthy.js';
import { resolvePlan } from '../plans/resolve-plan.js';
import { ComposeRebuildDriver, rebuildTargets } from './compose-rebuild-driver.js';
import type { RebuildEvent } from './events.js';
import { runRebuild } from './run-rebuild.js';
import { schedule } from './schedule.js';
import { backupTags } from './state.js';
import { MemoryRebuildStateStore } from './state-store.js';
import { SCENARIO_PLAN, scenarioProject } from './testing/scenario.js';

const PROJECT = `pgtest-rebuild-${process.pid}`;
const { compose, inventory, volume } = scenarioProject(PROJECT, { STORE_PORT: '18144', API_PORT: '18145', UI_PORT: '18146' });
const inspector = new DockerodeContainerInspector();
const plan = SCENARIO_PLAN;
const resolved = resolvePlan(plan, inventory);
const sched = schedule(resolved);
let buildArgs: Record<string, Record<string, string>> = {};
const driver = new ComposeRebuildDriver({
  compose,
  inspector,
  services: rebuildTargets(inventory, ['store', 'api', 'ui'], PROJECT),
  buildArgs: (service) => buildArgs[service],
  pollIntervalMs: 200,
});
const store = new MemoryRebuildStateStore();
const run = (runId: string, more: Partial<Parameters<typeof runRebuild>[0]> = {}) => runRebuild({ plan: resolved, schedule: sched, driver, store, project: PROJECT, runId, readyTimeoutMs: 60_000, ...more });

async function preRebuildTags(): Promise<string[]> {
  const { stdout } = await execa('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', 'reference=pgtest-rebuild-*']);
  return stdout.split('\n').filter((t) => t.includes(':pre-rebuild-')).sort();
}

beforeAll(async () => {
  const up = await compose.up([], { build: true, timeoutMs: 240_000 });
  expect(up.exitCode, up.stderrTail).toBe(0);
  await waitForProjectHealthy(inspector, PROJECT, { timeoutMs: 60_000 });
  await execa('docker', ['run', '--rm', '--network', 'none', '-v', `${volume}:/v`, 'phasegate/nodebase:local', 'sh', '-c', 'echo "acknowledged data" > /v/points.lp && mkdir -p /v/meta && echo 42 > /v/meta/count']);
}, 300_000);

afterAll(async () => {
  await compose.down({ volumes: true, timeoutMs: 120_000 });
  const { stdout } = await execa('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', 'reference=pgtest-rebuild-*'], { reject: false });
  const refs = stdout.split('\n').filter(Boolean);
  if (refs.length > 0) await execa('docker', ['rmi', '-f', ...refs], { reject: false });
}, 180_000);

describe.sequential('rebuild on a real compose project', { timeout: 240_000 }, () => {
  it('should rebuild every wave with new images, keep the volume, and tag each previous image once', async () => {
    const before = await volumeFingerprint(volume);
    const old = await Promise.all(['store', 'api', 'ui'].map((s) => driver.currentImage(s)));
    const state = await run('ok-1');
    expect(state.failure).toBeUndefined();
    expect(state.status).toBe('succeeded');
    expect(state.waves).toEqual([['store'], ['api'], ['ui']]);
    for (const [i, s] of ['store', 'api', 'ui'].entries()) {
      expect(state.services[s]!.previousImageId).toBe(old[i]!.id);
      expect((await driver.currentImage(s)).id).not.toBe(old[i]!.id);
      expect(await inspector.imageId(`pgtest-rebuild-${s}:pre-rebuild-ok-1`)).toBe(old[i]!.id);
    }
    expect(await volumeFingerprint(volume)).toEqual(before);
    expect(before.files).toBe(2);
    expect(await preRebuildTags()).toEqual(backupTags(state).sort());
  });

  it('should stop at a failing build, start no later wave and roll back verified, volume identical', async () => {
    const before = await volumeFingerprint(volume);
    const storeBefore = await driver.currentImage('store');
    const uiBefore = await inspector.inspect(inventory.services.find((s) => s.name === 'ui')!.containerName);
    buildArgs = { api: { BUILD_FAIL: '1' } };
    const state = await run('fail-build');
    buildArgs = {};
    expect(state.failure).toMatchObject({ wave: 1, service: 'api', step: 'build' });
    expect(state.failure!.message).toMatch(/^build of api failed \(exit \d+\)/);
    expect(state.failure!.detail).toContain('this build fails on purpose');
    expect(state.timeline.some((e) => e.service === 'ui')).toBe(false);
    // The failed build step leaves no container behind (the legacy builder keeps it without --force-rm).
    const { stdout: leftovers } = await execa('docker', ['ps', '-aq', '--filter', 'status=exited', '--filter', `since=${uiBefore.id}`]);
    expect(leftovers.split('\n').filter(Boolean)).toEqual([]);
    expect((await inspector.inspect(uiBefore.name)).startedAt).toBe(uiBefore.startedAt);
    expect(state.status).toBe('rolled-back');
    expect(state.rollback!.services).toEqual([expect.objectContaining({ service: 'store', imageId: storeBefore.id, recreated: true, verified: true })]);
    expect((await driver.currentImage('store')).id).toBe(storeBefore.id);
    expect(await volumeFingerprint(volume)).toEqual(before);
    expect(await preRebuildTags()).toEqual([]);
  });

  it('should roll back a service whose new image never becomes healthy, naming its health output', async () => {
    const before = await volumeFingerprint(volume);
    const apiBefore = await driver.currentImage('api');
    buildArgs = { api: { HEALTH_STATUS: '503' } };
    const state = await run('unhealthy');
    buildArgs = {};
    expect(state.failure).toMatchObject({ wave: 1, service: 'api', step: 'ready' });
    expect(state.failure!.message).toMatch(/^api not healthy: .*is unhealthy/);
    expect(state.failure!.detail).toMatch(/last healthcheck: exit 1/);
    expect(state.status).toBe('rolled-back');
    expect(state.rollback!.services.map((r) => `${r.service}:${r.verified}`)).toEqual(['api:true', 'store:true']);
    expect((await driver.currentImage('api')).id).toBe(apiBefore.id);
    expect((await inspector.inspect(inventory.services.find((s) => s.name === 'api')!.containerName)).health).toBe('healthy');
    expect(await volumeFingerprint(volume)).toEqual(before);
    expect(await preRebuildTags()).toEqual([]);
  });

  it.each([
    ['after the first build', (e: RebuildEvent) => e.kind === 'step-end' && e.step === 'build'],
    ['after recreating api', (e: RebuildEvent) => e.kind === 'step-end' && e.step === 'recreate' && e.service === 'api'],
  ])('should stop cleanly when interrupted %s and complete on resume, with no orphan tag or container', async (_label, when) => {
    const before = await volumeFingerprint(volume);
    const original = await Promise.all(['store', 'api', 'ui'].map((s) => driver.currentImage(s)));
    const controller = new AbortController();
    const runId = `int-${Math.random().toString(36).slice(2, 8)}`;
    const first = await run(runId, { signal: controller.signal, onProgress: (e) => (when(e) ? controller.abort(new Error('SIGINT')) : undefined) });
    expect(first.status).toBe('interrupted');
    expect(store.load()!.status).toBe('interrupted');
    const resumed = await run(runId, { resume: true });
    expect(resumed.status).toBe('succeeded');
    for (const [i, s] of ['store', 'api', 'ui'].entries()) expect(resumed.services[s]!.previousImageId).toBe(original[i]!.id);
    expect(await preRebuildTags()).toEqual(backupTags(resumed).sort());
    const { stdout } = await execa('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${PROJECT}`, '--format', '{{.Names}}']);
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(3);
    expect(await volumeFingerprint(volume)).toEqual(before);
  });
});
