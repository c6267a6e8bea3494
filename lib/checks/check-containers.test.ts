import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../docker/container-inspector.js';
import { checkContainersHealthy, checkNoRestarts } from './check-containers.js';

const c = (service: string, over: Partial<ContainerState> = {}): ContainerState => ({
  id: `id-${service}`,
  name: `homeiq-${service}`,
  service,
  state: 'running',
  health: 'healthy',
  restartCount: 0,
  startedAt: '2026-11-22T00:00:00Z',
  imageId: 'sha256:1',
  exitCode: 0,
  ...over,
});

describe('checkContainersHealthy', () => {
  it('should fail naming the unhealthy container and its last healthcheck output', () => {
    const r = checkContainersHealthy([c('influxdb'), c('data-api', { health: 'unhealthy', lastHealthOutput: 'exit 1: wget: server returned error: HTTP/1.1 503' })], {
      criterionId: 'P1-SC1',
      expected: ['influxdb', 'data-api', 'admin-api'],
    });
    expect(r).toMatchObject({ status: 'failed', measurement: '1/3', limit: '3/3 healthy' });
    expect(r.message).toBe(
      '1/3 expected services are healthy, need 3: data-api (homeiq-data-api) is running/unhealthy — last healthcheck exit 1: wget: server returned error: HTTP/1.1 503; admin-api has no container. hint: docker logs <container>',
    );
  });

  it('should accept 44 of 45 under a 44/45 ratio', () => {
    const states = Array.from({ length: 45 }, (_, i) => c(`s${i}`, i === 0 ? { health: 'unhealthy' } : {}));
    const r = checkContainersHealthy(states, { criterionId: 'P1-G1', expected: states.map((s) => s.service), minHealthyRatio: 44 / 45 });
    expect(r.status).toBe('passed');
    expect(r.limit).toBe('>= 44/45 healthy');
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

  it('should pass but state that a short window does not prove the criterion', () => {
    const r = checkNoRestarts([c('a')], [c('a')], { criterionId: 'P1-SC5', services: ['a'], requiredWindowMs: 3_600_000, observedWindowMs: 30_000 });
    expect(r.status).toBe('passed');
    expect(r.message).toBe('no restarts among 1 services in the 30 s observed (criterion asks 1.0 h); the full window is NOT proven by this run');
  });
});
