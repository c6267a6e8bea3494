import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency-histogram.js';

describe('LatencyHistogram', () => {
  it('should keep sub-millisecond latencies with microsecond resolution', () => {
    const h = new LatencyHistogram();
    for (const ms of [0.186, 0.21, 0.605, 0.877]) h.recordMs(ms);
    expect(h.count).toBe(4);
    expect(h.minMs).toBeCloseTo(0.186, 3);
    expect(h.maxMs).toBeCloseTo(0.877, 3);
    expect(h.percentileMs(50)).toBeCloseTo(0.21, 3);
    expect(h.meanMs).toBeCloseTo((0.186 + 0.21 + 0.605 + 0.877) / 4, 3);
  });

  it('should report p(95) of 1..1000 ms within 0.1%', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.recordMs(i);
    const s = h.stats();
    expect(s.count).toBe(1000);
    expect(Math.abs(s.p95Ms - 950) / 950).toBeLessThan(0.001);
    expect(Math.abs(s.p99Ms - 990) / 990).toBeLessThan(0.001);
    expect(Math.abs(s.p50Ms - 500) / 500).toBeLessThan(0.001);
    expect(s.meanMs).toBeCloseTo(500.5, 0);
  });

  it('should round-trip through compressed base64', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 500; i++) h.recordMs(0.5 + i * 0.37);
    const encoded = h.encode();
    expect(encoded).toMatch(/^[A-Za-z0-9+/=]+$/);
    const back = LatencyHistogram.decode(encoded);
    expect(back.count).toBe(500);
    expect(back.percentileMs(95)).toBe(h.percentileMs(95));
    expect(back.maxMs).toBe(h.maxMs);
  });

  it('should merge two histograms', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (let i = 0; i < 90; i++) a.recordMs(1);
    for (let i = 0; i < 10; i++) b.recordMs(100);
    a.merge(b);
    expect(a.count).toBe(100);
    expect(a.percentileMs(90)).toBeCloseTo(1, 2);
    expect(a.percentileMs(91)).toBeCloseTo(100, 0);
  });

  it('should list weighted bucket values that sum to the count', () => {
    const h = new LatencyHistogram();
    h.recordMs(0);
    h.recordMs(2, 3);
    h.recordMs(7.5);
    expect(h.weightedValues()).toEqual([
      { valueMs: 0, count: 1 },
      { valueMs: 2, count: 3 },
      // 7500 µs falls in a 4 µs-wide bucket at 3 significant digits; its highest equivalent value is 7503 µs.
      { valueMs: 7.503, count: 1 },
    ]);
    expect(h.minMs).toBe(0);
  });

  it('should return NaN percentiles when empty and refuse non-finite values', () => {
    const h = new LatencyHistogram();
    expect(h.percentileMs(95)).toBeNaN();
    expect(() => h.recordMs(Number.NaN)).toThrowError('latency must be a finite number of ms, got NaN');
  });
});
