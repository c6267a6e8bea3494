import { describe, expect, it } from 'vitest';
import { availabilityGaps, checkZeroDowntime, type AvailabilityRecord } from './check-availability.js';

const ok = (atMs: number) => ({ atMs, ok: true });
const down = (atMs: number) => ({ atMs, ok: false, detail: 'connect ECONNREFUSED' });

function record(samples: AvailabilityRecord['services'][number]['samples'], changes: AvailabilityRecord['changes'] = []): AvailabilityRecord {
  return {
    startedAtMs: 0,
    endedAtMs: 10_000,
    intervalMs: 500,
    services: [
      { service: 'influxdb', url: 'http://127.0.0.1:8086/health', samples: [ok(0), ok(5000), ok(9500)] },
      { service: 'data-api', url: 'http://127.0.0.1:8006/health', samples },
    ],
    changes,
  };
}

describe('availabilityGaps', () => {
  it('should find each run of failed probes with its end at the next good one', () => {
    expect(availabilityGaps(record([ok(0), down(1000), down(1500), ok(2000), down(9000)]))).toEqual([
      { service: 'data-api', fromMs: 1000, toMs: 2000, failedProbes: 2, detail: 'connect ECONNREFUSED', recovered: true },
      { service: 'data-api', fromMs: 9000, toMs: 10_000, failedProbes: 1, detail: 'connect ECONNREFUSED', recovered: false },
    ]);
  });
});

describe('checkZeroDowntime', () => {
  const recreate = [{ service: 'data-api', step: 'recreate', startMs: 900, endMs: 2100 }];

  it('should fail a gap during the service\'s own recreate when zero downtime is taken as written', () => {
    const r = checkZeroDowntime(record([ok(0), down(1000), down(1500), ok(2000)], recreate), { criterionId: 'DEP-0' });
    expect(r.status).toBe('failed');
    expect(r.message).toBe(
      '1 availability gap(s) in 10.0 s of rollout, 2 services probed every 500 ms (7 probes): data-api unavailable 1.0 s (2 failed probe(s), connect ECONNREFUSED) during its recreate. hint: a single container recreated by `up -d --no-deps` is down while it restarts: zero downtime needs a second replica behind a proxy (criteria.md D6.6); config contradictions["D6.6"]: "recreate-gap" judges per-service gaps instead',
    );
    expect(r.measurement).toBe(1000);
  });

  it('should pass that gap with recreate-gap, and say so', () => {
    const r = checkZeroDowntime(record([ok(0), down(1000), down(1500), ok(2000)], recreate), { criterionId: 'DEP-0', mode: 'recreate-gap' });
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/^10\.0 s of rollout, 2 services probed every 500 ms \(7 probes\): 1 gap\(s\), each only while the service itself was recreated, and it came back \(D6\.6 recreate-gap; the longest 1\.0 s\): data-api unavailable 1\.0 s/);
    expect(r.message).not.toMatch(/every probe answered 2xx/);
  });

  it('should fail a gap outside the service\'s recreate, or one that never recovered, even with recreate-gap', () => {
    expect(checkZeroDowntime(record([ok(0), down(5000), ok(6000)], recreate), { criterionId: 'DEP-0', mode: 'recreate-gap' }).message).toMatch(/data-api unavailable 1\.0 s .* outside any recreate of it/);
    expect(checkZeroDowntime(record([ok(0), down(1000)], recreate), { criterionId: 'DEP-0', mode: 'recreate-gap' }).status).toBe('failed');
  });

  it('should pass when every probe answered', () => {
    const r = checkZeroDowntime(record([ok(0), ok(5000)]), { criterionId: 'DEP-0' });
    expect(r).toMatchObject({ status: 'passed', message: 'every probe answered 2xx in 10.0 s of rollout, 2 services probed every 500 ms (5 probes)' });
  });

  it('should fail when no probe ran and report an empty record as an error', () => {
    expect(checkZeroDowntime(null, { criterionId: 'DEP-0' }).status).toBe('failed');
    expect(checkZeroDowntime({ startedAtMs: 0, endedAtMs: 1, intervalMs: 500, services: [], changes: [] }, { criterionId: 'DEP-0' }).status).toBe('error');
  });
});
