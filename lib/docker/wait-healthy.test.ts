import { describe, expect, it } from 'vitest';
import { TimeoutError } from '../common/errors.js';
import { FakeClock, FakeInspector, container } from './fake-inspector.test-helper.js';
import { ContainerStartError, waitForHealthy, waitForProjectHealthy } from './wait-healthy.js';

describe('waitForHealthy', () => {
  it('should resolve once every container is healthy, or running without a healthcheck', async () => {
    const clock = new FakeClock();
    const inspector = new FakeInspector({
      api: [container({ name: 'api' }), container({ name: 'api' }), container({ name: 'api', health: 'healthy' })],
      worker: [container({ name: 'worker', state: 'created', health: 'none' }), container({ name: 'worker', health: 'none' })],
    });
    const ready = await waitForHealthy(inspector, ['api', 'worker'], { timeoutMs: 10_000, clock, intervalMs: 250 });
    expect(ready.map((c) => `${c.name}:${c.state}/${c.health}`)).toEqual(['api:running/healthy', 'worker:running/none']);
    expect(clock.sleeps).toEqual([250, 250]);
  });

  it('should fail fast when a container becomes unhealthy, quoting its healthcheck and logs', async () => {
    const clock = new FakeClock();
    const inspector = new FakeInspector(
      { sick: [container({ name: 'sick' }), container({ name: 'sick', health: 'unhealthy', lastHealthOutput: 'exit 1: wget: server returned error: HTTP/1.1 503' })] },
      { sick: ['booting', 'listening on 127.0.0.1:18140'] },
    );
    const error = (await waitForHealthy(inspector, ['sick'], { timeoutMs: 60_000, clock }).catch((e: unknown) => e)) as ContainerStartError;
    expect(error).toBeInstanceOf(ContainerStartError);
    expect(error.message).toBe(
      [
        '1 of 1 container(s) failed while waiting for health:',
        'sick is unhealthy',
        'sick (service sick): running/unhealthy, restarts 0',
        '  last healthcheck: exit 1: wget: server returned error: HTTP/1.1 503',
        '  last 20 log lines:',
        '    booting',
        '    listening on 127.0.0.1:18140',
        'hint: the quoted log lines usually say why; `docker logs <container>` has the rest',
      ].join('\n'),
    );
    expect(error.shortMessage).toBe('sick is unhealthy');
    expect(clock.t).toBe(500);
  });

  it('should let an unhealthy container recover within the grace period (healthchecks timing out on a loaded host)', async () => {
    const clock = new FakeClock();
    const flappy = container({ name: 'flappy', health: 'unhealthy', lastHealthOutput: 'exit -1: Health check exceeded timeout (2s)' });
    const inspector = new FakeInspector({ flappy: [flappy, flappy, flappy, container({ name: 'flappy', health: 'healthy' })] });
    const ready = await waitForHealthy(inspector, ['flappy'], { timeoutMs: 60_000, clock, intervalMs: 250, unhealthyGraceMs: 5_000 });
    expect(ready[0]!.health).toBe('healthy');
  });

  it('should fail once a container stays unhealthy for the whole grace period', async () => {
    const clock = new FakeClock();
    const inspector = new FakeInspector({ sick: [container({ name: 'sick', health: 'unhealthy', lastHealthOutput: 'exit 1: HTTP/1.1 503' })] });
    await expect(waitForHealthy(inspector, ['sick'], { timeoutMs: 60_000, clock, intervalMs: 250, unhealthyGraceMs: 1_000 })).rejects.toMatchObject({
      shortMessage: 'sick is unhealthy (for 1000ms, grace 1000ms)',
    });
    expect(clock.t).toBe(1_000);
  });

  it('should fail fast when a container exits', async () => {
    const inspector = new FakeInspector({ job: [container({ name: 'job', state: 'exited', exitCode: 137, health: 'none' })] });
    await expect(waitForHealthy(inspector, ['job'], { timeoutMs: 60_000, clock: new FakeClock() })).rejects.toMatchObject({
      shortMessage: 'job exited with code 137',
      failures: [{ name: 'job', service: 'job', reason: 'exited with code 137' }],
    });
  });

  it('should fail fast on a crash loop (restarts during the wait)', async () => {
    const inspector = new FakeInspector({
      crashy: [container({ name: 'crashy', restartCount: 2 }), container({ name: 'crashy', state: 'restarting', restartCount: 4, exitCode: 1 }), container({ name: 'crashy', state: 'restarting', health: 'unhealthy', restartCount: 5, exitCode: 1 })],
    });
    await expect(waitForHealthy(inspector, ['crashy'], { timeoutMs: 60_000, clock: new FakeClock(), maxRestarts: 3 })).rejects.toMatchObject({
      shortMessage: 'crashy restarted 3 times while starting (crash loop, last exit code 1)',
    });
  });

  it('should fail fast when a container disappears', async () => {
    await expect(waitForHealthy(new FakeInspector({}), ['gone'], { timeoutMs: 60_000, clock: new FakeClock() })).rejects.toMatchObject({
      shortMessage: 'gone disappeared (container not found)',
    });
  });

  it('should time out naming each unready container with its last health output and log lines', async () => {
    const clock = new FakeClock();
    const inspector = new FakeInspector(
      {
        slow: [container({ name: 'slow', lastHealthOutput: 'exit 1: connection refused' })],
        ok: [container({ name: 'ok', health: 'healthy' })],
      },
      { slow: Array.from({ length: 30 }, (_, i) => `line ${i}`) },
    );
    const error = (await waitForHealthy(inspector, ['slow', 'ok'], { timeoutMs: 2_000, clock }).catch((e: unknown) => e)) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.timeoutMs).toBe(2_000);
    expect(error.shortMessage).toBe('not healthy after 2000ms: slow (running/starting)');
    const lines = error.message.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '1 of 2 container(s) not healthy after 2000ms (limit 2000ms): slow (running/starting)',
      'slow (service slow): running/starting, restarts 0',
      '  last healthcheck: exit 1: connection refused',
      '  last 20 log lines:',
    ]);
    expect(lines.slice(4, 24)).toEqual(Array.from({ length: 20 }, (_, i) => `    line ${i + 10}`));
    expect(clock.t).toBe(2_000);
  });
});

describe('waitForProjectHealthy', () => {
  it('should fail when the project has no containers', async () => {
    await expect(waitForProjectHealthy(new FakeInspector({}), 'pgtest-empty', { timeoutMs: 1_000, clock: new FakeClock() })).rejects.toThrow(
      'compose project "pgtest-empty" has no containers to wait for\nhint: was it started? `docker ps -a --filter label=com.docker.compose.project=pgtest-empty`',
    );
  });
});
