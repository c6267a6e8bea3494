import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { clearRegisteredSecrets, ConfigError, maskSecrets } from '../common/index.js';
import { loadInventory } from '../inventory/index.js';
import { loadConfig } from './load-config.js';
import { resolveExpectedServices } from './resolve-expected-services.js';

const ROOT = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'phasegate-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => clearRegisteredSecrets());
let count = 0;
function dir(files: Record<string, string>): string {
  const path = join(scratch, `c${count++}`);
  mkdirSync(path, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}
async function failure(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('should load the repo default config for the reference target', async () => {
    const loaded = await loadConfig({ cwd: ROOT, env: {} });
    expect(loaded.file).toBe('phasegate.config.ts');
    expect(loaded.config.target).toBe('reference');
    expect(loaded.config.compose).toEqual({ files: ['fixtures/reference/docker-compose.yml'], envFile: 'fixtures/reference/.env', projectName: 'phasegate-ref', driver: 'auto', profiles: [] });
    expect(loaded.config.thresholds.healthyDeadlineMs).toBe(120_000);
    expect(loaded.contradictions).toHaveLength(21);
    expect(loaded.config.audit.repoRoot).toBe('fixtures/homeiq-tree/after-phase1');
    const inventory = loadInventory({ files: loaded.config.compose.files, cwd: ROOT, env: {}, envFile: null, projectName: loaded.config.compose.projectName });
    const expected = resolveExpectedServices(loaded.config, inventory);
    expect(expected.source).toBe('compose-profiles');
    expect(expected.names).toHaveLength(inventory.services.length);
  });

  it('should read JSON and YAML configs and find them in order', async () => {
    const json = await loadConfig({ cwd: dir({ 'phasegate.config.json': '{"target":"live","live":{"backupDir":"/srv/backups"}}' }), env: {} });
    expect(json.config.target).toBe('live');
    expect(json.config.live.backupDir).toBe('/srv/backups');
    const yaml = await loadConfig({ cwd: dir({ 'phasegate.config.yaml': 'thresholds:\n  apiLatencyP95Ms: 250ms\n' }), env: {} });
    expect(yaml.config.thresholds.apiLatencyP95Ms).toBe(250);
    const mjs = await loadConfig({ cwd: dir({ 'phasegate.config.mjs': 'export default { compose: { profiles: ["production"] } };' }), env: {} });
    expect(mjs.config.compose.profiles).toEqual(['production']);
  });

  it('should apply PHASEGATE_* env overrides through the schema', async () => {
    const cwd = dir({ 'phasegate.config.json': '{"target":"reference"}' });
    const loaded = await loadConfig({ cwd, env: { PHASEGATE_TARGET: 'live', PHASEGATE_SKIP_REBUILD: 'yes', PHASEGATE_PROFILES: 'production, test' } });
    expect(loaded.config.target).toBe('live');
    expect(loaded.config.skipRebuild).toBe(true);
    expect(loaded.config.compose.profiles).toEqual(['production', 'test']);
    expect((await loadConfig({ cwd, env: { PHASEGATE_SKIP_REBUILD: 'off' } })).config.skipRebuild).toBe(false);
    expect(loaded.config.audit.repoRoot).toBe('.');
    expect((await loadConfig({ cwd, env: { PHASEGATE_REPO_ROOT: 'fixtures/homeiq-tree/before-phase1' } })).config.audit.repoRoot).toBe('fixtures/homeiq-tree/before-phase1');
  });

  it('should take the gate wall-time limit from gate.wallTimeMs, overridden by PHASEGATE_WALL_TIME_S (seconds)', async () => {
    const cwd = dir({ 'phasegate.config.json': '{"gate":{"wallTimeMs":"2h"}}' });
    expect((await loadConfig({ cwd, env: {} })).config.gate.wallTimeMs).toBe(7_200_000);
    expect((await loadConfig({ cwd, env: { PHASEGATE_WALL_TIME_S: '90' } })).config.gate.wallTimeMs).toBe(90_000);
    expect((await loadConfig({ cwd, env: { PHASEGATE_WALL_TIME_S: '' } })).config.gate.wallTimeMs).toBe(7_200_000);
    expect((await loadConfig({ cwd: dir({ 'phasegate.config.json': '{}' }), env: {} })).config.gate.wallTimeMs).toBe(3_600_000);
  });

  it('should register secret values from the env and the env file for masking', async () => {
    const cwd = dir({ 'phasegate.config.json': '{"compose":{"envFile":".env"},"secrets":["INFLUXDB_TOKEN","CUSTOM_SECRET_NAME"]}', '.env': 'INFLUXDB_TOKEN=file-token-123456\n' });
    await loadConfig({ cwd, env: { CUSTOM_SECRET_NAME: 'shell-value-987654' } });
    expect(maskSecrets('a file-token-123456 b shell-value-987654')).toBe('a *** b ***');
  });

  it.each<[string, Record<string, string>, Record<string, string>, string]>([
    ['no config file', {}, {}, 'no phasegate config in <dir> (looked for phasegate.config.ts, phasegate.config.js, phasegate.config.mjs, phasegate.config.json, phasegate.config.yaml, phasegate.config.yml)\nhint: create phasegate.config.ts with `export default defineConfig({ ... })`, or pass --config'],
    ['invalid JSON', { 'phasegate.config.json': '{"target": }' }, {}, 'phasegate.config.json: invalid JSON: '],
    ['YAML syntax error', { 'phasegate.config.yaml': 'target: reference\ncompose:\n  files: [a.yml\n' }, {}, 'phasegate.config.yaml:4: YAML syntax error: '],
    ['a list', { 'phasegate.config.yaml': '- a\n' }, {}, 'phasegate.config.yaml: the config must be an object (received a list)'],
    ['no default export', { 'phasegate.config.mjs': 'export const config = {};' }, {}, 'phasegate.config.mjs: has no default export\nhint: write `export default defineConfig({ ... })`'],
    ['a module that throws', { 'phasegate.config.mjs': 'throw new Error("boom");' }, {}, 'phasegate.config.mjs: cannot load config: boom'],
    ['a bad env override', { 'phasegate.config.json': '{}' }, { PHASEGATE_SKIP_REBUILD: 'maybe' }, 'environment: PHASEGATE_SKIP_REBUILD: Invalid option: expected one of "true"|"1"|"yes"|"on"|"y"|"enabled"|"false"|"0"|"no"|"off"|"n"|"disabled" (received "maybe")'],
    ['a bad PHASEGATE_WALL_TIME_S', { 'phasegate.config.json': '{}' }, { PHASEGATE_WALL_TIME_S: 'an hour' }, 'environment: PHASEGATE_WALL_TIME_S: Must be a number of seconds like 3600'],
    ['a wall time too long for a timer', { 'phasegate.config.json': '{"gate":{"wallTimeMs":"720h"}}' }, {}, 'phasegate.config.json: gate.wallTimeMs: Must be at most 2147483647ms'],
    ['a bad PHASEGATE_TARGET', { 'phasegate.config.json': '{}' }, { PHASEGATE_TARGET: 'prod' }, 'environment: PHASEGATE_TARGET: Invalid option: expected one of "reference"|"live" (received "prod")'],
    ['an unknown key', { 'phasegate.config.json': '{"thresholds":{"apiLatencyP95":500}}' }, {}, 'phasegate.config.json: thresholds.apiLatencyP95: unknown key "apiLatencyP95"\nhint: did you mean "apiLatencyP95Ms"?'],
  ])('should fail on %s with one ConfigError', async (_name, files, env, message) => {
    const cwd = dir(files);
    const error = await failure(loadConfig({ cwd, env }));
    expect(error.message.startsWith(message.replace('<dir>', cwd))).toBe(true);
    expect(error.code).toBe('PHASEGATE_CONFIG_INVALID');
  });

  it('should fail when an explicit config file is missing', async () => {
    const error = await failure(loadConfig({ cwd: scratch, file: 'nope.config.ts', env: {} }));
    expect(error.message).toBe(`nope.config.ts: config file not found\nhint: check the path (relative to ${scratch})`);
  });

  it('should pin expected services and reject unknown pinned names with a suggestion', async () => {
    const inventory = loadInventory({ files: ['fixtures/inventory/homeiq/docker-compose.yml'], cwd: ROOT, env: {}, profiles: ['production'] });
    const pinned = await loadConfig({ cwd: dir({ 'phasegate.config.json': '{"contradictions":{"D1.1":"pinned"},"expectedServices":["data-api","homeiq-websocket"]}' }), env: {} });
    expect(resolveExpectedServices(pinned.config, inventory)).toEqual({ names: ['data-api', 'websocket-ingestion'], source: 'pinned' });
    const typo = await loadConfig({ cwd: dir({ 'phasegate.config.json': '{"contradictions":{"D1.1":"pinned"},"expectedServices":["calendar-service"]}' }), env: {} });
    expect(() => resolveExpectedServices(typo.config, inventory)).toThrow('hint: did you mean "calendar"?');
    const optional = await loadConfig({ cwd: dir({ 'phasegate.config.json': '{"services":{"ner-service":{"optional":true}}}' }), env: {} });
    expect(resolveExpectedServices(optional.config, inventory).names).not.toContain('ner-service');
  });
});
