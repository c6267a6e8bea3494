import { describe, expect, it } from 'vitest';
import { checkMemoryHeadroom } from './check-memory-headroom.js';

const MIB = 1024 * 1024;

describe('checkMemoryHeadroom', () => {
  it('should pass containers below 90% and name the highest one and the unlimited ones', () => {
    const r = checkMemoryHeadroom(
      [
        { service: 'data-api', usedBytes: 64 * MIB, limitBytes: 128 * MIB, limited: true },
        { service: 'influxdb', usedBytes: 512 * MIB, limitBytes: 8192 * MIB, limited: false },
      ],
      { criterionId: 'TV-A1', maxRatio: 0.9 },
    );
    expect(r).toMatchObject({ status: 'passed', measurement: 50 });
    expect(r.message).toBe('2 container(s) below 90.0%; highest: data-api 64.0 MiB of 128 MiB mem_limit = 50.0%; 1 without a mem_limit judged against host memory: influxdb');
  });

  it('should fail a container at 95% of its mem_limit, naming use, limit and ratio', () => {
    const r = checkMemoryHeadroom([{ service: 'ml-service', usedBytes: 121.6 * MIB, limitBytes: 128 * MIB, limited: true }], { criterionId: 'TV-A1', maxRatio: 0.9 });
    expect(r).toMatchObject({ status: 'failed', measurement: 95 });
    expect(r.message).toBe('1 container(s) at or above 90.0% of their memory limit: ml-service 121.6 MiB of 128 MiB mem_limit = 95.0%. hint: an OOM kill is near; raise mem_limit or look for a leak (checkMemoryTrend)');
  });

  it('should report an error, not a pass, when nothing was read', () => {
    expect(checkMemoryHeadroom([], { criterionId: 'TV-A1', maxRatio: 0.9 }).status).toBe('error');
  });
});
