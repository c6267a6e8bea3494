import { describe, expect, it } from 'vitest';
import { configErrorFromIssues } from './format-config-issues.js';
import { durationMs, port, ratio, serviceName, url } from './primitives.js';
import { resolveContradictions } from './resolve-contradictions.js';
import { PhasegateConfigSchema } from './schema.js';
import type { PhasegateUserConfig } from './schema.js';

const parse = (input: PhasegateUserConfig) => PhasegateConfigSchema.parse(input);
/** The one-line-per-problem message loadConfig would throw for `input`. */
function errorFor(input: unknown): string {
  const result = PhasegateConfigSchema.safeParse(input);
  if (result.success) throw new Error('expected the config to be invalid');
  return configErrorFromIssues(result.error.issues, { file: 'phasegate.config.ts', input, schema: PhasegateConfigSchema }).message;
}

describe('primitives', () => {
  it.each([[500, 500], ['500', 500], ['500ms', 500], ['2s', 2000], ['1m30s', 90_000], ['1h', 3_600_000]] as const)('durationMs should read %j as %d ms', (input, ms) => {
    expect(durationMs.parse(input)).toBe(ms);
  });
  it.each(['soon', '5 minutes', -1, '', true])('durationMs should reject %j', (input) => {
    expect(durationMs.safeParse(input).error?.issues[0]?.message).toBe('Must be a duration like "500ms", "2s", "1m30s" or "1h" (a bare number means milliseconds)');
  });
  it('should parse ports, ratios, service names and URLs with human messages', () => {
    expect(port.parse('8006')).toBe(8006);
    expect(port.safeParse(70000).error?.issues[0]?.message).toBe('Must be a port number 1-65535');
    expect(port.safeParse(80.5).error?.issues[0]?.message).toBe('Must be a port number 1-65535');
    expect(ratio.parse('10%')).toBe(0.1);
    expect(ratio.parse(0.15)).toBe(0.15);
    expect(ratio.safeParse(1.5).error?.issues[0]?.message).toBe('Must be a ratio between 0 and 1 (0.1) or a percentage ("10%")');
    expect(serviceName.safeParse('Data API').error?.issues[0]?.message).toBe('Must be a compose service name (lowercase letters, digits, "-", "_", ".")');
    expect(url.parse('http://localhost:8086')).toBe('http://localhost:8086');
    expect(url.safeParse('localhost:8086').error?.issues[0]?.message).toBe('Must be an http(s) URL like "http://localhost:8086"');
  });
});

