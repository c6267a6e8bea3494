import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadInventory } from '../inventory/load-inventory.js';
import { COMPLETE_REBUILD_PROCEDURE as P } from '../plans/complete-rebuild.js';
import {
  checkAdminWaitsForDataApi, checkAuthEnabled, checkCorsOrigins, checkEnvFiles, checkExpectedImages, checkProdComposeServices, checkRootDockerignore,
  composeImageRef, serviceEnvironment,
} from './check-complete-rebuild.js';

const TREES = join(import.meta.dirname, '..', '..', 'fixtures', 'homeiq-tree', 'rebuild-003');
const GOOD = join(TREES, 'good');
const BAD = join(TREES, 'bad');
const load = (root: string, file: string) => () => loadInventory({ files: [join(root, file)], env: {}, profiles: ['production'] });
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('RB-P1-3a: production compose services', () => {
  it('should pass the good prod file and say which 003 names it resolved', () => {
    const r = checkProdComposeServices(load(GOOD, 'docker-compose.prod.yml'), P);
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/docker-compose\.prod\.yml defines all 8 listed services \(sports-data is sports-api\)$/);
  });

  it('should name every missing service of the bad prod file', () => {
    const r = checkProdComposeServices(load(BAD, 'docker-compose.prod.yml'), P);
    expect(r.status).toBe('failed');
    expect(r.measurement).toBe(8);
    expect(r.message).toMatch(/lacks 8 service\(s\) 003 L39-50 requires: data-api.*, log-aggregator, sports-api.*smart-meter.*\(sports-data is sports-api\)\. hint: /);
  });

  it('should fail a prod file that does not load, with the located error', () => {
    const r = checkProdComposeServices(load(GOOD, 'docker-compose.missing.yml'), P);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^production compose contains the services 003 lists: the compose project does not load: /);
  });
});

describe('RB-P1-3b: admin-api waits for a healthy data-api', () => {
  it('should pass the good compose file', () => {
    expect(checkAdminWaitsForDataApi(load(GOOD, 'docker-compose.yml')).status).toBe('passed');
  });

  it('should fail when data-api is absent from depends_on, naming what is there', () => {
    const r = checkAdminWaitsForDataApi(load(BAD, 'docker-compose.yml'));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/services\.admin-api\.depends_on lists influxdb, websocket-ingestion, not data-api: admin-api can start before data-api is ready/);
  });

  it('should fail service_started, and service_healthy on a data-api without healthcheck', () => {
    const dir = mkdtempSync(join(tmpdir(), 'phasegate-rb003-'));
    dirs.push(dir);
    const write = (cond: string, hc: string) => writeFileSync(join(dir, 'docker-compose.yml'), `services:\n  data-api:\n    image: d\n${hc}  admin-api:\n    image: a\n    depends_on:\n      data-api: { condition: ${cond} }\n`);
    write('service_started', '    healthcheck: { test: ["CMD", "true"] }\n');
    expect(checkAdminWaitsForDataApi(load(dir, 'docker-compose.yml')).message).toMatch(/\.data-api has condition service_started; 003 L412-413 asks service_healthy/);
    write('service_healthy', '');
    expect(checkAdminWaitsForDataApi(load(dir, 'docker-compose.yml')).message).toMatch(/waits for service_healthy but data-api has no healthcheck, so compose refuses to start admin-api$/);
  });
});

describe('RB-P1-3c: root .dockerignore', () => {
  it('should pass the good tree with every listed pattern', () => {
    expect(checkRootDockerignore(GOOD, P.dockerignore)).toMatchObject({ status: 'passed', measurement: P.dockerignore.length });
  });

  it('should name the missing patterns, and the secret-bearing ones', () => {
    const r = checkRootDockerignore(BAD, P.dockerignore);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/lacks 17 of 21 patterns: docs\/, \*\.md, .*\.env\*, .*\(\.env\*, !\.env\.example, infrastructure\/env\.production, \*backup\*\/, \*\.backup, \*\.db keep secrets and data out of the build context\)/);
  });

  it('should fail a missing file', () => {
    expect(checkRootDockerignore(join(TREES), P.dockerignore).message).toMatch(/rebuild-003\/\.dockerignore does not exist: /);
  });
});

