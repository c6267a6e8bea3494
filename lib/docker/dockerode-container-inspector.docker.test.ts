// Real Docker: the inspector and waitForHealthy against fixtures/compose scenarios (ports 18121-18151, projects pgtest-*).
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeOrThrow } from '../compose/compose-error.js';
import { ExecaComposeClient } from '../compose/execa-compose-client.js';
import { DockerodeContainerInspector } from './dockerode-container-inspector.js';
import { ContainerStartError, waitForHealthy, waitForProjectHealthy } from './wait-healthy.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'compose');
const docker = new Docker();
const inspector = new DockerodeContainerInspector(docker);

const scenario = (file: string, suffix: string, env: Record<string, string>) =>
  new ExecaComposeClient({ projectName: `pgtest-${suffix}-${process.pid}`, files: [file], cwd: FIXTURES, env, defaultTimeoutMs: 90_000 });

describe.sequential('DockerodeContainerInspector on the healthy scenario', { timeout: 120_000 }, () => {
  const compose = scenario('healthy.yml', 'inspect', { ALPHA_PORT: '18121', BETA_PORT: '18122' });

  beforeAll(async () => {
    await composeOrThrow(compose.up(['alpha', 'beta'], { build: true }));
    await waitForProjectHealthy(inspector, compose.projectName, { timeoutMs: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await compose.down({ volumes: true });
  }, 60_000);

  it('should ping the daemon', async () => {
    await expect(inspector.ping()).resolves.toBeUndefined();
  });

  it('should list the project and inspect health, image and masked env', async () => {
    const list = await inspector.listProject(compose.projectName);
    expect(list.map((c) => [c.service, c.state, c.health])).toEqual([
      ['alpha', 'running', 'healthy'],
      ['beta', 'running', 'none'],
    ]);
    const alpha = await inspector.inspect(list[0]!.name);
    expect(alpha.image).toBe('phasegate-fixture-tiny:local');
    expect(alpha.env).toMatchObject({ PORT: '18121', API_TOKEN: '***' });
    expect(alpha.healthLog.at(-1)?.exitCode).toBe(0);
    expect(alpha.lastHealthOutput).toMatch(/^exit 0: /);
  });

  it('should tail demultiplexed logs with stream and timestamp', async () => {
    const [alpha] = await inspector.listProject(compose.projectName);
    const lines = await inspector.logsTail(alpha!.id, 20);
    // Docker does not order lines of different streams written in the same instant: compare as a set.
    expect(lines.map((l) => [l.stream, l.text]).sort()).toEqual([
      ['stderr', 'tiny alpha stderr line'],
      ['stdout', 'tiny alpha listening on 127.0.0.1:18121'],
    ]);
    expect(lines[0]!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('should watch the lifecycle events of a restart live, without the healthchecks\' exec events', async () => {
    const [alpha] = await inspector.listProject(compose.projectName);
    const watch = await inspector.watch(compose.projectName);
    await docker.getContainer(alpha!.id).restart({ t: 1 });
    await waitForProjectHealthy(inspector, compose.projectName, { timeoutMs: 30_000 });
    const events = await watch.stop();
    const actions = events.filter((e) => e.service === 'alpha').map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['die', 'start', 'restart']));
    expect(actions.indexOf('die')).toBeLessThan(actions.indexOf('start'));
    expect(new Set(events.map((e) => e.service))).toEqual(new Set(['alpha']));
    expect(actions.filter((a) => a.startsWith('exec_'))).toEqual([]);
  });

  it('should read one-shot memory stats against the mem_limit', async () => {
    const [alpha] = await inspector.listProject(compose.projectName);
    const stats = await inspector.stats(alpha!.id);
    expect(stats.memoryLimitBytes).toBe(64 * 1024 * 1024);
    expect(stats.memoryUsageBytes).toBeGreaterThan(0);
  });

  it('should resolve and tag images, and answer undefined for a missing one', async () => {
    const id = await inspector.imageId('phasegate-fixture-tiny:local');
    expect(id).toMatch(/^sha256:/);
    const tag = `pre-${process.pid}`;
    await inspector.tagImage(id!, 'pgtest-tiny', tag);
    try {
      expect(await inspector.imageId(`pgtest-tiny:${tag}`)).toBe(id);
    } finally {
      await docker.getImage(`pgtest-tiny:${tag}`).remove();
    }
    expect(await inspector.imageId('pgtest-tiny:never-built')).toBeUndefined();
  });

  it('should name the container when it does not exist', async () => {
    await expect(inspector.inspect('pgtest-missing-container')).rejects.toMatchObject({ code: 'PHASEGATE_STACK_FAILED', statusCode: 404, operation: 'inspect', target: 'pgtest-missing-container' });
  });
});

describe.sequential('waitForHealthy on failing scenarios', { timeout: 120_000 }, () => {
  it('should fail fast on an unhealthy container with its healthcheck output and logs', async () => {
    const compose = scenario('unhealthy.yml', 'unhealthy', { SICK_PORT: '18141' });
    try {
      await composeOrThrow(compose.up(['sick'], { build: true }));
      const started = performance.now();
      const error = (await waitForProjectHealthy(inspector, compose.projectName, { timeoutMs: 60_000 }).catch((e: unknown) => e)) as ContainerStartError;
      expect(error).toBeInstanceOf(ContainerStartError);
      expect(error.shortMessage).toMatch(/^pgtest-unhealthy-\d+[_-]sick[_-]1 is unhealthy$/);
      expect(error.message).toContain('last healthcheck: exit 1: ');
      expect(error.message).toContain('    tiny sick listening on 127.0.0.1:18141');
      expect(performance.now() - started).toBeLessThan(30_000);
    } finally {
      await compose.down({ volumes: true });
    }
  });

  it('should fail fast on a crash loop', async () => {
    const compose = scenario('crashloop.yml', 'crashloop', { CRASHY_PORT: '18151' });
    try {
      await composeOrThrow(compose.up(['crashy'], { build: true }));
      const ids = (await inspector.listProject(compose.projectName)).map((c) => c.id);
      const error = (await waitForHealthy(inspector, ids, { timeoutMs: 60_000, maxRestarts: 2 }).catch((e: unknown) => e)) as ContainerStartError;
      expect(error).toBeInstanceOf(ContainerStartError);
      expect(error.shortMessage).toMatch(/crashy[_-]1 restarted \d+ times while starting \(crash loop(, last exit code 1)?\)$/);
      expect(error.message).toContain('crashing on purpose (CRASH_AFTER_MS=300)');
    } finally {
      await compose.down({ volumes: true });
    }
  });
});
