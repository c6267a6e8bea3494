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

  it('should not count a timeout the starved prober could not read, and say so; a real gap beside it still fails', () => {
    const starved = (atMs: number) => ({ atMs, ok: false, detail: 'timeout after 2000ms (no response headers)', proberLagMs: 2400 });
    const busy = (atMs: number) => ({ atMs, ok: false, detail: 'timeout after 2000ms (no response headers)', proberLagMs: 300 });
    const samples = [ok(0), ...Array.from({ length: 40 }, (_, i) => ok(500 + i * 200)), starved(8600), ok(9000)];
    const r = checkZeroDowntime(record(samples), { criterionId: 'DEP-0', mode: 'recreate-gap' });
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/^every counted probe answered 2xx in .*; 1 failed probe\(s\) not counted: the prober's own event loop was blocked up to 2\.4 s while they were in flight \(limit 1\.0 s\)/);
    expect(availabilityGaps(record(samples))).toEqual([]);
    // A failure while the prober was only a little late is the service's.
    const f = checkZeroDowntime(record([...samples.slice(0, -2), busy(8600), ok(9000)]), { criterionId: 'DEP-0', mode: 'recreate-gap' });
    expect(f.status).toBe('failed');
    expect(f.message).toMatch(/^1 availability gap\(s\) .*data-api unavailable 0\.4 s \(1 failed probe\(s\), timeout after 2000ms/);
  });

  it('should leave the verdict undecided when more than 5% of the probes failed on a starved prober', () => {
    const starved = (atMs: number) => ({ atMs, ok: false, detail: 'timeout', proberLagMs: 1500 });
    const r = checkZeroDowntime(record([ok(0), starved(500), starved(1000), ok(1500)]), { criterionId: 'DEP-0' });
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/^not decidable: 2 of 7 probes \(more than 5%\) failed while the prober's own event loop was blocked up to 1\.5 s\. hint: the host was too loaded/);
  });

  it('should fail when no probe ran and report an empty record as an error', () => {
    expect(checkZeroDowntime(null, { criterionId: 'DEP-0' }).status).toBe('failed');
    expect(checkZeroDowntime({ startedAtMs: 0, endedAtMs: 1, intervalMs: 500, services: [], changes: [] }, { criterionId: 'DEP-0' }).status).toBe('error');
  });
});
