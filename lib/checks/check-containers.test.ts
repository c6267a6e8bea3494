import { describe, expect, it } from 'vitest';
import type { Clock } from '../common/clock.js';
import { checkContainersHealthy, checkContainersRunning, checkNoRestarts } from './check-containers.js';
import { projectStateSource, type ContainerSnapshot, type ContainerStateSource } from './container-state-source.js';

const c = (service: string, over: Partial<ContainerSnapshot> = {}): ContainerSnapshot => ({
  id: `id-${service}`,
  name: `homeiq-${service}`,
  service,
  state: 'running',
  health: 'healthy',
  restartCount: 0,
  startedAt: '2026-11-22T00:00:00Z',
  ...over,
});

/** Returns the queued samples one per list() call; throws when told to. */
class FakeSource implements ContainerStateSource {
  calls = 0;
  constructor(private readonly samples: Array<readonly ContainerSnapshot[] | Error>) {}
  list(): Promise<readonly ContainerSnapshot[]> {
    const s = this.samples[Math.min(this.calls++, this.samples.length - 1)]!;
    return s instanceof Error ? Promise.reject(s) : Promise.resolve(s);
  }
}

/** A clock whose sleep only advances time. */
class FakeClock implements Clock {
  t = 1_000_000;
  now(): number {
    return this.t;
  }
  monotonicMs(): number {
    return this.t;
  }
  sleep(ms: number): Promise<void> {
    this.t += ms;
    return Promise.resolve();
  }
}

describe('checkContainersHealthy', () => {
  it('should fail naming the unhealthy container and its last healthcheck output', () => {
    const r = checkContainersHealthy([c('influxdb'), c('data-api', { health: 'unhealthy', lastHealthOutput: 'exit 1: wget: server returned error: HTTP/1.1 503' })], {
      criterionId: 'P1-SC1',
      expected: ['influxdb', 'data-api', 'admin-api'],
    });
    expect(r).toMatchObject({ criterionId: 'P1-SC1', status: 'failed', measurement: '1/3', limit: '3/3 healthy' });
    expect(r.message).toBe(
      '1/3 expected services are healthy, need 3: data-api (homeiq-data-api) is running/unhealthy — last healthcheck exit 1: wget: server returned error: HTTP/1.1 503; admin-api has no container. hint: docker logs <container>',
    );
  });

  it('should count a running container without healthcheck as up, and a restarting one as down', () => {
    const r = checkContainersHealthy([c('a', { health: 'none' }), c('b', { state: 'restarting', health: 'starting' })], { criterionId: 'P1-S11-AC1', expected: ['a', 'b'] });
    expect(r.message).toBe('1/2 expected services are healthy, need 2: b (homeiq-b) is restarting/starting. hint: docker logs <container>');
  });

  it('should accept 44 of 45 under a 44/45 ratio and refuse 43', () => {
    const states = Array.from({ length: 45 }, (_, i) => c(`s${i}`, i === 0 ? { health: 'unhealthy' } : {}));
    const r = checkContainersHealthy(states, { criterionId: 'P1-G1', expected: states.map((s) => s.service), minHealthyRatio: 44 / 45 });
    expect(r).toMatchObject({ status: 'passed', limit: '>= 44/45 healthy', measurement: '44/45' });
    const two = states.map((s, i) => (i === 1 ? { ...s, health: 'unhealthy' } : s));
    expect(checkContainersHealthy(two, { criterionId: 'P1-G1', expected: states.map((s) => s.service), minHealthyRatio: 44 / 45 }).status).toBe('failed');
  });

  it('should read from a source, and be an error when the source fails', async () => {
    const ok = await checkContainersHealthy(new FakeSource([[c('a')]]), { criterionId: 'P1-SC1', expected: ['a'] });
    expect(ok.status).toBe('passed');
    const r = await checkContainersHealthy(new FakeSource([new Error('connect ENOENT /var/run/docker.sock')]), { criterionId: 'P1-SC1', expected: ['a'] });
    expect(r).toEqual({
      criterionId: 'P1-SC1',
      title: '1 services healthy',
      status: 'error',
      message: 'could not list the containers: connect ENOENT /var/run/docker.sock. hint: is the Docker daemon reachable? run `phasegate doctor`',
    });
  });

  it('should adapt an inspector with listProject', async () => {
    const seen: string[] = [];
    const source = projectStateSource({ listProject: (p) => (seen.push(p), Promise.resolve([c('a')])) }, 'homeiq');
    expect(await source.list()).toHaveLength(1);
    expect(seen).toEqual(['homeiq']);
  });
});

