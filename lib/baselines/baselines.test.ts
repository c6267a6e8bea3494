import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../common/errors.js';
import { LatencyHistogram } from '../stats/latency-histogram.js';
import { baselinePath, readBaseline, writeBaseline } from './baseline-file.js';
import type { EndpointBaseline, EnvironmentFingerprint } from './baseline-schema.js';
import { compareToBaseline } from './compare-to-baseline.js';
import { syntheticEndpoint } from './synthetic-endpoint.test-helper.js';
import { createBaseline } from './create-baseline.js';
import { collectFingerprint, diffFingerprints } from './environment-fingerprint.js';

const fingerprint: EnvironmentFingerprint = {
  nodeVersion: 'v20.20.2',
  cpuModel: 'Test CPU @ 2.0GHz',
  cpuCount: 2,
  host: 'ci-1',
  platform: 'linux-x64',
  phasegateVersion: '0.1.0',
};

/** An endpoint whose latencies are lognormal with the given median, deterministic from the seed. */
function endpoint(route: string, n: number, medianMs: number, seed: number): EndpointBaseline {
  return { ...syntheticEndpoint({ name: route.split(' ')[1]!, route, n, medianMs, seed }), achievedRate: 199.5 };
}

function baselineOf(...endpoints: EndpointBaseline[]) {
  return createBaseline({ target: 'reference', phase: 'phase1', fingerprint, endpoints, createdAt: new Date('2026-01-02T03:04:05Z') });
}

describe('baseline files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'phasegate-baselines-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should write and read back a baseline under baselines/<target>/<phase>.json', async () => {
    const file = baselinePath(dir, 'reference', 'phase1');
    expect(file).toBe(join(dir, 'baselines', 'reference', 'phase1.json'));
    const baseline = baselineOf(endpoint('GET /api/devices', 500, 20, 1));
    await writeBaseline(file, baseline);
    expect(await readBaseline(file)).toEqual(baseline);
    expect(JSON.parse(await readFile(file, 'utf8')).schemaVersion).toBe(1);
  });

  it('should refuse target names that escape the folder', () => {
    expect(() => baselinePath(dir, '../etc', 'phase1')).toThrowError('baseline target "../etc" is not a plain name');
  });

  it('should name the file when the JSON is corrupt', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, '{"schemaVersion": 1,');
    let parseMessage = '';
    try {
      JSON.parse('{"schemaVersion": 1,');
    } catch (error) {
      parseMessage = (error as Error).message;
    }
    await expect(readBaseline(file)).rejects.toThrowError(new ConfigError(`baseline ${file} is not valid JSON: ${parseMessage}`, { hint: 'delete it and capture a new baseline', file }));
  });

  it('should say a foreign file is not a phasegate baseline', async () => {
    const file = join(dir, 'k6-summary.json');
    await writeFile(file, JSON.stringify({ metrics: {} }));
    const read = readBaseline(file);
    await expect(read).rejects.toThrowError(`${file} is not a phasegate baseline: schemaVersion must be 1 (received nothing)`);
    await read.catch((e: ConfigError) => {
      expect(e.file).toBe(file);
      expect(e.path).toBe('schemaVersion');
    });
  });

  it('should name the bad field', async () => {
    const file = join(dir, 'edited.json');
    const baseline = baselineOf(endpoint('GET /api/devices', 200, 20, 1)) as unknown as { endpoints: Array<{ latency: Record<string, unknown> }> };
    baseline.endpoints[0]!.latency.p95Ms = 'fast';
    await writeFile(file, JSON.stringify(baseline));
    await expect(readBaseline(file)).rejects.toThrowError(`baseline ${file}: endpoints[0].latency.p95Ms: Invalid input: expected number, received string`);
  });

  it('should reject a histogram that does not decode', async () => {
    const file = join(dir, 'truncated.json');
    const baseline = baselineOf(endpoint('GET /api/devices', 200, 20, 1));
    await writeFile(file, JSON.stringify({ ...baseline, endpoints: [{ ...baseline.endpoints[0], histogram: 'AAAA' }] }));
    await expect(readBaseline(file)).rejects.toThrowError(new RegExp(`^baseline ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: endpoints\\[0\\]\\.histogram cannot be decoded \\(`));
  });
});

