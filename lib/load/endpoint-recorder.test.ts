import { describe, expect, it } from 'vitest';
import { EndpointRecorder } from './endpoint-recorder.js';

const endpoint = { name: 'api', url: 'http://127.0.0.1:1/api', method: 'GET' as const, headers: {} };
const run = { mode: 'open' as const, connections: 10, warmupMs: 0, measuredMs: 1000, intendedRate: 100, minAchievedRateRatio: 0.95 };

/** 100 responses of 80 ms from the intended send, of which the generator was late by `lagMs` each. */
function recorded(lagMs: number): EndpointRecorder {
  const r = new EndpointRecorder();
  for (let i = 0; i < 100; i++) {
    r.recordSendLag(lagMs);
    r.recordResponse(200, 80);
    r.recordFromSend(80 - lagMs);
  }
  return r;
}

describe('EndpointRecorder send lag', () => {
  it('should report the send lag and latency from the actual send without a warning when the lag is small', () => {
    const e = recorded(1).summarize(endpoint, run);
    expect(e.sendLag).toEqual({ p50Ms: expect.closeTo(1, 2), p99Ms: expect.closeTo(1, 2), maxMs: expect.closeTo(1, 2) });
    expect(e.fromSendLatency!.p95Ms).toBeCloseTo(79, 0);
    expect(e.warnings).toBeUndefined();
    expect(e.passed).toBe(true);
  });

  it('should warn, without failing the run, when the generator lagged more than max(5 ms, 5% of p50)', () => {
    const e = recorded(30).summarize(endpoint, run);
    expect(e.passed).toBe(true);
    expect(e.warnings).toHaveLength(1);
    expect(e.warnings![0]).toMatch(
      /^api \(http:\/\/127\.0\.0\.1:1\/api\): the load generator itself sent late \(send lag p99 30\.0ms, above 5\.0ms = max\(5ms, 5% of p50\)\); its lag counts as latency, so the percentiles over-read \(from the actual send: p95 50\.\d\dms, p99 50\.\d\dms\)\. hint: this machine is short of CPU; measure on a quieter one$/,
    );
  });
});
