import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../common/index.js';
import { dependencyOrder } from './dependency-order.js';
import { findService } from './find-service.js';
import { healthUrl } from './health-url.js';
import { loadInventory } from './load-inventory.js';
import type { Inventory } from './types.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = 'fixtures/inventory/homeiq/docker-compose.yml';
const load = (extra: Partial<Parameters<typeof loadInventory>[0]> = {}): Inventory =>
  loadInventory({ files: [FIXTURE], cwd: ROOT, env: {}, ...extra });

const scratch = mkdtempSync(join(tmpdir(), 'phasegate-inventory-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let projectCount = 0;
/** Writes a throwaway project and returns its directory (compose file: docker-compose.yml). */
function project(files: Record<string, string>): string {
  const dir = join(scratch, `p${projectCount++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
function loadError(files: Record<string, string>, options: Partial<Parameters<typeof loadInventory>[0]> = {}): ConfigError {
  const cwd = project(files);
  try {
    loadInventory({ files: ['docker-compose.yml'], cwd, env: {}, ...options });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadInventory on the HomeIQ-like fixture', () => {
  const inventory = load();
  const service = (name: string) => findService(inventory, name);

  it('should take the project name from the top-level name: and list every file read', () => {
    expect(inventory.projectName).toBe('homeiq');
    expect(inventory.files).toEqual([FIXTURE, 'fixtures/inventory/homeiq/infra/influx.compose.yml', 'fixtures/inventory/homeiq/common.yml']);
  });

  it('should select services by profile', () => {
    expect(inventory.services.map((s) => s.name)).toEqual(['influxdb', 'data-api', 'websocket-ingestion', 'admin-api', 'health-dashboard', 'ai-pattern-service', 'ner-service']);
    expect(inventory.inactiveServices).toEqual(['calendar', 'ha-simulator', 'model-prep']);
    const production = load({ profiles: ['production'] });
    expect(production.services.map((s) => s.name)).toContain('calendar');
    expect(production.activeProfiles).toEqual(['production']);
    expect(load({ profiles: ['*'] }).inactiveServices).toEqual([]);
    expect(load({ env: { COMPOSE_PROFILES: 'development' } }).services.map((s) => s.name)).toContain('ha-simulator');
  });

  it('should read both port syntaxes, bound IPs, udp and interpolated IPs', () => {
    expect(service('data-api').hostPorts).toEqual([{ host: 8006, container: 8006, ip: null, protocol: 'tcp' }]);
    expect(service('websocket-ingestion').hostPorts).toEqual([{ host: 8001, container: 8001, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(service('admin-api').hostPorts).toEqual([{ host: 8004, container: 8004, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(service('ai-pattern-service').exposed).toEqual([8020]);
    expect(findService(load({ profiles: ['development'] }), 'ha-simulator').hostPorts).toEqual([
      { host: 8125, container: 8123, ip: null, protocol: 'tcp' },
      { host: 5353, container: 5353, ip: null, protocol: 'udp' },
    ]);
  });

  it('should normalise healthchecks with durations in ms and compose defaults', () => {
    expect(service('websocket-ingestion').healthcheck).toEqual({
      test: ['CMD-SHELL', 'curl -f http://localhost:8001/health || exit 1'], intervalMs: 90_000, timeoutMs: 500, retries: 3, startPeriodMs: 120_000,
    });
    expect(service('admin-api').healthcheck).toEqual({ test: ['CMD-SHELL', 'curl -f http://localhost:8004/health'], intervalMs: 30_000, timeoutMs: 30_000, retries: 3, startPeriodMs: 0 });
    expect(service('ner-service').healthcheck).toBeNull();
    expect(findService(load({ profiles: ['development'] }), 'ha-simulator').healthcheck).toBeNull();
  });

  it('should read depends_on lists and maps with condition, required and restart', () => {
    expect(service('websocket-ingestion').dependsOn).toEqual([{ service: 'data-api', condition: 'service_healthy', required: true, restart: true }]);
    expect(service('admin-api').dependsOn.map((d) => `${d.service}:${d.condition}`)).toEqual(['influxdb:service_started', 'data-api:service_started', 'websocket-ingestion:service_started']);
    expect(findService(load({ profiles: ['development'] }), 'model-prep').dependsOn).toEqual([{ service: 'ha-simulator', condition: 'service_started', required: false, restart: false }]);
  });

  it('should use explicit container names and derive the others per driver', () => {
    expect(service('homeiq-websocket').name).toBe('websocket-ingestion');
    expect(service('ai-pattern-service').containerName).toBe('homeiq-ai-pattern-service-1');
    expect(findService(load({ driver: 'v1' }), 'ai-pattern-service').containerName).toBe('homeiq_ai-pattern-service_1');
    expect(load({ projectName: 'Phasegate-Ref' }).projectName).toBe('phasegate-ref');
    expect(load({ env: { COMPOSE_PROJECT_NAME: 'fromenv' } }).projectName).toBe('fromenv');
  });

  it('should resolve build contexts, Dockerfiles and args', () => {
    expect(service('data-api').build).toEqual({
      context: resolve(ROOT, 'fixtures/inventory/homeiq'), contextPath: resolve(ROOT, 'fixtures/inventory/homeiq'),
      dockerfile: 'services/data-api/Dockerfile', args: { API_KEY: 'hs_P3rU9kQ2xZp6vL1fYc7bN4sTqD8mA0wR' }, target: null,
    });
    expect(service('health-dashboard').build?.contextPath).toBe(resolve(ROOT, 'fixtures/inventory/homeiq/services/health-dashboard'));
    expect(service('health-dashboard').build?.dockerfile).toBe('Dockerfile');
  });

  it('should interpolate from .env with the shell environment winning, and keep $$ literal', () => {
    const env = (s: string, name: string) => service(s).environment.find((v) => v.name === name);
    expect(env('websocket-ingestion', 'INFLUXDB_ORG')).toEqual({ name: 'INFLUXDB_ORG', value: 'homeiq', secret: false, from: 'environment' });
    expect(env('websocket-ingestion', 'PRICE')?.value).toBe('$5');
    expect(env('data-api', 'INFLUXDB_TOKEN')).toEqual({ name: 'INFLUXDB_TOKEN', value: 'fixture-influx-token-0001', secret: true, from: 'environment' });
    expect(env('data-api', 'LOG_LEVEL')?.value).toBeNull();
    expect(env('data-api', 'DERIVED')).toEqual({ name: 'DERIVED', value: 'homeiq-derived', secret: false, from: 'env_file' });
    const shell = load({ env: { INFLUXDB_ORG: 'from-shell', LOG_LEVEL: 'WARN' } });
    expect(findService(shell, 'websocket-ingestion').environment.find((v) => v.name === 'INFLUXDB_ORG')?.value).toBe('from-shell');
    expect(findService(shell, 'data-api').environment.find((v) => v.name === 'LOG_LEVEL')?.value).toBe('WARN');
  });

  it('should merge extends from the same file and from another file', () => {
    const admin = service('admin-api');
    expect(admin.image).toBe('homeiq/python-base:3.12');
    expect(admin.memLimitBytes).toBe(192 * 1024 ** 2);
    expect(admin.environment.find((v) => v.name === 'ENABLE_AUTH')?.value).toBe('false');
    const calendar = findService(load({ profiles: ['production'] }), 'calendar');
    expect(calendar.hostPorts.map((p) => p.host)).toEqual([8004, 8013]);
    expect(calendar.healthcheck?.test).toEqual(['CMD', 'curl', '-f', 'http://localhost:8013/health']);
    expect(calendar.containerName).toBe('homeiq-calendar');
  });

  it('should read memory limits from mem_limit and deploy.resources.limits.memory', () => {
    expect(service('influxdb').memLimitBytes).toBe(1.5 * 1024 ** 3);
    expect(service('data-api').memLimitBytes).toBe(512 * 1024 ** 2);
    expect(service('ai-pattern-service').memLimitBytes).toBeNull();
  });

  it('should classify named and bind volumes and read top-level volumes', () => {
    expect(service('websocket-ingestion').volumes).toEqual([
      { type: 'named', source: 'homeiq_logs', target: '/app/logs', readOnly: false },
      { type: 'bind', source: resolve(ROOT, 'fixtures/inventory/homeiq/logs'), target: '/host-logs', readOnly: true },
    ]);
    expect(inventory.volumes).toEqual([
      { name: 'influxdb_data', external: false, dockerName: 'homeiq_influxdb_data' },
      { name: 'sqlite-data', external: false, dockerName: 'homeiq_sqlite-data' },
      { name: 'homeiq_logs', external: false, dockerName: 'homeiq_logs' },
    ]);
  });

  it('should report anomalies: hard-coded secret defaults, missing build context and Dockerfile', () => {
    expect(inventory.anomalies.map((a) => `${a.kind} ${a.service}`)).toEqual([
      'hardcoded-secret-default data-api',
      'hardcoded-secret-default influxdb',
      'missing-dockerfile admin-api',
      'missing-build-context ner-service',
    ]);
    expect(inventory.anomalies[0]?.message).toBe('fixtures/inventory/homeiq/docker-compose.yml:23: services.data-api.build.args.API_KEY: secret "DATA_API_KEY" has a hard-coded default in the compose file. Remove the default and set it in the env file');
    expect(inventory.anomalies[3]?.message).toBe('fixtures/inventory/homeiq/docker-compose.yml:119: ner-service builds from fixtures/inventory/homeiq/services/archive/2025-q4/ai-automation-service, which does not exist. Restore the directory or change build.context');
  });

  it('should order services in dependency waves', () => {
    expect(dependencyOrder(inventory)).toEqual([
      ['influxdb', 'ner-service'], ['data-api'], ['ai-pattern-service', 'websocket-ingestion'], ['admin-api'], ['health-dashboard'],
    ]);
  });

  it('should guess health URLs from curl, wget and python healthchecks', () => {
    expect(healthUrl(service('data-api'))?.url).toBe('http://127.0.0.1:8006/health');
    expect(healthUrl(service('websocket-ingestion'))?.url).toBe('http://127.0.0.1:8001/health');
    expect(healthUrl(service('ai-pattern-service'))).toEqual({ url: 'http://127.0.0.1:8034/health', hostPort: 8034, containerPort: 8020, path: '/health', source: 'healthcheck' });
    expect(healthUrl(service('health-dashboard'))?.url).toBe('http://127.0.0.1:3000/');
    expect(healthUrl(service('ner-service'))).toBeNull();
  });

  it('should suggest the closest service for unknown names', () => {
    expect(() => findService(load({ profiles: ['production'] }), 'calendar-service')).toThrow('unknown service "calendar-service" in fixtures/inventory/homeiq/docker-compose.yml, fixtures/inventory/homeiq/infra/influx.compose.yml, fixtures/inventory/homeiq/common.yml\nhint: did you mean "calendar"?');
    expect(() => findService(inventory, 'data-apii')).toThrow('hint: did you mean "data-api"?');
    expect(() => findService(inventory, 'calendar')).toThrow('service "calendar" is disabled by profiles in fixtures/inventory/homeiq/docker-compose.yml, fixtures/inventory/homeiq/infra/influx.compose.yml, fixtures/inventory/homeiq/common.yml (active profiles: none)\nhint: add its profile to compose.profiles in the config');
  });

  it('should fail on a missing :? variable naming the file, path and variable', () => {
    expect(() => load({ envFile: null })).toThrow('fixtures/inventory/homeiq/docker-compose.yml:54: services.websocket-ingestion.environment.HOME_ASSISTANT_URL: required variable "HOME_ASSISTANT_URL" is unset or empty: HOME_ASSISTANT_URL must point at Home Assistant');
  });
});

describe('loadInventory on the reference twin compose', () => {
  it('should read all 51 services with no anomalies and order them', () => {
    const inventory = loadInventory({ files: ['fixtures/reference/docker-compose.yml'], cwd: ROOT, env: {}, profiles: ['*'], projectName: 'phasegate-ref' });
    expect(inventory.services).toHaveLength(51);
    expect(dependencyOrder(inventory).flat()).toHaveLength(51);
    expect(healthUrl(findService(inventory, 'influxdb'))?.url).toBe('http://127.0.0.1:8086/health');
  });
});

describe('loadInventory networks', () => {
  it('should read top-level networks with their Docker names and the networks each service joins', () => {
    const cwd = project({ 'docker-compose.yml': 'name: homeiq\nservices:\n  a:\n    image: a\n    networks: [homeiq-network]\n  b:\n    image: b\n    networks: { homeiq-network: { aliases: [bee] }, ext: {} }\n  c:\n    image: c\n    network_mode: host\nnetworks:\n  homeiq-network: { driver: bridge }\n  ext: { external: true }\n  named: { name: custom-net }\n' });
    const inventory = loadInventory({ files: ['docker-compose.yml'], cwd, env: {} });
    expect(inventory.networks).toEqual([
      { name: 'homeiq-network', external: false, dockerName: 'homeiq_homeiq-network' },
      { name: 'ext', external: true, dockerName: 'ext' },
      { name: 'named', external: false, dockerName: 'custom-net' },
    ]);
    expect(inventory.services.map((s) => s.networks)).toEqual([['homeiq-network'], ['homeiq-network', 'ext'], null]);
  });
});

const svc = (body: string): string => `services:\n  app:\n    image: app\n${body}`;

describe('loadInventory on hostile compose files', () => {
  it.each<[string, Record<string, string>, string]>([
    ['YAML syntax error', { 'docker-compose.yml': 'services:\n  app:\n    image: app\n    ports: [1\n' },
      'docker-compose.yml:5: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]\nhint: check indentation and quoting around line 5'],
    ['duplicate keys', { 'docker-compose.yml': 'services:\n  app:\n    image: a\n    image: b\n' },
      'docker-compose.yml:4: YAML syntax error: Map keys must be unique\nhint: check indentation and quoting around line 4'],
    ['empty file', { 'docker-compose.yml': '' }, 'docker-compose.yml:1: the compose file is empty\nhint: a compose file needs at least a "services:" mapping'],
    ['a list at the top', { 'docker-compose.yml': '- a\n' }, 'docker-compose.yml:1: the compose file must be a mapping (received a list)\nhint: start the file with "services:"'],
    ['unknown top-level key', { 'docker-compose.yml': 'servics:\n  app:\n    image: a\n' }, 'docker-compose.yml:1: servics: unknown top-level key "servics"\nhint: did you mean "services"?'],
    ['unknown service key', { 'docker-compose.yml': svc('    helthcheck:\n      test: ["NONE"]\n') }, 'docker-compose.yml:4: services.app.helthcheck: unknown service key "helthcheck"\nhint: did you mean "healthcheck"?'],
    ['three-part port', { 'docker-compose.yml': svc('    ports:\n      - "80:80:80"\n') },
      'docker-compose.yml:5: services.app.ports[0]: invalid port "80:80:80" ("80" is not an IPv4 address)\nhint: use "[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]", e.g. "127.0.0.1:8006:8006" or "8001-8003:8001-8003/udp"'],
    ['port out of range', { 'docker-compose.yml': svc('    ports:\n      - "8006:99999"\n') }, 'docker-compose.yml:5: services.app.ports[0]: container port 99999 is out of range 1-65535'],
    ['long port without target', { 'docker-compose.yml': svc('    ports:\n      - published: 80\n') }, 'docker-compose.yml:5: services.app.ports[0]: port is missing "target"'],
    ['bad healthcheck duration', { 'docker-compose.yml': svc('    healthcheck:\n      test: ["CMD", "true"]\n      interval: 30\n') },
      'docker-compose.yml:6: services.app.healthcheck.interval: invalid duration 30\nhint: use a Go duration like "30s", "1m30s" or "500ms"'],
    ['bad healthcheck kind', { 'docker-compose.yml': svc('    healthcheck:\n      test: ["CURL", "x"]\n') },
      'docker-compose.yml:5: services.app.healthcheck.test[0]: must be "CMD", "CMD-SHELL" or "NONE" (received "CURL")'],
    ['bad depends_on condition', { 'docker-compose.yml': 'services:\n  db:\n    image: db\n  app:\n    image: app\n    depends_on:\n      db:\n        condition: service_healty\n' },
      'docker-compose.yml:8: services.app.depends_on.db.condition: unknown condition "service_healty"\nhint: did you mean "service_healthy"?'],
    ['bad memory', { 'docker-compose.yml': svc('    mem_limit: lots\n') }, 'docker-compose.yml:4: services.app.mem_limit: invalid memory size "lots"\nhint: use a size like "512m", "1g" or "1.5G"'],
    ['undeclared volume', { 'docker-compose.yml': svc('    volumes:\n      - influx_data:/data\nvolumes:\n  influxdb_data:\n') },
      'docker-compose.yml:5: services.app.volumes[0]: volume "influx_data" is not declared in the top-level "volumes:"\nhint: did you mean "influxdb_data"?'],
    ['service without image or build', { 'docker-compose.yml': 'services:\n  app:\n    restart: always\n' }, 'docker-compose.yml:2: services.app: service "app" has neither "image" nor "build"\nhint: add "image:" or "build:"'],
    ['null service', { 'docker-compose.yml': 'services:\n  app:\n' }, 'docker-compose.yml:2: services.app: service definition must be a mapping (received nothing)'],
    ['missing :? variable', { 'docker-compose.yml': svc('    environment:\n      TOKEN: ${HA_TOKEN:?set the HA token}\n') },
      'docker-compose.yml:5: services.app.environment.TOKEN: required variable "HA_TOKEN" is unset or empty: set the HA token\nhint: set HA_TOKEN in the env file or the shell environment'],
    ['lone dollar', { 'docker-compose.yml': svc('    command: echo $ 5\n') }, 'docker-compose.yml:4: services.app.command: invalid interpolation "$" at column 6 in "echo $ 5"\nhint: write "$$" for a literal dollar sign'],
    ['bad .env line', { 'docker-compose.yml': svc(''), '.env': 'OK=1\nthis is not env\n' }, '.env:2: invalid line "this is not env"; expected NAME=value'],
    ['extends unknown service', { 'docker-compose.yml': 'services:\n  base:\n    image: b\n  app:\n    extends: bsae\n' }, 'docker-compose.yml:5: services.app.extends: extends unknown service "bsae" in docker-compose.yml\nhint: did you mean "base"?'],
    ['extends cycle', { 'docker-compose.yml': 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n' }, 'docker-compose.yml:3: services.a.extends: extends cycle: a → b → a'],
    ['include of a missing file', { 'docker-compose.yml': `include:\n  - nope.yml\n${svc('')}` }, 'docker-compose.yml:2: include[0]: included file nope.yml does not exist'],
    ['include redefining a service', { 'docker-compose.yml': `include:\n  - other.yml\n${svc('')}`, 'other.yml': svc('') },
      'docker-compose.yml:4: services.app: service "app" is also defined in other.yml\nhint: an included file cannot redefine a service; rename one of them or use an override file'],
    ['missing compose file', {}, 'docker-compose.yml: cannot read compose file (ENOENT)\nhint: check compose.files in the config (paths are relative to the working directory)'],
  ])('should reject %s with a located one-line message', (_name, files, message) => {
    const error = loadError(files);
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.code).toBe('PHASEGATE_CONFIG_INVALID');
    expect(error.shortMessage).toBe(message.split('\n')[0]);
  });

  it('should fail dependencyOrder on a cycle, listing the cycle path', () => {
    const cwd = project({ 'docker-compose.yml': 'services:\n  a:\n    image: a\n    depends_on: [c]\n  b:\n    image: b\n    depends_on: [a]\n  c:\n    image: c\n    depends_on: [b]\n  d:\n    image: d\n' });
    const inventory = loadInventory({ files: ['docker-compose.yml'], cwd, env: {} });
    expect(() => dependencyOrder(inventory)).toThrow('docker-compose.yml:2: depends_on cycle: a → c → b → a\nhint: compose cannot start services that wait for each other; remove one depends_on link of the cycle');
  });

  it('should report unknown and inactive dependencies, healthy-without-healthcheck, duplicate ports and unset variables', () => {
    const cwd = project({
      'docker-compose.yml': [
        'services:',
        '  db:', '    image: db', '    ports: ["8030:8030"]',
        '  app:', '    image: app', '    ports: ["8030:80"]', '    environment:', '      X: ${NOT_SET}',
        '    depends_on:', '      db: { condition: service_healthy }', '      dbb: { condition: service_started }', '      sim: { condition: service_started }',
        '  sim:', '    image: sim', '    profiles: [dev]',
      ].join('\n'),
    });
    const inventory = loadInventory({ files: ['docker-compose.yml'], cwd, env: {} });
    expect(inventory.anomalies.map((a) => a.message)).toEqual([
      'docker-compose.yml: variable "NOT_SET" is not set; compose substitutes an empty string. Set it in the env file or the environment',
      'docker-compose.yml:5: app waits for "db" to be healthy, but db has no compose healthcheck (only its image\'s, if any). Add a healthcheck to db',
      'docker-compose.yml:5: app depends on unknown service "dbb"; did you mean "db"?',
      'docker-compose.yml:5: app depends on "sim", which no active profile enables. Activate its profile or mark the dependency "required: false"',
      'host port 8030/tcp is published by both "db" and "app"; the second one fails to start. Change one of the host ports',
    ]);
  });

  it('should merge several compose files, later ones overriding', () => {
    const cwd = project({
      'docker-compose.yml': svc('    ports: ["8000:80"]\n    environment: { A: "1", B: "2" }\n'),
      'override.yml': 'services:\n  app:\n    image: app:2\n    ports: ["9000:90"]\n    environment: [B=3]\n',
    });
    const [app] = loadInventory({ files: ['docker-compose.yml', 'override.yml'], cwd, env: {} }).services;
    expect(app?.image).toBe('app:2');
    expect(app?.hostPorts.map((p) => p.host)).toEqual([8000, 9000]);
    expect(app?.environment.map((v) => `${v.name}=${v.value}`)).toEqual(['A=1', 'B=3']);
  });
});