describe('checkNoRestarts', () => {
  it('should fail on a changed RestartCount and say which window was observed', () => {
    const r = checkNoRestarts([c('sports-api')], [c('sports-api', { restartCount: 1, startedAt: '2026-11-22T00:00:05Z' })], {
      criterionId: 'P1-SC5',
      services: ['sports-api'],
      requiredWindowMs: 3_600_000,
      observedWindowMs: 42_000,
    });
    expect(r.message).toBe('1 service(s) restarted in the 42 s observed (criterion asks 1.0 h): sports-api: RestartCount 0→1, StartedAt 2026-11-22T00:00:00Z→2026-11-22T00:00:05Z');
  });

  it('should fail on a recreated container even when RestartCount is 0 again', () => {
    const r = checkNoRestarts([c('a')], [c('a', { id: 'new', startedAt: '2026-11-22T00:01:00Z' })], { criterionId: 'P1-SC5', services: ['a'], requiredWindowMs: 3_600_000, observedWindowMs: 60_000 });
    expect(r.message).toBe('1 service(s) restarted in the 1.0 min observed (criterion asks 1.0 h): a: RestartCount 0→0, StartedAt 2026-11-22T00:00:00Z→2026-11-22T00:01:00Z (container recreated)');
  });

  it('should report "not yet provable" (skipped, never passed) when the youngest container is younger than the window', () => {
    const nowMs = Date.parse('2026-11-22T00:12:00Z');
    const b = c('b', { startedAt: '2026-11-21T20:00:00Z' });
    const r = checkNoRestarts([c('a'), b], [c('a'), b], { criterionId: 'P1-SC5', services: ['a', 'b'], requiredWindowMs: 3_600_000, observedWindowMs: 30_000, nowMs });
    expect(r.status).toBe('skipped');
    expect(r.message).toBe('not yet provable: a has been up 12.0 min since its last start (criterion asks 1.0 h); no restarts among 2 services in the 30 s observed (criterion asks 1.0 h). hint: gate the same stack again later (PHASEGATE_REUSE_STACK=1) to prove the window');
  });

  it('should prove the window from StartedAt without waiting when every container is older than it', () => {
    const nowMs = Date.parse('2026-11-22T01:30:00Z');
    const r = checkNoRestarts([c('a')], [c('a')], { criterionId: 'P1-SC5', services: ['a'], requiredWindowMs: 3_600_000, observedWindowMs: 30_000, nowMs });
    expect(r.status).toBe('passed');
    expect(r.message).toBe('no restarts among 1 services in the 30 s observed (criterion asks 1.0 h); proven from Docker state: every container has run at least 1.5 h since its last start (youngest: a)');
  });

  it('should watch a source over a window with the injected clock', async () => {
    const source = new FakeSource([[c('a'), c('b')], [c('a'), c('b', { restartCount: 2, startedAt: '2026-11-22T00:00:45Z' })]]);
    const r = await checkNoRestarts(source, { criterionId: 'P1-S11-AC5', windowMs: 45_000, clock: new FakeClock() });
    expect(source.calls).toBe(2);
    expect(r).toMatchObject({ status: 'failed', measurement: 1 });
    expect(r.message).toBe('1 service(s) restarted in the 45 s observed (criterion asks 1.0 h): b: RestartCount 0→2, StartedAt 2026-11-22T00:00:00Z→2026-11-22T00:00:45Z');
  });

  it('should compare against an earlier sample given as since', async () => {
    const clock = new FakeClock();
    const source = new FakeSource([[c('a')]]);
    const r = await checkNoRestarts(source, { criterionId: 'P1-SC5', since: { states: [c('a')], atMs: clock.t - 3_600_000 }, clock });
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/^no restarts among 1 services in the 1\.0 h observed \(criterion asks 1\.0 h\); proven from Docker state/);
  });
});

describe('checkContainersRunning', () => {
  const s = (service: string, state: string, exitCode = 0) => ({ service, name: `homeiq-${service}`, state, health: 'unhealthy', restartCount: 0, startedAt: '2026-12-01T00:00:00Z', exitCode });

  it('should pass when every expected service runs, whatever its health', () => {
    expect(checkContainersRunning([s('data-api', 'running'), s('jaeger', 'running')], { criterionId: 'PD-D1-1', expected: ['data-api', 'jaeger'] })).toMatchObject({ status: 'passed', measurement: '2/2' });
  });

  it('should name a stopped or missing service', () => {
    expect(checkContainersRunning([s('data-api', 'exited', 1)], { criterionId: 'PD-D1-1', expected: ['data-api', 'jaeger'] }).message).toBe(
      '0/2 expected services are running: data-api (homeiq-data-api) is exited (exit 1); jaeger has no container. hint: docker logs <container>',
    );
  });
});
