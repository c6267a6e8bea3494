import { describe, expect, it } from 'vitest';
import { FakeClock } from '../docker/fake-inspector.test-helper.js';
import type { ContainerSnapshot } from './container-state-source.js';
import { checkCoreWatch, watchServices, type CoreWatchSample } from './check-core-watch.js';

const snap = (service: string, over: Partial<ContainerSnapshot> = {}): ContainerSnapshot => ({ service, name: `homeiq-${service}`, state: 'running', health: 'healthy', restartCount: 0, startedAt: '2026-12-02T07:00:00Z', id: `id-${service}`, ...over });
const check = { criterionId: 'P1-S4-T6', services: ['data-api', 'admin-api'], durationMs: 30_000, intervalMs: 5_000 };
const T0 = Date.parse('2026-12-02T08:00:00Z');
const sample = (service: string, i: number, over: Partial<CoreWatchSample> = {}): CoreWatchSample => ({ atMs: T0 + i * 5_000, service, state: 'running', health: 'healthy', restartCount: 0, containerId: `id-${service}`, body: { ok: true, detail: 'status healthy' }, ...over });

describe('watchServices', () => {
  it('should sample every service every interval over the window, bodies included', async () => {
    const clock = new FakeClock();
    let polls = 0;
    const timeline = [[snap('data-api'), snap('admin-api')], [snap('data-api', { health: 'unhealthy' }), snap('admin-api')]];
    const samples = await watchServices({
      services: ['data-api', 'admin-api', 'ghost'], clock, durationMs: 10_000, intervalMs: 5_000,
      list: async () => timeline[Math.min(polls++, 1)]!,
      healthBody: async (s) => ({ ok: s !== 'ghost', detail: s === 'ghost' ? 'connection refused' : 'status healthy' }),
    });
    expect(clock.sleeps).toEqual([5_000, 5_000]);
    expect(samples).toHaveLength(9);
    expect(samples[3]).toMatchObject({ service: 'data-api', state: 'running', health: 'unhealthy', atMs: clock.now() - 5_000 });
    expect(samples[2]).toMatchObject({ service: 'ghost', state: 'missing', body: { ok: false, detail: 'connection refused' } });
  });
});

describe('checkCoreWatch', () => {
  it('should pass when every sample is running, healthy, with a healthy body and no restart', () => {
    const samples = [0, 1, 2].flatMap((i) => [sample('data-api', i), sample('admin-api', i)]);
    const r = checkCoreWatch(samples, check);
    expect(r.status).toBe('passed');
    expect(r.message).toBe('2 core service(s) running and healthy in all 3 samples each (08:00:00–08:00:10 UTC, 30 s every 5 s), bodies healthy, no restart');
  });

  it('should fail on an unhealthy sample, a restart and a bad body, naming service, time and state', () => {
    const samples = [
      sample('data-api', 0), sample('data-api', 1, { health: 'unhealthy' }), sample('data-api', 2, { restartCount: 1, state: 'restarting', health: 'starting' }),
      sample('admin-api', 0), sample('admin-api', 1, { body: { ok: false, detail: 'HTTP 503' } }), sample('admin-api', 2, { containerId: 'id-new-admin-api-0000' }),
    ];
    const r = checkCoreWatch(samples, check);
    expect(r.status).toBe('failed');
    expect(r.message).toBe(
      'data-api: 08:00:05 running/unhealthy, 08:00:10 restarting/starting, 08:00:10 RestartCount 0 → 1; admin-api: 08:00:05 body: HTTP 503, 08:00:10 container replaced (id-admin-api → id-new-admin) (watched 08:00:00–08:00:10 UTC, 30 s every 5 s). hint: read the container\'s log tail (docker logs --tail 100 <container>) and its health log (docker inspect)',
    );
  });

  it('should fail when a service was never sampled', () => {
    expect(checkCoreWatch([sample('data-api', 0)], check).message).toMatch(/^admin-api: never sampled/);
  });
});
