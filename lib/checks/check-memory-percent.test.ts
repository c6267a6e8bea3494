import { describe, expect, it } from 'vitest';
import { checkMemoryPercent } from './check-memory-percent.js';

const MIB = 1024 * 1024;
const HOST = 16_384 * MIB;
const check = { criterionId: 'PD-24H-2a', maxPercent: 80, hostMemoryBytes: HOST };

describe('checkMemoryPercent', () => {
  it('should pass below the limit and report services without a limit without judging them', () => {
    const r = checkMemoryPercent([{ service: 'data-api', usageBytes: 100 * MIB, limitBytes: 512 * MIB }, { service: 'jaeger', usageBytes: 15_000 * MIB, limitBytes: HOST }], check);
    expect(r).toMatchObject({ status: 'passed', measurement: 19.5, message: '1 service(s) below 80% of their memory limit (highest 19.5%); no memory limit (reported, not judged, D5.3): jaeger' });
  });

  it('should fail at or above the limit', () => {
    const r = checkMemoryPercent([{ service: 'ml-service', usageBytes: 410 * MIB, limitBytes: 512 * MIB }], check);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^1 service\(s\) at or above 80% of their memory limit: ml-service 410 MiB of 512 MiB \(80\.1%\)\./);
  });

  it('should skip when no service has a limit, and be an error when a reading failed', () => {
    expect(checkMemoryPercent([{ service: 'jaeger', usageBytes: MIB, limitBytes: HOST }], check).status).toBe('skipped');
    expect(checkMemoryPercent([{ service: 'data-api', usageBytes: MIB, limitBytes: 512 * MIB }], { ...check, unreadable: ['admin-api: timeout'] }).status).toBe('error');
  });
});
