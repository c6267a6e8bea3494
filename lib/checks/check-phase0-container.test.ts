import { describe, expect, it } from 'vitest';
import { checkContainerWatch, checkEnvVars, checkLogRotation, checkRecovery, parseDockerSize, rollUp, watchContainer, type WatchSample } from './check-phase0-container.js';
import type { CheckResult } from './check-result.js';
import type { ContainerSnapshot } from './container-state-source.js';
import { clearRegisteredSecrets, registerSecret } from '../common/secrets.js';

const T0 = Date.parse('2026-12-02T12:00:00Z');
const ws = (over: Partial<ContainerSnapshot> = {}): ContainerSnapshot => ({ service: 'websocket-ingestion', name: 'homeiq-websocket', state: 'running', health: 'healthy', restartCount: 0, startedAt: '2026-12-02T11:00:00.000Z', id: 'abc', ...over });
const samples = (n: number, everyMs: number, at: (i: number) => Partial<ContainerSnapshot> = () => ({})): WatchSample[] => Array.from({ length: n }, (_, i) => ({ atMs: T0 + i * everyMs, state: ws(at(i)) }));

describe('checkEnvVars (P0-S2-AC2c)', () => {
  const good = ['HOME_ASSISTANT_URL=http://127.0.0.1:8123', 'HOME_ASSISTANT_TOKEN=tok-very-secret-1', 'INFLUXDB_URL=http://127.0.0.1:8086', 'INFLUXDB_TOKEN=influx-secret-xyz', 'INFLUXDB_ORG=homeiq', 'INFLUXDB_BUCKET=home_assistant_events', 'PATH=/bin'];

  it('passes when every HA/Influx variable is set, naming variables and never values', () => {
    const r = checkEnvVars(good, { service: 'websocket-ingestion' });
    expect(r.status).toBe('passed');
    expect(r.criterionId).toBe('P0-S2-AC2c');
    expect(r.message).toContain('HOME_ASSISTANT_TOKEN');
    expect(r.message).not.toContain('tok-very-secret-1');
    expect(JSON.stringify(r)).not.toContain('influx-secret-xyz');
  });

  it('accepts HomeIQ\'s alternative names (HA_HTTP_URL, HA_TOKEN) given as a record', () => {
    const r = checkEnvVars({ HA_HTTP_URL: 'http://ha:8123', HA_TOKEN: 'x', INFLUXDB_URL: 'u', INFLUXDB_TOKEN: 't', INFLUXDB_ORG: 'o', INFLUXDB_BUCKET: 'b' }, { service: 'websocket-ingestion' });
    expect(r.status).toBe('passed');
  });

  it('fails on a missing token and on an empty INFLUX* variable, without printing the other values', () => {
    registerSecret('influx-secret-xyz');
    const env = good.filter((e) => !e.startsWith('HOME_ASSISTANT_TOKEN')).concat('INFLUXDB_TIMEOUT=');
    const r = checkEnvVars(env, { service: 'websocket-ingestion' });
    clearRegisteredSecrets();
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/missing or empty: Home Assistant token \(HA_TOKEN or HOME_ASSISTANT_TOKEN\); set but empty: INFLUXDB_TIMEOUT\. hint: set them in \.env/);
    expect(r.message).not.toContain('influx-secret-xyz');
  });

  it('fails on a whitespace-only value', () => {
    const r = checkEnvVars(good.map((e) => (e.startsWith('INFLUXDB_ORG') ? 'INFLUXDB_ORG=  ' : e)), { service: 'websocket-ingestion' });
    expect(r.status).toBe('failed');
    expect(r.message).toContain('InfluxDB org (INFLUXDB_ORG)');
  });
});

describe('checkLogRotation (P0-S5-AC2c)', () => {
  const entry = (Type: string, Config: Record<string, string>, service = 'data-api') => ({ service, name: `homeiq-${service}`, logConfig: { Type, Config } });

  it('parses Docker sizes', () => {
    expect(parseDockerSize('10m')).toBe(10 * 1024 * 1024);
    expect(parseDockerSize('500k')).toBe(500 * 1024);
    expect(parseDockerSize('1g')).toBe(1024 ** 3);
    expect(parseDockerSize('2048')).toBe(2048);
    expect(parseDockerSize('ten')).toBeUndefined();
    expect(parseDockerSize(undefined)).toBeUndefined();
  });

  it('passes json-file 10m × 3, and journald', () => {
    const r = checkLogRotation([entry('json-file', { 'max-size': '10m', 'max-file': '3' }), entry('journald', {}, 'influxdb')]);
    expect(r.status).toBe('passed');
    expect(r.message).toContain('2 container(s) rotate their logs');
  });

  it('fails json-file without max-size (Docker\'s default grows without bound)', () => {
    const r = checkLogRotation([entry('json-file', {}), entry('json-file', { 'max-size': '10m', 'max-file': '3' }, 'admin-api')]);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^1 of 2 container\(s\) without the plan's log rotation: data-api \(homeiq-data-api\): json-file without max-size .*hint: add logging:/);
  });

  it('fails a max-size above 10m and a max-file above 3', () => {
    expect(checkLogRotation([entry('json-file', { 'max-size': '50m', 'max-file': '3' })]).message).toContain('max-size 50m > 10m');
    expect(checkLogRotation([entry('json-file', { 'max-size': '10m', 'max-file': '10' })]).message).toContain('max-file 10 > 3');
    expect(checkLogRotation([entry('local', {})]).status).toBe('failed');
  });

  it('is an error with no container', () => {
    expect(checkLogRotation([]).status).toBe('error');
  });
});

