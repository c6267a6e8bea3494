import { describe, expect, it } from 'vitest';
import { checkMemoryTrend } from './check-memory-trend.js';
import { FakeClock } from '../docker/fake-inspector.test-helper.js';

const MIB = 1024 * 1024;

/** A sampler playing a series, one value per call. */
const series = (values: readonly number[]) => {
  let i = 0;
  return async () => values[Math.min(i++, values.length - 1)]!;
};

describe('checkMemoryTrend', () => {
  it('should fail a steady growth above the tolerance, naming slope, interval and window', async () => {
    const r = await checkMemoryTrend({ criterionId: 'P3-SC5', service: 'data-api', sample: series([100, 108, 116, 124, 132].map((m) => m * MIB)), samples: 5, intervalMs: 1_000, maxGrowthBytesPerS: MIB, clock: new FakeClock() });
    expect(r).toMatchObject({ status: 'failed', criterionId: 'P3-SC5', measurement: 8 * MIB, limit: 'growth <= 1.00 MiB/s' });
    expect(r.message).toBe('data-api memory grows 8.00 MiB/s (95% CI 8.00 MiB/s to 8.00 MiB/s, R²=1.00) over 5 samples in 4.0 s (100.00 MiB → 132.00 MiB); limit growth <= 1.00 MiB/s. hint: a leak; confirm over a longer window (docker stats) before blaming a change');
  });

  it('should pass a noisy flat series (the slope interval reaches below the tolerance)', async () => {
    const r = await checkMemoryTrend({ criterionId: 'P3-SC5', service: 'data-api', sample: series([100, 103, 99, 102, 100, 101].map((m) => m * MIB)), samples: 6, intervalMs: 1_000, maxGrowthBytesPerS: MIB, clock: new FakeClock() });
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/^data-api memory trend -?0\.\d\d MiB\/s \(95% CI -\d\.\d\d MiB\/s to \d\.\d\d MiB\/s, R²=0\.\d\d\) over 6 samples in 5\.0 s \(100\.00 MiB → 101\.00 MiB\); within growth <= 1\.00 MiB\/s$/);
  });

  it('should report error when a sample cannot be read', async () => {
    const r = await checkMemoryTrend({ criterionId: 'P3-SC5', service: 'data-api', sample: () => Promise.reject(new Error('no such container: homeiq-data-api')), maxGrowthBytesPerS: MIB, clock: new FakeClock() });
    expect(r).toMatchObject({ status: 'error', message: 'cannot read the memory of data-api: no such container: homeiq-data-api. hint: is the container running and the Docker daemon reachable?' });
  });
  it('should leave a moderate growth of a young container undecided (heap warm-up), and still fail a gross leak or an old container', async () => {
    const clock = new FakeClock();
    const growing = () => series([20, 21, 22, 23, 24].map((m) => m * MIB));
    const young = new Date(clock.now() - 180_000).toISOString();
    const r = await checkMemoryTrend({ criterionId: 'PD-48H-4', service: 'websocket-ingestion', sample: growing(), samples: 5, intervalMs: 10_000, maxGrowthBytesPerS: 6_214, startedAt: young, clock });
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/^not yet decidable: websocket-ingestion memory grows 0\.10 MiB\/s .* but the container has run only 3\.\d min \(warm-up 10\.0 min: .*below the gross 0\.29 MiB\/s that fails at once\)/);
    const old = new Date(clock.now() - 3_600_000).toISOString();
    expect((await checkMemoryTrend({ criterionId: 'PD-48H-4', service: 'websocket-ingestion', sample: growing(), samples: 5, intervalMs: 10_000, maxGrowthBytesPerS: 6_214, startedAt: old, clock })).status).toBe('failed');
    const gross = await checkMemoryTrend({ criterionId: 'P3-SC5', service: 'data-retention', sample: series([20, 28, 36, 44, 52].map((m) => m * MIB)), samples: 5, intervalMs: 1_000, maxGrowthBytesPerS: 6_214, startedAt: young, clock });
    expect(gross.status).toBe('failed');
  });
});