describe('PhasegateConfigSchema', () => {
  it('should default the security policy, the monitor windows and the TV-P4 query limits', () => {
    const config = parse({});
    expect(config.security).toEqual({ allowedPorts: {}, hostNetworkLoopback: true, allowedCapAdd: [], dockerSocketServices: ['admin-api', 'log-aggregator'], rootUser: 'fail' });
    expect(config.monitor).toEqual({ coreWatchMs: 30_000, coreWatchIntervalMs: 5_000, resourceWindowMs: 10_000 });
    expect(config.thresholds).toMatchObject({ dbQueryMaxMs: 1000, dbQueryRegressionRatio: 0.15 });
    expect(config.thresholds.dbQueryBaselineMs).toBeUndefined();
    const custom = parse({ security: { allowedPorts: { jaeger: ['4317', 4318] as unknown as number[] }, rootUser: 'report' }, monitor: { coreWatchMs: '5m' }, thresholds: { dbQueryBaselineMs: '120ms' } });
    expect(custom.security.allowedPorts).toEqual({ jaeger: [4317, 4318] });
    expect(custom.security.rootUser).toBe('report');
    expect(custom.monitor.coreWatchMs).toBe(300_000);
    expect(custom.thresholds.dbQueryBaselineMs).toBe(120);
    expect(errorFor({ security: { rootUser: 'ignore' } })).toMatch(/^phasegate\.config\.ts: security\.rootUser: Invalid option: expected one of "fail"\|"report"/);
  });

  it('should default the D2-3 data sources to the four Day 2 services (weather_data from 001, the rest assumed) and a 1 h window', () => {
    const config = parse({});
    expect(config.dataSources).toEqual({
      sources: {
        weather: { service: 'weather-api', measurement: 'weather_data' },
        sports: { service: 'sports-api', measurement: 'sports_data' },
        carbon: { service: 'carbon-intensity', measurement: 'carbon_intensity' },
        airQuality: { service: 'air-quality', measurement: 'air_quality' },
      },
      windowMs: 3_600_000,
    });
    const custom = parse({ dataSources: { sources: { weather: { service: 'weather-api', measurement: 'home_assistant_events' } }, windowMs: '30m', maxAgeMs: '10m', bucket: 'weather' } });
    expect(custom.dataSources).toEqual({ sources: { weather: { service: 'weather-api', measurement: 'home_assistant_events' } }, windowMs: 1_800_000, maxAgeMs: 600_000, bucket: 'weather' });
    expect(errorFor({ dataSources: { sources: { weather: { service: 'weather-api', measurment: 'weather_data' } } } })).toContain('dataSources.sources.weather.measurment: unknown key "measurment" (did you mean "measurement"?)');
    expect(errorFor({ dataSources: { sources: {} } })).toMatch(/^phasegate\.config\.ts: dataSources\.sources: Must name at least one data source/);
    expect(errorFor({ dataSources: { windowMs: '500ms' } })).toMatch(/^phasegate\.config\.ts: dataSources\.windowMs: Must be at least 1s/);
  });

  it('should fill every default from an empty config', () => {
    const config = parse({});
    expect(config.target).toBe('reference');
    expect(config.compose).toEqual({ files: ['docker-compose.yml'], driver: 'auto', profiles: [] });
    expect(config.thresholds).toEqual({
      apiLatencyP95Ms: 500, healthLatencyMs: 500, dashboardLoadMs: 3000, regressionRatio: 0.1, dbQueryRegressionRatio: 0.15, dbQueryMaxMs: 1000,
      emergencyRollbackRatio: 0.5, restartWindowMs: 3_600_000, websocketStableMs: 1_800_000, memoryPercentMax: 80, cpuPercentAvgMax: 70,
      memoryAlertPercent: 90, healthyDeadlineMs: 120_000, minFreeDiskGb: 50, minMemoryGb: 16, coverageMin: 0.8, pythonMinVersion: '3.10',
    });
    expect(config.services['admin-api']).toEqual({ optional: false, port: 8004, healthPath: '/health' });
    expect(config.dataApiRoutes).toEqual({ eventsPath: '/api/v1/events', devicesPath: '/api/devices' });
    expect(config.live).toEqual({ allowDestructive: false, backupDir: 'backups', backupMaxAgeMs: 86_400_000, tagPhaseComplete: false });
    expect(config.reports).toEqual({ dir: 'reports' });
    expect(config.gate).toEqual({ wallTimeMs: 3_600_000 });
    expect(config.skipRebuild).toBe(false);
    expect(config.secrets).toContain('INFLUXDB_TOKEN');
  });

  it('should switch contested thresholds and endpoints with the contradiction choices', () => {
    const config = parse({ contradictions: { 'D5.1': 'p95-100ms', 'D5.3': 'rebuild-003', 'D5.4': 'soak-24h', 'D2.1': 'legacy-8003-api-v1-health', 'D3.2': 'rebuild-003', 'D5.7': 'runbook-004', 'D8.1': 'python-3.12' } });
    expect(config.thresholds).toMatchObject({ apiLatencyP95Ms: 100, healthLatencyMs: 100, memoryPercentMax: 70, cpuPercentAvgMax: 50, restartWindowMs: 86_400_000, minFreeDiskGb: 10, pythonMinVersion: '3.12' });
    expect(config.services['admin-api']).toMatchObject({ port: 8003, healthPath: '/api/v1/health' });
    expect(config.dataApiRoutes.eventsPath).toBe('/api/events');
  });

  it('should let explicit thresholds and overrides win over the contradiction choice', () => {
    const config = parse({ contradictions: { 'D5.1': 'p95-100ms' }, thresholds: { apiLatencyP95Ms: '250ms' }, services: { 'admin-api': { port: 9004 } } });
    expect(config.thresholds.apiLatencyP95Ms).toBe(250);
    expect(config.thresholds.healthLatencyMs).toBe(100);
    expect(config.services['admin-api']).toEqual({ optional: false, port: 9004, healthPath: '/health' });
  });

  it('should accept both body rule forms', () => {
    const config = parse({ services: { 'data-api': { bodyRule: { field: 'status', equals: 'healthy' } }, 'data-retention': { bodyRule: { field: 'status', oneOf: ['healthy', 'warning'] } } } });
    expect(config.services['data-retention']?.bodyRule).toEqual({ field: 'status', oneOf: ['healthy', 'warning'] });
  });
});