describe('compareToBaseline', () => {
  const base = baselineOf(endpoint('GET /api/devices', 5000, 20, 1));

  it('should call an unchanged endpoint unchanged (A/A)', () => {
    const result = compareToBaseline({ fingerprint, endpoints: [endpoint('GET /api/devices', 5000, 20, 2)] }, base);
    expect(result.verdict).toBe('unchanged');
    expect(result.endpoints[0]!.ratio!.lower).toBeLessThan(1);
    expect(result.warnings).toEqual([]);
  });

  it('should call +30% on p(95) regressed, with the ratio and interval in the message', () => {
    const slower = endpoint('GET /api/devices', 5000, 26, 3);
    const result = compareToBaseline({ fingerprint, endpoints: [slower] }, base);
    const e = result.endpoints[0]!;
    const p95 = (x: EndpointBaseline) => LatencyHistogram.decode(x.histogram).percentileMs(95).toFixed(2);
    expect(result.verdict).toBe('regressed');
    expect(e.ratio!.lower).toBeGreaterThan(1.1);
    expect(e.message).toBe(
      `GET /api/devices: p(95) ${p95(base.endpoints[0]!)}ms → ${p95(slower)}ms, ` +
        `ratio ${e.ratio!.estimate.toFixed(3)} (95% CI ${e.ratio!.lower.toFixed(3)}–${e.ratio!.upper.toFixed(3)}), tolerance 10%: regressed (estimate above 1.10 and lower bound above 1)`,
    );
    expect(compareToBaseline({ fingerprint, endpoints: [slower] }, base, { rule: 'ci-above-tolerance' }).endpoints[0]!.message).toMatch(/: regressed \(lower bound above 1\.10\)$/);
    expect(e.ks!.pValue).toBeLessThan(0.001);
  });

  it('should call a +12% change on few samples inconclusive: the estimate is above 1.10 but the interval includes 1', () => {
    const small = baselineOf(endpoint('GET /api/devices', 300, 20, 1));
    const result = compareToBaseline({ fingerprint, endpoints: [endpoint('GET /api/devices', 300, 22.4, 13)] }, small);
    const e = result.endpoints[0]!;
    expect(result.verdict).toBe('inconclusive');
    expect(e.ratio!.estimate).toBeGreaterThan(1.1);
    expect(e.ratio!.lower).toBeLessThanOrEqual(1);
    expect(e.message).toMatch(/: inconclusive \(estimate above 1\.10 but the interval includes 1; measure longer or repeat\)$/);
  });

  it('should call +12% regressed by default (issue 7: estimate above the tolerance AND lower bound above 1), inconclusive under the strict rule', () => {
    const big = baselineOf(endpoint('GET /api/devices', 20_000, 20, 1));
    const cur = { fingerprint, endpoints: [endpoint('GET /api/devices', 20_000, 22.4, 8)] };
    const byDefault = compareToBaseline(cur, big);
    const strict = compareToBaseline(cur, big, { rule: 'ci-above-tolerance' });
    expect(byDefault.verdict).toBe('regressed');
    expect(byDefault.endpoints[0]!.message).toMatch(/: regressed \(estimate above 1\.10 and lower bound above 1\)$/);
    expect(strict.verdict).toBe('inconclusive');
    expect(strict.endpoints[0]!.message).toMatch(/: inconclusive \(interval straddles 1\.10; measure longer or repeat\)$/);
  });

  it('should put +8% with a wide interval in the marginal band (inconclusive), and +8% with a narrow one below the tolerance (unchanged)', () => {
    const small = baselineOf(endpoint('GET /api/devices', 300, 20, 1));
    const marginal = compareToBaseline({ fingerprint, endpoints: [endpoint('GET /api/devices', 300, 21.6, 14)] }, small).endpoints[0]!;
    expect(marginal.ratio!.estimate).toBeLessThanOrEqual(1.1);
    expect(marginal.ratio!.upper).toBeGreaterThan(1.1);
    expect(marginal.message).toMatch(/: inconclusive \(interval straddles 1\.10; measure longer or repeat\)$/);
    const big = baselineOf(endpoint('GET /api/devices', 50_000, 20, 1));
    const within = compareToBaseline({ fingerprint, endpoints: [endpoint('GET /api/devices', 50_000, 21.6, 10)] }, big).endpoints[0]!;
    expect(within.ratio!.lower).toBeGreaterThan(1);
    expect(within.verdict).toBe('unchanged');
  });

  it('should call −40% improved', () => {
    const result = compareToBaseline({ fingerprint, endpoints: [endpoint('GET /api/devices', 5000, 12, 5)] }, base);
    expect(result.verdict).toBe('improved');
  });

  it('should refuse to judge below the minimum sample count', () => {
    const result = compareToBaseline({ fingerprint, endpoints: [endpoint('GET /api/devices', 40, 20, 6)] }, base);
    expect(result.endpoints[0]!.message).toBe('GET /api/devices: too few samples to compare p(95) (baseline 5000, current 40; need ≥ 100)');
    expect(result.verdict).toBe('inconclusive');
  });

  it('should warn about fingerprint mismatches and endpoints on one side only', () => {
    const other = { ...fingerprint, cpuCount: 8, nodeVersion: 'v22.1.0', host: 'laptop' };
    const result = compareToBaseline({ fingerprint: other, endpoints: [endpoint('GET /api/other', 500, 20, 7)] }, base);
    expect(result.fingerprintDifferences).toEqual([
      { field: 'cpuCount', baseline: '2', current: '8' },
      { field: 'nodeMajor', baseline: '20', current: '22' },
    ]);
    expect(result.warnings).toEqual([
      'environment differs from the baseline (cpuCount 2 → 8, nodeMajor 20 → 22); latency measured on different hardware or runtime is not comparable, recapture the baseline on this machine',
      'GET /api/other: measured but not in the baseline; not compared',
    ]);
    expect(result.endpoints[0]!.message).toBe('GET /api/devices: in the baseline but not measured in this run');
  });
});

describe('collectFingerprint', () => {
  it('should read the machine through its source and keep caller extras', () => {
    const fp = collectFingerprint(
      { gitCommit: 'abc123', phasegateVersion: '9.9.9', imageIds: { 'data-api': 'sha256:1' } },
      { cpus: () => [{ model: ' Xeon ' }, { model: ' Xeon ' }], hostname: () => 'h', platform: () => 'linux', arch: () => 'x64', nodeVersion: () => 'v20.20.2' },
    );
    expect(fp).toEqual({ nodeVersion: 'v20.20.2', cpuModel: 'Xeon', cpuCount: 2, host: 'h', platform: 'linux-x64', phasegateVersion: '9.9.9', gitCommit: 'abc123', imageIds: { 'data-api': 'sha256:1' } });
    expect(collectFingerprint().phasegateVersion).toBe('0.1.0');
    expect(diffFingerprints(fp, { ...fp, host: 'other', imageIds: { 'data-api': 'sha256:2' } })).toEqual([]);
  });
});
