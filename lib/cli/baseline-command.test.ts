import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../common/errors.js';
import { maskSecrets } from '../common/secrets.js';
import type { RegressionProfile } from '../baselines/regression-profile.js';
import type { EndpointLoadSummary, LoadPlanInput, LoadRunner, LoadSummary } from '../load/index.js';
import { lognormalHistogram } from '../baselines/synthetic-endpoint.test-helper.js';
import { baselineCommand, type BaselineCommandDeps } from './baseline-command.js';

/** A LoadRunner answering each plan with 2 000 lognormal latencies around `medianMs` per endpoint, seeded per endpoint. */
class ScriptedRunner implements LoadRunner {
  medianMs = 5;
  private seed = 1;
  async run(plan: LoadPlanInput): Promise<LoadSummary> {
    const endpoints = plan.endpoints.map((e): EndpointLoadSummary => {
      const h = lognormalHistogram(2_000, this.medianMs, this.seed++, 0.3);
      const path = new URL(e.url).pathname;
      return {
        name: e.name, method: 'GET', url: e.url, route: `GET ${path}`, mode: 'open', connections: 10, intendedRate: plan.ratePerSec!, achievedRate: plan.ratePerSec!,
        warmupMs: 0, measuredMs: 4_000, requests: { sent: 2_000, measured: 2_000, responses: 2_000 }, latency: h.stats(), histogram: h.encode(),
        statusCodes: { 200: 2_000 }, errors: {}, errorRate: 0, passed: true, failures: [],
      };
    });
    return { mode: 'open', startedAt: new Date().toISOString(), durationMs: 1, endpoints, passed: true };
  }
}

const QUICK: RegressionProfile = { mode: 'open', ratePerSec: 80, durationMs: 1_500, warmupMs: 200, connections: 60 };

describe('phasegate baseline', () => {
  let dir: string;
  let server: Server;
  let url: string;
  let authSeen: string | undefined;
  let out: string[];
  let err: string[];
  let deps: BaselineCommandDeps;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'phasegate-baseline-cli-'));
    server = createServer((req, res) => {
      if (req.url?.startsWith('/api/v1/events')) authSeen = req.headers.authorization;
      setTimeout(() => res.end('{"status":"healthy"}'), 1);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    out = [];
    err = [];
    deps = { out: (t) => out.push(t), err: (t) => err.push(t), rootDir: dir, profile: QUICK, target: async () => ({ urls: { 'data-api': url }, apiKey: 'cli-test-key' }) };
  });
  afterEach(async () => {
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  it('capture writes baselines/reference/<phase>.json, refuses to overwrite it, and show prints it', async () => {
    expect(await baselineCommand(['capture', 'phase0'], deps)).toBe(0);
    const file = join(dir, 'baselines', 'reference', 'phase0.json');
    const stored = JSON.parse(await readFile(file, 'utf8')) as { endpoints: Array<{ name: string; latency: { count: number } }>; fingerprint: { loadProfile: string } };
    expect(stored.endpoints.map((e) => e.name)).toEqual(['data-api GET /api/v1/events', 'data-api GET /health']);
    expect(stored.endpoints.every((e) => e.latency.count >= 100)).toBe(true);
    expect(stored.fingerprint.loadProfile).toBe('open 80/s c60 1500ms');
    expect(authSeen).toBe('Bearer cli-test-key');
    expect(out.join('\n')).toMatch(/^endpoint +samples +p50 ms +p95 ms +p99 ms +errors\ndata-api GET \/api\/v1\/events +\d+ /);

    expect(await baselineCommand(['capture', 'phase0'], deps)).toBe(2);
    expect(err.at(-1)).toMatch(/phase0\.json exists \(captured .*\); pass --force to replace it$/);

    out = [];
    expect(await baselineCommand(['show', 'phase0'], deps)).toBe(0);
    expect(out.join('\n')).toMatch(/captured \d{4}-\d\d-\d\dT.* on .*; load open 80\/s c60 1500ms$/);
  });

  it('compare exits 1 on a regression and 0 without one (scripted runner: deterministic latencies)', async () => {
    const runner = new ScriptedRunner();
    const scripted = { ...deps, runner };
    runner.medianMs = 5;
    expect(await baselineCommand(['capture', 'phase0'], scripted)).toBe(0);
    runner.medianMs = 5;
    out = [];
    expect(await baselineCommand(['compare', 'phase0'], scripted)).toBe(0);
    expect(out.at(-1)).toMatch(/\n(unchanged|improved) against .*phase0\.json \(/);
    runner.medianMs = 9;
    out = [];
    expect(await baselineCommand(['compare', 'phase0'], scripted)).toBe(1);
    expect(out.join('\n')).toMatch(/^regressed +data-api GET \/api\/v1\/events.*: p\(95\) \d+\.\d\dms → \d+\.\d\dms, ratio 1\.\d{3}/m);
    expect(out.at(-1)).toMatch(/\nregressed against .*phase0\.json \(/);
  });

  it('show/compare without a baseline, or a bad tolerance, are config errors naming the file and the hint', async () => {
    await expect(baselineCommand(['show', 'phase0'], deps)).rejects.toThrow(ConfigError);
    await expect(baselineCommand(['show', 'phase0'], deps)).rejects.toThrow(/cannot read baseline .*phase0\.json/);
    await expect(baselineCommand(['compare', 'phase0', '--tolerance', '10%'], deps)).rejects.toThrow('--tolerance 10%: must be a fraction between 0 and 1');
    expect(await baselineCommand(['capture'], deps)).toBe(2);
    expect(err.at(-1)).toMatch(/^phasegate baseline: missing <phase>/);
    expect(maskSecrets(out.join('\n') + err.join('\n'))).not.toContain('cli-test-key');
  });
});