describe('config error messages', () => {
  it.each<[string, unknown, string]>([
    ['unknown key with a suggestion', { thresholds: { latencyBudgts: 5 } }, 'phasegate.config.ts: thresholds.latencyBudgts: unknown key "latencyBudgts"\nhint: allowed keys here: apiLatencyP95Ms, healthLatencyMs, dashboardLoadMs, regressionRatio, dbQueryRegressionRatio, dbQueryBaselineMs, dbQueryMaxMs, emergencyRollbackRatio, restartWindowMs, websocketStableMs, memoryPercentMax, cpuPercentAvgMax, memoryAlertPercent, healthyDeadlineMs, minFreeDiskGb, minMemoryGb, coverageMin, pythonMinVersion'],
    ['typo of a key', { thresholds: { healthLatncyMs: 5 } }, 'phasegate.config.ts: thresholds.healthLatncyMs: unknown key "healthLatncyMs"\nhint: did you mean "healthLatencyMs"?'],
    ['top-level typo', { targt: 'live' }, 'phasegate.config.ts: targt: unknown key "targt"\nhint: did you mean "target"?'],
    ['bad port', { services: { 'data-api': { port: 70000 } } }, 'phasegate.config.ts: services.data-api.port: Must be a port number 1-65535 (received 70000)\nhint: see docs/config.md for every option'],
    ['bad duration', { thresholds: { dashboardLoadMs: '3 seconds' } }, 'phasegate.config.ts: thresholds.dashboardLoadMs: Must be a duration like "500ms", "2s", "1m30s" or "1h" (a bare number means milliseconds) (received "3 seconds")\nhint: see docs/config.md for every option'],
    ['bad target', { target: 'production' }, 'phasegate.config.ts: target: Invalid option: expected one of "reference"|"live" (received "production")\nhint: use one of "reference", "live"'],
    ['bad contradiction choice', { contradictions: { 'D5.1': 'p99-1s' } }, 'phasegate.config.ts: contradictions["D5.1"]: Invalid option: expected one of "p95-500ms"|"p95-100ms" (received "p99-1s")\nhint: use one of "p95-500ms", "p95-100ms"'],
    ['unknown contradiction', { contradictions: { 'D5.9': 'x' } }, 'phasegate.config.ts: contradictions["D5.9"]: unknown key "D5.9"\nhint: did you mean "D5.1"?'],
    ['bad service name', { services: { 'Data API': {} } }, 'phasegate.config.ts: services["Data API"]: invalid key "Data API": Must be a compose service name (lowercase letters, digits, "-", "_", ".")'],
    ['bad health path', { services: { 'data-api': { healthPath: 'health' } } }, 'phasegate.config.ts: services.data-api.healthPath: Must be an HTTP path starting with "/" like "/health" (received "health")'],
    ['bad body rule', { services: { 'data-api': { bodyRule: { field: 'status', is: 'ok' } } } }, 'phasegate.config.ts: services.data-api.bodyRule: Must be { field, equals } or { field, oneOf: [...] } (received {"field":"status","is":"ok"})'],
    ['empty compose files', { compose: { files: [] } }, 'phasegate.config.ts: compose.files: Must list at least one compose file (received [])'],
    ['bad driver', { compose: { driver: 'podman' } }, 'phasegate.config.ts: compose.driver: Invalid option: expected one of "auto"|"v1"|"v2" (received "podman")'],
    ['pinned without a list', { contradictions: { 'D1.1': 'pinned' } }, 'phasegate.config.ts: expectedServices: Must list the expected services when contradictions["D1.1"] is "pinned" (received nothing)'],
    ['list without pinning', { expectedServices: ['data-api'] }, 'phasegate.config.ts: expectedServices: Is only used when contradictions["D1.1"] is "pinned"; set that switch or remove expectedServices (received ["data-api"])'],
    ['wrong type', { live: { allowDestructive: 'yes' } }, 'phasegate.config.ts: live.allowDestructive: Invalid input: expected boolean, received string (received "yes")'],
    ['bad backup age', { live: { backupMaxAgeMs: 'a day' } }, 'phasegate.config.ts: live.backupMaxAgeMs: Must be a duration like "500ms", "2s", "1m30s" or "1h" (a bare number means milliseconds) (received "a day")'],
    ['bad HA url', { live: { haUrl: 'ha.local:8123' } }, 'phasegate.config.ts: live.haUrl: Must be an http(s) URL like "http://localhost:8086" (received "ha.local:8123")'],
    ['bad ratio', { thresholds: { regressionRatio: '110%' } }, 'phasegate.config.ts: thresholds.regressionRatio: Must be a ratio between 0 and 1 (0.1) or a percentage ("10%") (received "110%")'],
    ['bad secret name', { secrets: ['influx token'] }, 'phasegate.config.ts: secrets[0]: Must be an environment variable name like "INFLUXDB_TOKEN" (received "influx token")'],
  ])('should explain %s in one line', (_name, input, expected) => {
    expect(errorFor(input).startsWith(expected)).toBe(true);
  });

  it('should list several problems in one error', () => {
    const result = PhasegateConfigSchema.safeParse({ target: 'x', services: { 'data-api': { port: 0 } } });
    const error = configErrorFromIssues(result.error?.issues ?? [], { file: 'phasegate.config.ts', input: { target: 'x', services: { 'data-api': { port: 0 } } }, schema: PhasegateConfigSchema });
    expect(error.message).toBe([
      'phasegate.config.ts: 2 config problems',
      '  - target: Invalid option: expected one of "reference"|"live" (received "x") (use one of "reference", "live")',
      '  - services.data-api.port: Must be a port number 1-65535 (received 0)',
      'hint: use one of "reference", "live"',
    ].join('\n'));
    expect(error.shortMessage).toBe('phasegate.config.ts: target: Invalid option: expected one of "reference"|"live" (received "x") (+1 more)');
    expect(error.path).toBe('target');
  });
});

