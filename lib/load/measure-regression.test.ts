import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../common/errors.js';
import { LatencyHistogram } from '../stats/latency-histogram.js';
import { AutocannonRunner } from './load-runner.js';
import { writeBaseline } from '../baselines/baseline-file.js';
import { PRE_REBUILD_ORIGIN, resolveBaselineSource } from '../baselines/baseline-source.js';
import { createBaseline } from '../baselines/create-baseline.js';
import { describeProfile, homeiqRegressionEndpoints, type RegressionProfile } from '../baselines/regression-profile.js';
import { measureRegression } from './measure-regression.js';

const QUICK: RegressionProfile = { mode: 'open', ratePerSec: 80, durationMs: 1_500, warmupMs: 200, connections: 60 };

describe('homeiqRegressionEndpoints', () => {
  it('should time the core /health endpoints and the events API with the key, leaving out absent services', () => {
    const endpoints = homeiqRegressionEndpoints({ urls: { 'data-api': 'http://127.0.0.1:8006', 'admin-api': 'http://127.0.0.1:8004' }, apiKey: 'k-123' });
    expect(endpoints).toEqual([
      { name: 'data-api GET /api/v1/events', url: 'http://127.0.0.1:8006/api/v1/events?limit=50', headers: { Authorization: 'Bearer k-123' } },
      { name: 'data-api GET /health', url: 'http://127.0.0.1:8006/health' },
      { name: 'admin-api GET /health', url: 'http://127.0.0.1:8004/health' },
    ]);
    expect(describeProfile(QUICK)).toBe('open 80/s c60 1500ms');
  });
});

describe('measureRegression against a local server', () => {
  let server: Server;
  let url: string;
  beforeEach(async () => {
    server = createServer((_req, res) => setTimeout(() => res.end('{"status":"healthy"}'), 1));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((r) => server.close(r));
  });

  it('should measure every endpoint with the profile and stamp the profile into the fingerprint', async () => {
    const endpoints = [
      { name: 'data-api GET /health', url: `${url}/health` },
      { name: 'admin-api GET /health', url: `${url}/health` },
    ];
    const { summary, measurement } = await measureRegression({ endpoints, profile: QUICK, runner: new AutocannonRunner(), fingerprint: { gitCommit: 'abc123' } });
    expect(summary.mode).toBe('open');
    expect(measurement.fingerprint).toMatchObject({ loadProfile: 'open 80/s c60 1500ms', gitCommit: 'abc123' });
    expect(measurement.endpoints.map((e) => [e.name, e.route, e.mode, e.intendedRate])).toEqual([
      ['data-api GET /health', 'GET /health', 'open', 80],
      ['admin-api GET /health', 'GET /health', 'open', 80],
    ]);
    // Bounded: at most rate × (warm-up + duration) + connections requests per endpoint; enough samples to compare.
    for (const e of summary.endpoints) {
      expect(e.requests.sent).toBeLessThanOrEqual(Math.ceil(80 * 1.7) + 60);
      expect(e.latency.count).toBeGreaterThanOrEqual(100);
    }
    expect(createBaseline({ target: 'reference', phase: 'phase0', fingerprint: measurement.fingerprint, endpoints: measurement.endpoints }).endpoints).toHaveLength(2);
  });
});

function oneSample(): string {
  const h = new LatencyHistogram();
  h.recordMs(1);
  return h.encode();
}

describe('resolveBaselineSource', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'phasegate-baseline-source-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const fingerprint = { nodeVersion: 'v20.20.2', cpuModel: 'cpu', cpuCount: 2, host: 'h', platform: 'linux-x64', phasegateVersion: '0.1.0' };
  const endpoint = { name: 'x', route: 'GET /x', mode: 'open' as const, achievedRate: 1, requests: { measured: 1, responses: 1 }, latency: { count: 1, minMs: 1, maxMs: 1, meanMs: 1, stdDevMs: 0, p50Ms: 1, p75Ms: 1, p90Ms: 1, p95Ms: 1, p99Ms: 1, p999Ms: 1 }, histogram: oneSample(), errorRate: 0 };
  const baseline = createBaseline({ target: 'reference', phase: 'phase0', fingerprint, endpoints: [endpoint] });

  it('auto: prefers the measurement before the rebuild, else the file, else says why there is none', async () => {
    const file = join(dir, 'phase0.json');
    expect(await resolveBaselineSource({ mode: 'auto', file, displayFile: 'baselines/reference/phase0.json' })).toEqual({
      kind: 'none',
      reason: 'baselines/reference/phase0.json does not exist and this run measured nothing before a rebuild',
    });
    expect(await resolveBaselineSource({ mode: 'auto', file, preRebuild: baseline })).toMatchObject({ kind: 'pre-rebuild', origin: PRE_REBUILD_ORIGIN });
    await writeBaseline(file, baseline);
    expect(await resolveBaselineSource({ mode: 'auto', file, displayFile: 'baselines/reference/phase0.json' })).toMatchObject({ kind: 'file', origin: 'baselines/reference/phase0.json' });
    expect(await resolveBaselineSource({ mode: 'file', file, preRebuild: baseline })).toMatchObject({ kind: 'file' });
  });

  it('pre-rebuild without a rebuild is none; a corrupt file is a ConfigError naming it', async () => {
    expect(await resolveBaselineSource({ mode: 'pre-rebuild', file: join(dir, 'absent.json') })).toMatchObject({ kind: 'none', reason: expect.stringMatching(/did not rebuild/) });
    const file = join(dir, 'phase0.json');
    await writeFile(file, '{"k6":"summary"}');
    await expect(resolveBaselineSource({ mode: 'auto', file })).rejects.toBeInstanceOf(ConfigError);
    await expect(resolveBaselineSource({ mode: 'auto', file })).rejects.toThrow(`${file} is not a phasegate baseline`);
  });
});
