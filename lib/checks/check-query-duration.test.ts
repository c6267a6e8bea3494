import { describe, expect, it } from 'vitest';
import type { InfluxQueryClient } from '../influx/influx-query-client.js';
import { checkQueryDuration, countQuery, profiledQuery, profilerDurationMs } from './check-query-duration.js';

/** A query client whose every query takes `ms` on a fake clock; the profiled form answers `profiler` (or throws). */
function fakeInflux(ms: number[], profiler: Array<Record<string, unknown>> | Error) {
  let t = 0;
  let i = 0;
  const queries: string[] = [];
  const influx: InfluxQueryClient = {
    async query(flux) {
      queries.push(flux);
      if (flux.startsWith('import "profiler"')) {
        if (profiler instanceof Error) throw profiler;
        return profiler as never;
      }
      t += ms[i++ % ms.length]!;
      return [{ _value: 40 }, { _value: 2 }];
    },
  };
  return { influx, queries, now: () => t };
}
const base = { criterionId: 'TV-P4', bucket: 'home_assistant_events', regressionRatio: 0.15, maxMs: 1000 };

describe('countQuery / profiler', () => {
  it("should build 001's query and its profiled form", () => {
    expect(countQuery('home_assistant_events', 'home_assistant_events', '-24h')).toBe('from(bucket: "home_assistant_events") |> range(start: -24h) |> filter(fn: (r) => r._measurement == "home_assistant_events") |> count()');
    expect(profiledQuery('q')).toBe('import "profiler"\noption profiler.enabledProfilers = ["query"]\nq');
  });

  it('should read TotalDuration (ns) of the profiler/query table in ms', () => {
    expect(profilerDurationMs([{ _measurement: 'home_assistant_events', _value: 3 }, { _measurement: 'profiler/query', TotalDuration: 12_500_000 }])).toBe(12.5);
    expect(profilerDurationMs([{ _value: 3 }])).toBeUndefined();
  });
});

describe('checkQueryDuration', () => {
  it('should pass within baseline + 15%, with the median duration and the server profiler time in the message', async () => {
    const f = fakeInflux([40, 60, 50], [{ _measurement: 'profiler/query', TotalDuration: 9_000_000 }]);
    const r = await checkQueryDuration({ ...base, influx: f.influx, now: f.now, baselineMs: 50 });
    expect(r.status).toBe('passed');
    expect(r.measurement).toBe(50);
    expect(r.message).toBe('Flux count over -24h on home_assistant_events (bucket home_assistant_events, 42 points) took 50.0 ms (median of 3: 40.0, 60.0, 50.0 ms); server-side TotalDuration 9.0 ms (Flux profiler); within ≤ 57.5 ms (baseline 50 ms + 15%)');
    expect(f.queries).toHaveLength(4);
  });

  it('should fail above the limit and say when the server has no profiler', async () => {
    const f = fakeInflux([70], new Error('HTTP 400: import is not supported by this server'));
    const r = await checkQueryDuration({ ...base, influx: f.influx, now: f.now, baselineMs: 50 });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/took 70\.0 ms .*the server does not support the Flux profiler option \(HTTP 400: import is not supported by this server\); client-side time only; limit ≤ 57.5 ms \(baseline 50 ms \+ 15%\)\. hint:/);
  });

  it('should judge the absolute limit without a baseline: a failure fails, a pass is not decidable', async () => {
    const slow = fakeInflux([1500], []);
    expect((await checkQueryDuration({ ...base, influx: slow.influx, now: slow.now, baselineMs: null })).status).toBe('failed');
    const fast = fakeInflux([20], []);
    const r = await checkQueryDuration({ ...base, influx: fast.influx, now: fast.now, baselineMs: null });
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/^not decidable here: 001 L1424 asks "within 15% of baseline" and no pre-deployment query duration is recorded .*the server ran the profiled query but returned no profiler\/query table; within ≤ 1000 ms/);
  });

  it('should be an error when the query fails', async () => {
    const influx: InfluxQueryClient = { query: async () => { throw new Error('HTTP 401: unauthorized'); } };
    const r = await checkQueryDuration({ ...base, influx, baselineMs: null });
    expect(r.status).toBe('error');
    expect(r.message).toBe('the Flux count over -24h on bucket home_assistant_events failed: HTTP 401: unauthorized. hint: check the InfluxDB token, org and bucket');
  });
});