describe('resolveContradictions', () => {
  it('should cover the top 10 of criteria.md §D0 and report the choice, alternatives and sources', () => {
    const resolved = resolveContradictions(parse({ contradictions: { 'D5.1': 'p95-100ms' } }));
    expect(resolved.filter((c) => c.top10).map((c) => c.id)).toEqual(['D1.1', 'D5.1', 'D2.1', 'D7.1', 'D2.2', 'D5.3', 'D5.4', 'D4.2', 'D3.2', 'D3.3', 'D6.1']);
    const latency = resolved.find((c) => c.id === 'D5.1');
    expect(latency).toMatchObject({
      question: 'What is the absolute API / health latency budget?',
      choice: 'p95-100ms',
      meaning: 'p(95) < 100 ms for API and health endpoints (003)',
      alternatives: [{ choice: 'p95-500ms', meaning: 'p(95) < 500 ms for API and health endpoints (002/004)' }],
      isDefault: false,
    });
    expect(latency?.sources.length).toBeGreaterThan(1);
    expect(resolved.filter((c) => c.id !== 'D5.1').every((c) => c.isDefault)).toBe(true);
  });
});

describe('audit.repoRoot and the version contradictions', () => {
  it('should default the audit root per target and take D8.3 / D8.9 choices', () => {
    expect(parse({}).audit.repoRoot).toBe('fixtures/homeiq-tree/after-phase1');
    expect(parse({ target: 'live', compose: { files: ['/srv/homeiq/docker-compose.yml'] } }).audit.repoRoot).toBe('/srv/homeiq');
    expect(parse({ target: 'live', audit: { repoRoot: '../HomeIQ' } }).audit.repoRoot).toBe('../HomeIQ');
    expect(parse({}).contradictions).toMatchObject({ 'D8.3': 'plan-001-range', 'D8.9': 'plan-002' });
    expect(parse({ contradictions: { 'D8.3': 'floor-002', 'D8.9': 'sqlite-removed' } }).contradictions).toMatchObject({ 'D8.3': 'floor-002', 'D8.9': 'sqlite-removed' });
  });
});
