import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../common/exit-codes.js';
import { parseInventoryArgs, type InventoryView } from './inventory-command.js';
import { main } from './main.js';

const scratch = mkdtempSync(join(tmpdir(), 'phasegate-inventory-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let count = 0;
/** Writes a throwaway project and returns its directory. */
function project(files: Record<string, string>): string {
  const dir = join(scratch, `p${count++}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
async function run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['inventory', ...args], { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const COMPOSE = [
  'name: shop',
  'services:',
  '  db:',
  '    image: postgres:16',
  '    ports: ["127.0.0.1:5432:5432"]',
  '    healthcheck:',
  '      test: ["CMD", "pg_isready"]',
  '      interval: 5s',
  '      timeout: 2s',
  '      retries: 10',
  '  api:',
  '    image: shop/api',
  '    container_name: shop-api',
  '    ports: ["8080:80", "9000"]',
  '    depends_on:',
  '      db: { condition: service_healthy }',
  '      cache: { condition: service_started, required: false }',
  '  web:',
  '    image: shop/web',
  '    depends_on: [api]',
  '  cache:',
  '    image: redis',
  '    profiles: [full]',
  '',
].join('\n');

describe('phasegate inventory', () => {
  it('should list services, ports, healthchecks, dependencies with conditions and start waves', async () => {
    const cwd = project({ 'docker-compose.yml': COMPOSE });
    const r = await run(['--compose', 'docker-compose.yml'], cwd);
    expect(r.code).toBe(ExitCode.Ok);
    expect(r.err).toBe('');
    expect(r.out).toMatchInlineSnapshot(`
      "compose: docker-compose.yml
      project shop, profiles: none, 3 services; disabled by profiles: cache

      service  container   host ports                healthcheck                           depends_on
      db       shop-db-1   127.0.0.1:5432->5432/tcp  CMD every 5s, timeout 2s, 10 retries  -
      api      shop-api    8080->80/tcp ?->9000/tcp  none                                  db (healthy), cache (started, optional)
      web      shop-web-1  -                         none                                  api (started)

      start order (3 waves):
        1. db
        2. api
        3. web

      anomalies: none"
    `);
  });

  it('should activate profiles and print JSON', async () => {
    const cwd = project({ 'docker-compose.yml': COMPOSE });
    const r = await run(['--compose=docker-compose.yml', '--profile', 'full', '--json'], cwd);
    expect(r.code).toBe(ExitCode.Ok);
    const view = JSON.parse(r.out) as InventoryView;
    expect(view.from).toBe('arguments');
    expect(view.activeProfiles).toEqual(['full']);
    expect(view.waves).toEqual([['cache', 'db'], ['api'], ['web']]);
    expect(view.services.find((s) => s.name === 'api')).toMatchObject({
      containerName: 'shop-api',
      hostPorts: [{ host: 8080, container: 80, ip: null, protocol: 'tcp' }, { host: null, container: 9000, ip: null, protocol: 'tcp' }],
      dependsOn: [{ service: 'db', condition: 'service_healthy', required: true, restart: false }, { service: 'cache', condition: 'service_started', required: false, restart: false }],
      source: 'docker-compose.yml:11',
    });
  });

  it('should exit 1 on an anomaly of severity error and 0 on warnings only', async () => {
    const broken = project({ 'docker-compose.yml': 'services:\n  api:\n    image: a\n    depends_on: [dbb]\n  db:\n    image: d\n' });
    const r = await run(['--compose', 'docker-compose.yml'], broken);
    expect(r.code).toBe(ExitCode.GateFailed);
    expect(r.out).toContain('anomalies: 1 error(s), 0 warning(s)\n  error   unknown-dependency: docker-compose.yml:2: api depends on unknown service "dbb"; did you mean "db"?');
    const warned = project({ 'docker-compose.yml': 'services:\n  api:\n    image: a\n    environment:\n      LEVEL: ${LOG_LEVEL}\n' });
    const w = await run(['--compose', 'docker-compose.yml'], warned);
    expect(w.code).toBe(ExitCode.Ok);
    expect(w.out).toContain('  warning unset-variable: docker-compose.yml: variable "LOG_LEVEL" is not set');
  });

  it('should exit with the config-invalid code on a YAML error and on a dependency cycle', async () => {
    const yaml = await run(['--compose', 'docker-compose.yml'], project({ 'docker-compose.yml': 'services:\n  api:\n    image: [a\n' }));
    expect(yaml.code).toBe(ExitCode.ConfigInvalid);
    expect(yaml.err).toMatch(/^phasegate: docker-compose\.yml:\d+: YAML syntax error: .+\nhint: check indentation and quoting around line \d+$/);
    const cycle = await run(['--compose', 'docker-compose.yml'], project({ 'docker-compose.yml': 'services:\n  a:\n    image: a\n    depends_on: [b]\n  b:\n    image: b\n    depends_on: [a]\n' }));
    expect(cycle.code).toBe(ExitCode.ConfigInvalid);
    expect(cycle.err).toBe('phasegate: docker-compose.yml:2: depends_on cycle: a → b → a\nhint: compose cannot start services that wait for each other; remove one depends_on link of the cycle');
  });

  it('should read compose files, env file and profiles from the config in the working directory', async () => {
    const cwd = project({
      'phasegate.config.json': JSON.stringify({ compose: { files: ['stack/compose.yml'], envFile: 'stack/prod.env', profiles: ['full'], projectName: 'shop-ref' } }),
      'stack/compose.yml': 'services:\n  api:\n    image: shop/api:${TAG:?set TAG}\n  cache:\n    image: redis\n    profiles: [full]\n',
      'stack/prod.env': 'TAG=1.2.3\n',
    });
    const r = await run(['--json'], cwd);
    expect(r.code).toBe(ExitCode.Ok);
    const view = JSON.parse(r.out) as InventoryView;
    expect(view).toMatchObject({ from: 'config', configFile: 'phasegate.config.json', projectName: 'shop-ref', activeProfiles: ['full'], files: ['stack/compose.yml'] });
    expect(view.services.map((s) => s.containerName)).toEqual(['shop-ref-api-1', 'shop-ref-cache-1']);
    const overridden = await run(['--profile', 'none-such'], cwd);
    expect(overridden.out).toContain('disabled by profiles: cache');
  });

  it('should stop with the config-invalid code when the config itself is invalid', async () => {
    const r = await run([], project({ 'phasegate.config.json': '{"compose":{"fils":["x.yml"]}}' }));
    expect(r.code).toBe(ExitCode.ConfigInvalid);
    expect(r.err).toBe('phasegate: phasegate.config.json: compose.fils: unknown key "fils"\nhint: did you mean "files"?');
  });

  it('should fall back to the reference twin without a config', async () => {
    const r = await run(['--json'], project({}));
    expect(r.code).toBe(ExitCode.Ok);
    const view = JSON.parse(r.out) as InventoryView;
    expect(view.from).toBe('reference-fixture');
    expect(view.files[0]).toMatch(/fixtures\/reference\/docker-compose\.yml$/);
    expect(view.services.length).toBeGreaterThan(40);
    expect(view.waves.flat()).toHaveLength(view.services.length);
  });

  it('should use --env-file for interpolation and fail on a missing :? variable', async () => {
    const cwd = project({ 'docker-compose.yml': 'services:\n  api:\n    image: shop/api:${TAG:?set TAG}\n', 'ci.env': 'TAG=7\n' });
    expect((await run(['--compose', 'docker-compose.yml', '--env-file', 'ci.env'], cwd)).code).toBe(ExitCode.Ok);
    const missing = await run(['--compose', 'docker-compose.yml'], cwd);
    expect(missing.code).toBe(ExitCode.ConfigInvalid);
    expect(missing.err).toBe('phasegate: docker-compose.yml:3: services.api.image: required variable "TAG" is unset or empty: set TAG\nhint: set TAG in the env file or the shell environment');
  });

  it('should reject unknown options and missing values with usage and exit code 2', async () => {
    const cwd = project({});
    const r = await run(['--composee', 'x.yml'], cwd);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^phasegate inventory: unknown option "--composee"\n\nusage: phasegate inventory/);
    expect(() => parseInventoryArgs(['--compose'])).toThrow('--compose needs a value');
    expect(() => parseInventoryArgs(['--profile', '--json'])).toThrow('--profile needs a value');
    expect(parseInventoryArgs(['-f', 'a.yml', '--compose=b.yml', '--env-file', '.env.ci'])).toEqual({ compose: ['a.yml', 'b.yml'], envFile: '.env.ci', profiles: [], json: false });
  });
});
