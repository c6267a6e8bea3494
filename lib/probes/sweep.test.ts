import { describe, expect, it } from 'vitest';
import { ConfigError } from '../common/errors.js';
import { sweep, type SweepProgress } from './sweep.js';

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('sweep', () => {
  it('should keep at most `concurrency` probes in flight and return results in input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const delays = [30, 5, 20, 5, 10, 5, 25, 5];
    const out = await sweep(delays, async (ms, i) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await wait(ms);
      inFlight -= 1;
      return `r${i}`;
    }, { concurrency: 3, onHardTimeout: () => 'cut' });
    expect(out.results).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    expect(peak).toBe(3);
    expect(out.peakInFlight).toBe(3);
    expect(out.hardTimedOut).toEqual([]);
  });

  it('should take about as long as the slowest probe when the bound is not reached, not the sum', async () => {
    const out = await sweep([200, 150, 150, 150], (ms) => wait(ms).then(() => ms), { concurrency: 8, onHardTimeout: () => -1 });
    expect(out.results).toEqual([200, 150, 150, 150]);
    expect(out.wallMs).toBeGreaterThanOrEqual(195);
    expect(out.wallMs).toBeLessThan(600); // sequential would be 650
  });

  it('should end a probe that never settles at the hard bound and move on', async () => {
    const never = new Promise<string>(() => {});
    const progress: Array<SweepProgress<string, string>> = [];
    const out = await sweep(['hang', 'ok'], (item) => (item === 'hang' ? never : Promise.resolve('fine')), {
      concurrency: 1,
      hardTimeoutMs: 50,
      onHardTimeout: (item, ms) => `${item} cut after ${ms}ms`,
      onProgress: (p) => progress.push(p),
    });
    expect(out.results).toEqual(['hang cut after 50ms', 'fine']);
    expect(out.hardTimedOut).toEqual([0]);
    expect(progress.map((p) => [p.index, p.done, p.total, p.hardTimedOut])).toEqual([[0, 1, 2, true], [1, 2, 2, false]]);
    expect(progress[0]!.elapsedMs).toBeGreaterThanOrEqual(45);
  });

  it('should ignore a progress callback that throws', async () => {
    const out = await sweep([1, 2], async (n) => n * 2, { onHardTimeout: () => 0, onProgress: () => { throw new Error('printer broke'); } });
    expect(out.results).toEqual([2, 4]);
  });

  it('should reject a probe that throws (probes report failures as results)', async () => {
    await expect(sweep([1], () => Promise.reject(new Error('bug')), { onHardTimeout: () => 0 })).rejects.toThrow('bug');
  });

  it('should refuse a concurrency below 1 and a non-positive hard bound with a ConfigError', async () => {
    await expect(sweep([1], async () => 1, { concurrency: 0, onHardTimeout: () => 0 })).rejects.toThrow(ConfigError);
    await expect(sweep([1], async () => 1, { concurrency: 0, onHardTimeout: () => 0 })).rejects.toThrow('sweep concurrency is 0; expected an integer >= 1\nhint: pass e.g. concurrency: 8');
    await expect(sweep([1], async () => 1, { hardTimeoutMs: 0, onHardTimeout: () => 0 })).rejects.toThrow('sweep hardTimeoutMs is 0; expected a number of ms > 0');
  });

  it('should return at once for no items', async () => {
    const out = await sweep([], async () => 1, { onHardTimeout: () => 0 });
    expect(out.results).toEqual([]);
    expect(out.peakInFlight).toBe(0);
  });
});
