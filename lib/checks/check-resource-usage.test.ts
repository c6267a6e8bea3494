import { describe, expect, it } from 'vitest';
import type { ContainerMemoryStats } from '../docker/container-inspector.js';
import { checkResourceUsage, resourceTable, sampleResources, type ResourceSample } from './check-resource-usage.js';

const MIB = 1024 * 1024;
const HOST = 8192 * MIB;
const check = { criterionId: 'TV-M2', memoryPercentMax: 80, cpuPercentAvgMax: 70, windowMs: 10_000, hostMemoryBytes: HOST };
const sample = (service: string, cpuPercent: number | null, memMiB: number | null, limitMiB: number | null, problem?: string): ResourceSample => ({
  service, cpuPercent, memoryUsageBytes: memMiB === null ? null : memMiB * MIB, memoryLimitBytes: limitMiB === null ? null : limitMiB * MIB, ...(problem ? { problem } : {}),
});

describe('sampleResources', () => {
  it('should average CPU between two readings and keep the higher memory reading', async () => {
    const readings: Record<string, ContainerMemoryStats[]> = {
      a: [{ memoryUsageBytes: 30 * MIB, memoryLimitBytes: 128 * MIB, cpu: { totalUsageNs: 0, systemUsageNs: 0, onlineCpus: 2 } }, { memoryUsageBytes: 40 * MIB, memoryLimitBytes: 128 * MIB, cpu: { totalUsageNs: 1e8, systemUsageNs: 2e9, onlineCpus: 2 } }],
    };
    const calls: Record<string, number> = {};
    const stats = async (c: string) => {
      if (c === 'gone') throw new Error('Docker stats failed: gone not found');
      calls[c] = (calls[c] ?? 0) + 1;
      return readings[c]![calls[c]! - 1]!;
    };
    const out = await sampleResources(stats, [{ service: 'alpha', container: 'a' }, { service: 'beta', container: 'gone' }], 10_000, async () => {});
    expect(out).toEqual([
      { service: 'alpha', cpuPercent: 10, memoryUsageBytes: 40 * MIB, memoryLimitBytes: 128 * MIB },
      { service: 'beta', cpuPercent: null, memoryUsageBytes: null, memoryLimitBytes: null, problem: 'Docker stats failed: gone not found' },
    ]);
  });
});

describe('checkResourceUsage', () => {
  it('should pass below both limits, with the resource table in the evidence', () => {
    const r = checkResourceUsage([sample('data-api', 3.25, 40, 128), sample('influxdb', 12, 100, 8192)], check);
    expect(r.status).toBe('passed');
    expect(r.message).toBe('2 service(s) read over 10 s: CPU below 70% (highest influxdb 12.0%), memory below 80% of each limit; no memory limit (memory reported, not judged, D5.3): influxdb');
    expect(r.evidence?.[0]).toEqual({ label: 'resource table (10 s window)', value: 'service | CPU % (avg) | memory MiB | limit MiB | memory %\ndata-api | 3.3 | 40.0 | 128 | 31.3\ninfluxdb | 12.0 | 100.0 | none | -' });
  });

  it('should fail above the CPU or memory limit, naming service, value and limit', () => {
    const r = checkResourceUsage([sample('data-api', 75, 40, 128), sample('admin-api', 1, 110, 128)], check);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^data-api CPU 75\.0% ≥ 70%; admin-api memory 110 of 128 MiB \(85\.9%\) ≥ 80% \(2 service\(s\), 10 s window\)\. hint:/);
  });

  it('should fail when a service cannot be read, or when there is nothing to monitor', () => {
    const r = checkResourceUsage([sample('data-api', 1, 40, 128), sample('jaeger', null, null, null, 'Docker stats failed: homeiq-jaeger not found')], check);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^could not read jaeger \(Docker stats failed: homeiq-jaeger not found\)/);
    expect(checkResourceUsage([], check).status).toBe('failed');
  });

  it('should mark unreadable cells in the table', () => {
    expect(resourceTable([sample('x', null, null, null, 'gone')], HOST)).toBe('service | CPU % (avg) | memory MiB | limit MiB | memory %\nx | unreadable | unreadable | - | - (gone)');
  });
});