describe('checkContainerWatch (P0-S2-AC3d, P0-001-T2)', () => {
  const check = { criterionId: 'P0-001-T2', service: 'websocket-ingestion', requiredWindowMs: 300_000, maxGapMs: 10_000 };

  it('passes 31 healthy samples 10 s apart covering 5 min', () => {
    const r = checkContainerWatch(samples(31, 10_000), check);
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/healthy with RestartCount 0 unchanged in all 31 sample\(s\) over 5\.0 min/);
  });

  it('is skipped (never passed) when the samples cover less than the window', () => {
    const r = checkContainerWatch(samples(7, 10_000), { ...check, criterionId: 'P0-S2-AC3d', requiredWindowMs: 1_800_000, maxGapMs: 60_000 });
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/^not yet provable: .*the criterion asks 30\.0 min/);
  });

  it('fails on a restart, naming the RestartCount change', () => {
    const r = checkContainerWatch(samples(31, 10_000, (i) => (i >= 12 ? { restartCount: 1, startedAt: '2026-12-02T12:02:00.000Z' } : {})), check);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/\+120 s: homeiq-websocket restarted \(RestartCount 0→1/);
  });

  it('fails an unhealthy sample at once, before the window is over', () => {
    const r = checkContainerWatch(samples(3, 10_000, (i) => (i === 2 ? { health: 'unhealthy', lastHealthOutput: 'exit 1: wget: server returned error: HTTP/1.1 503' } : {})), check);
    expect(r.status).toBe('failed');
    expect(r.message).toContain('+20 s: homeiq-websocket running/unhealthy (exit 1: wget');
  });

  it('fails a missing container and a poll gap', () => {
    expect(checkContainerWatch([{ atMs: T0, state: ws() }, { atMs: T0 + 10_000, error: 'no such container' }], check).message).toContain('+10 s: no such container');
    const gap = checkContainerWatch([...samples(2, 10_000), { atMs: T0 + 300_000, state: ws() }], check);
    expect(gap.status).toBe('failed');
    expect(gap.message).toContain('missed its poll interval');
  });

  it('is an error without samples', () => {
    expect(checkContainerWatch([], check).status).toBe('error');
  });
});

describe('checkRecovery (P0-S2-T3)', () => {
  it('passes healthy within 30 s of docker restart', () => {
    const r = checkRecovery({ service: 'websocket-ingestion', after: ws(), elapsedMs: 6_400 });
    expect(r.status).toBe('passed');
    expect(r.message).toContain('healthy 6.4 s after docker restart (limit 30 s');
  });

  it('fails a container still starting or unhealthy after the limit, with the rebuild hint', () => {
    const r = checkRecovery({ service: 'websocket-ingestion', after: ws({ health: 'starting' }), waitError: 'timed out', elapsedMs: 30_500 });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/websocket-ingestion was running\/starting 30\.5 s after docker restart; expected healthy within 30 s .*hint: 000 Task 2\.3 continues with docker compose build --no-cache websocket-ingestion/);
  });

  it('fails healthy but too late, and a failed restart', () => {
    expect(checkRecovery({ service: 's', after: ws(), elapsedMs: 45_000 }).status).toBe('failed');
    const r = checkRecovery({ service: 's', restartError: 'No such container: homeiq-websocket', elapsedMs: 0 });
    expect(r.status).toBe('failed');
    expect(r.message).toContain('docker restart of s failed: No such container');
  });
});

describe('rollUp (P0-SC2, P0-SC4)', () => {
  const part = (criterionId: string, status: CheckResult['status']): CheckResult => ({ criterionId, title: criterionId, status, message: `${criterionId} ${status}` });

  it('passes only when every part passed', () => {
    expect(rollUp('P0-SC4', 'infrastructure', [part('P0-S4-AC1a', 'passed'), part('P0-S4-AC1d', 'passed')]).status).toBe('passed');
  });

  it('fails when any part failed or errored, naming it', () => {
    const r = rollUp('P0-SC4', 'infrastructure', [part('P0-S4-AC1a', 'passed'), part('P0-S4-AC1b', 'failed'), part('P0-S4-AC1c', 'error')]);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^2 of 3 part\(s\) of infrastructure failed: \[P0-S4-AC1b\] P0-S4-AC1b failed; \[P0-S4-AC1c\]/);
  });

  it('is skipped when a part could not be decided, and an error when empty', () => {
    expect(rollUp('P0-SC2', 'w', [part('a', 'passed'), part('b', 'skipped')]).status).toBe('skipped');
    expect(rollUp('P0-SC2', 'w', []).status).toBe('error');
  });
});

describe('watchContainer', () => {
  const fakeClock = () => {
    let now = T0;
    return { now: () => now, monotonicMs: () => now, sleep: async (ms: number) => void (now += ms) };
  };

  it('samples every interval until the duration is covered, then checkContainerWatch passes', async () => {
    const clock = fakeClock();
    const got = await watchContainer(async () => ws(), { durationMs: 60_000, intervalMs: 10_000, clock });
    expect(got.map((s) => s.atMs - T0)).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    expect(checkContainerWatch(got, { criterionId: 'P0-001-T2', service: 'websocket-ingestion', requiredWindowMs: 60_000, maxGapMs: 10_000 }).status).toBe('passed');
  });

  it('stops at the first restart and records a failing read as an error sample', async () => {
    const clock = fakeClock();
    let n = 0;
    const restarted = await watchContainer(async () => ws(n++ >= 2 ? { restartCount: 1, startedAt: 'later' } : {}), { durationMs: 300_000, intervalMs: 10_000, clock });
    expect(restarted).toHaveLength(3);
    const failing = await watchContainer(async () => Promise.reject(new Error('no such container: homeiq-websocket\nmore')), { durationMs: 300_000, intervalMs: 10_000, clock: fakeClock() });
    expect(failing).toEqual([{ atMs: T0, error: 'no such container: homeiq-websocket' }]);
  });
});