describe('RB-B-1: env files', () => {
  it('should pass the good tree', () => {
    expect(checkEnvFiles(GOOD).message).toMatch(/good\/\.env and infrastructure\/\.env\.influxdb exist; no placeholder value in \.env$/);
  });

  it('should name the missing infrastructure env and the placeholder variable, not its value', () => {
    const r = checkEnvFiles(BAD);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/no .*bad\/infrastructure\/\.env\.\* file; .*bad\/\.env still has template placeholder\(s\) for HOME_ASSISTANT_TOKEN\. hint:/);
    expect(r.message).not.toContain('your_token_here');
  });
});

describe('RB-B-4: expected images', () => {
  const inventory = loadInventory({ files: [join(GOOD, 'docker-compose.yml')], env: {} });

  it('should derive the compose image names (v2 hyphen, v1 underscore, image: wins)', () => {
    expect(composeImageRef({ name: 'data-api', image: null }, 'homeiq', 'v2')).toBe('homeiq-data-api:latest');
    expect(composeImageRef({ name: 'data-api', image: null }, 'homeiq', 'v1')).toBe('homeiq_data-api:latest');
    expect(composeImageRef({ name: 'influxdb', image: 'influxdb:2.7.12' }, 'homeiq', 'v2')).toBe('influxdb:2.7.12');
  });

  it('should pass when every mapped image exists, noting the services the target lacks and the influxdb pin', () => {
    const refs = ['influxdb:2.7.12', 'homeiq-data-api:latest', 'homeiq-websocket-ingestion:latest', 'homeiq-admin-api:latest', 'homeiq-health-dashboard:latest'];
    const r = checkExpectedImages(refs, { procedure: P, inventory });
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/^all 5 expected images exist; homeiq-enrichment: its service no longer exists; homeiq-data-retention: data-retention is not a service of the target; .*003 expects influxdb:2\.7, compose pins influxdb:2\.7\.12$/);
  });

  it('should name a missing image under its compose name and 003\'s', () => {
    const r = checkExpectedImages(['influxdb:2.7.12', 'homeiq-data-api:latest'], { procedure: P, inventory });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^3 of 5 expected images missing: homeiq-websocket-ingestion:latest \(003: homeiq-websocket\), homeiq-admin-api:latest \(003: homeiq-admin\), homeiq-health-dashboard:latest \(003: homeiq-dashboard\);/);
  });
});

describe('RB-H-1 / RB-H-2: hardening from the compose environment', () => {
  const admin = (root: string) => serviceEnvironment(loadInventory({ files: [join(root, 'docker-compose.yml')], env: {} }).services.find((s) => s.name === 'admin-api')!);

  it('should pass the good tree: auth on, long non-default secrets, explicit CORS list', () => {
    expect(checkAuthEnabled(admin(GOOD), { where: 'admin-api' }).status).toBe('passed');
    expect(checkCorsOrigins([{ service: 'admin-api', env: admin(GOOD) }]).message).toBe('explicit CORS origins: admin-api: 2 origin(s)');
  });

  it('should fail the bad tree naming each rule, never a value', () => {
    const r = checkAuthEnabled(admin(BAD), { where: 'admin-api' });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^admin-api: ENABLE_AUTH is "false"; the JWT secret is not set \(JWT_SECRET_KEY \/ JWT_SECRET\); ADMIN_PASSWORD is a known default or placeholder\. hint: /);
    expect(r.message).not.toContain('admin123');
    expect(checkCorsOrigins([{ service: 'admin-api', env: admin(BAD) }]).message).toMatch(/^admin-api: CORS_ORIGINS has a wildcard \(\*\)\. hint: /);
  });

  it('should fail short secrets, unset CORS and entries that are not origins', () => {
    expect(checkAuthEnabled({ ENABLE_AUTH: 'TRUE', JWT_SECRET: 'short', ADMIN_PASSWORD: 'abc' }, { where: 'x' }).message).toMatch(/^x: JWT_SECRET has 5 characters; at least 32 required; ADMIN_PASSWORD has 3 characters; at least 12 required/);
    const r = checkCorsOrigins([{ service: 'data-api', env: {} }, { service: 'admin-api', env: { CORS_ORIGINS: 'http://localhost:3000/app,https://*.example.com' } }]);
    expect(r.message).toMatch(/^data-api: CORS_ORIGINS is not set .*; admin-api: CORS_ORIGINS has a wildcard \(https:\/\/\*\.example\.com\); admin-api: not an origin: http:\/\/localhost:3000\/app\. hint:/);
  });
});
