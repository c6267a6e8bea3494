import { describe, expect, it } from 'vitest';
import { checkCpuPercent, cpuPercentBetween, sampleCpuPercent } from './check-cpu-percent.js';

const counters = (totalUsageNs: number, systemUsageNs: number, onlineCpus = 2) => ({ totalUsageNs, systemUsageNs, onlineCpus });

describe('cpuPercentBetween: docker stats\' formula', () => {
  it('is Δcontainer / Δhost × CPUs × 100 (100% = one core); null when the host counter did not move', () => {
    expect(cpuPercentBetween(counters(0, 0), counters(250e6, 1e9))).toBeCloseTo(50, 6); // a quarter of 2 CPUs' time = half a core
    expect(cpuPercentBetween(counters(0, 0), counters(1e9, 1e9))).toBeCloseTo(200, 6);
    expect(cpuPercentBetween(counters(5, 10), counters(6, 10))).toBeNull();
  });
});

describe('sampleCpuPercent', () => {
  it('reads twice around the window and names unreadable containers', async () => {
    const reads = new Map<string, number>();
    const stats = async (c: string) => {
      const n = (reads.get(c) ?? 0) + 1;
      reads.set(c, n);
      if (c === 'broken') throw new Error('no such container\nstack');
      if (c === 'bare') return {};
      return { cpu: counters(n === 1 ? 0 : 100e6, n === 1 ? 0 : 1e9) };
    };
    const slept: number[] = [];
    const readings = await sampleCpuPercent(stats, [{ service: 'a', container: 'ok' }, { service: 'b', container: 'broken' }, { service: 'c', container: 'bare' }], 5_000, async (ms) => void slept.push(ms));
    expect(slept).toEqual([5_000]);
    expect(readings).toEqual([
      { service: 'a', percent: 20 },
      { service: 'b', percent: null, problem: 'no such container' },
      { service: 'c', percent: null, problem: 'the Docker API reported no CPU counters' },
    ]);
  });
});

describe('checkCpuPercent', () => {
  const check = { criterionId: 'PD-24H-2b', maxPercent: 70, windowMs: 10_000 };

  it('passes below the limit and names the busiest services', () => {
    const r = checkCpuPercent([{ service: 'data-api', percent: 12.34 }, { service: 'influxdb', percent: 3 }], check);
    expect(r).toMatchObject({ status: 'passed', measurement: 12.3, message: '2 service(s) below 70% CPU on average over 10 s (highest: data-api 12.3%, influxdb 3.0%)' });
  });

  it('fails at or above the limit with the measurement, the window and a hint', () => {
    const r = checkCpuPercent([{ service: 'data-api', percent: 85 }, { service: 'influxdb', percent: 70 }, { service: 'jaeger', percent: 1 }], check);
    expect(r.status).toBe('failed');
    expect(r.measurement).toBe(85);
    expect(r.message).toBe('2 service(s) at or above 70% CPU on average over 10 s: data-api 85.0%; influxdb 70.0%. hint: a busy loop or an undersized CPU share; one window is a sample, confirm over the plan\'s window (docker stats)');
  });

  it('is an error, never a pass, when a service could not be read or nothing was read', () => {
    expect(checkCpuPercent([{ service: 'a', percent: 1 }, { service: 'b', percent: null, problem: 'gone' }], check)).toMatchObject({ status: 'error', message: 'could not read the CPU of b unreadable (gone). hint: is the Docker daemon reachable?' });
    expect(checkCpuPercent([], check).status).toBe('error');
  });
});
