import { describe, expect, it } from 'vitest';
import type { EndpointBaseline, EnvironmentFingerprint } from '../baselines/baseline-schema.js';
import { createBaseline } from '../baselines/create-baseline.js';
import { syntheticEndpoint } from '../baselines/synthetic-endpoint.test-helper.js';
import type { BaselineSource } from '../baselines/baseline-source.js';
import { checkBaselineRegression } from './check-baseline-regression.js';

const fingerprint: EnvironmentFingerprint = { nodeVersion: 'v20.20.2', cpuModel: 'Test CPU', cpuCount: 2, host: 'ci-1', platform: 'linux-x64', phasegateVersion: '0.1.0', loadProfile: 'open 50/s c10 4000ms' };

/** Lognormal latencies around `medianMs`, deterministic from the seed. */
const endpoint = (name: string, n: number, medianMs: number, seed: number): EndpointBaseline => syntheticEndpoint({ name, route: 'GET /health', n, medianMs, seed, sigma: 0.3, intendedRate: 50 });

const source = (...endpoints: EndpointBaseline[]): BaselineSource => ({
  kind: 'pre-rebuild',
  origin: 'the measurement before this run’s rebuild',
  baseline: createBaseline({ target: 'reference', phase: 'phase1', fingerprint, endpoints, createdAt: new Date('2026-12-02T01:00:00Z') }),
});
const fast = { resamples: 500 };

describe('checkBaselineRegression', () => {
  it('should pass when every endpoint stays within the tolerance, naming the baseline it compared with', () => {
    const r = checkBaselineRegression({
      criterionId: 'P1-SC7',
      source: source(endpoint('data-api GET /health', 2000, 5, 1), endpoint('admin-api GET /health', 2000, 5, 2)),
      current: { fingerprint, endpoints: [endpoint('data-api GET /health', 2000, 5, 3), endpoint('admin-api GET /health', 2000, 5, 4)] },
      compare: fast,
    });
    expect(r).toMatchObject({ criterionId: 'P1-SC7', status: 'passed', limit: 'p(95) ratio ≤ 1.10 (regressed: estimate above it and 95% CI above 1)' });
    expect(r.message).toMatch(/^no regression against the measurement before this run’s rebuild \(2026-12-02T01:00:00.000Z\): data-api GET \/health: p\(95\) /);
    expect(r.message).toContain('admin-api GET /health');
  });

  it('should fail a +60% slowdown of one service even when another service shares its route', () => {
    const r = checkBaselineRegression({
      criterionId: 'P1-SC7',
      source: source(endpoint('data-api GET /health', 2000, 5, 1), endpoint('admin-api GET /health', 2000, 5, 2)),
      current: { fingerprint, endpoints: [endpoint('data-api GET /health', 2000, 5, 3), endpoint('admin-api GET /health', 2000, 8, 4)] },
      compare: fast,
    });
    expect(r.status).toBe('failed');
    expect(r.measurement).toBeGreaterThan(1.4);
    expect(r.comparison?.endpoints.map((e) => e.verdict)).toEqual([expect.not.stringMatching(/^regressed$/), 'regressed']);
    expect(r.message).toMatch(/^latency regressed against .*: admin-api GET \/health: p\(95\) \d+\.\d\dms → \d+\.\d\dms, ratio 1\.\d{3} .*regressed/);
    expect(r.message).not.toMatch(/data-api GET \/health: .*regressed/);
  });

  it('should skip, never pass, without a baseline', () => {
    const r = checkBaselineRegression({ criterionId: 'P1-SC7', source: { kind: 'none', reason: 'baselines/reference/phase0.json does not exist and no rebuild ran' }, current: { fingerprint, endpoints: [endpoint('x', 10, 5, 1)] } });
    expect(r.status).toBe('skipped');
    expect(r.comparison).toBeUndefined();
    expect(r.message).toBe(
      'no baseline to compare with: baselines/reference/phase0.json does not exist and no rebuild ran. hint: capture one on this machine with `npx phasegate baseline capture phase0` (or let a gate that rebuilds measure one before its rebuild)',
    );
  });

  it('should skip a baseline from another machine, naming the differing fields', () => {
    const r = checkBaselineRegression({
      criterionId: 'P1-SC7',
      source: source(endpoint('data-api GET /health', 500, 5, 1)),
      current: { fingerprint: { ...fingerprint, cpuCount: 8 }, endpoints: [endpoint('data-api GET /health', 500, 5, 2)] },
      compare: fast,
    });
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/measured in another environment \(cpuCount 2 → 8\); latency is not comparable/);
  });

  it('should report too few samples as not decided, or as a failure with onInconclusive: fail', () => {
    const args = { criterionId: 'P1-SC7', source: source(endpoint('data-api GET /health', 50, 5, 1)), current: { fingerprint, endpoints: [endpoint('data-api GET /health', 50, 5, 2)] }, compare: fast };
    const skipped = checkBaselineRegression(args);
    expect(skipped.status).toBe('skipped');
    expect(skipped.message).toMatch(/^not decided against .*too few samples to compare p\(95\) \(baseline 50, current 50; need ≥ 100\)\. hint: measure longer/);
    expect(checkBaselineRegression({ ...args, onInconclusive: 'fail' }).status).toBe('failed');
  });

  it('should not decide when an endpoint of the baseline was not measured', () => {
    const r = checkBaselineRegression({
      criterionId: 'P1-SC7',
      source: source(endpoint('data-api GET /health', 500, 5, 1), endpoint('admin-api GET /health', 500, 5, 2)),
      current: { fingerprint, endpoints: [endpoint('data-api GET /health', 500, 5, 3)] },
      compare: fast,
    });
    expect(r.status).toBe('skipped');
    expect(r.message).toContain('admin-api GET /health: in the baseline but not measured in this run');
  });
});
