import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AIOSQLITE_PIN,
  ASYNCIO_MQTT_RULES,
  DEFAULT_VERSION_CHOICES,
  FRONTEND_APPS,
  INFLUXDB_CLIENT_RULES,
  PHASE1_NPM_VERSIONS,
  PHASE3_CODE_RULES,
  PHASE3_ML_SERVICES,
  PHASE4_MAJORS,
  phase1RangePins,
  scanRepo,
  SQLALCHEMY_PIN,
  type RuntimeReading,
  type RuntimeVersionSource,
} from '../audit/index.js';
import { writeTree } from '../audit/testing.test-helper.js';
import {
  checkBaseIncluded,
  checkBasePins,
  checkDockerBaseImage,
  checkExactPins,
  checkNoConflicts,
  checkNoGrepHits,
  checkNpmMajors,
  checkNpmVersions,
  checkRequirementsReviewed,
  checkRuntimePackages,
  checkRuntimePython,
  servicesDeclaring,
} from './check-versions.js';

const TREES = join(import.meta.dirname, '..', '..', 'fixtures', 'homeiq-tree');
const after = scanRepo(join(TREES, 'after-phase1'));
const before = scanRepo(join(TREES, 'before-phase1'));

/** The Phase 1 static checks, as suites/phase1/versions.test.ts runs them. */
const phase1 = (scan: typeof after) => [
  checkBasePins(scan, { criterionId: 'P1-S1-AC1', pins: [SQLALCHEMY_PIN] }),
  checkBasePins(scan, { criterionId: 'P1-S1-AC2', pins: [AIOSQLITE_PIN] }),
  checkBasePins(scan, { criterionId: 'P1-S1-AC3', pins: phase1RangePins(DEFAULT_VERSION_CHOICES) }),
  checkRequirementsReviewed(scan),
  checkBaseIncluded(scan),
  checkExactPins(scan),
  checkNoConflicts(scan),
  checkNpmVersions(scan, 'P1-S10-AC1', PHASE1_NPM_VERSIONS, FRONTEND_APPS),
];

describe('version checks on the reference trees (fixtures/homeiq-tree)', () => {
  it('should pass every Phase 1 static check on the after-phase1 tree', () => {
    expect(phase1(after).filter((r) => r.status !== 'passed').map((r) => `${r.criterionId}: ${r.message}`)).toEqual([]);
  });

  it('should fail each Phase 1 check on the before-phase1 tree (REF facts) with its diagnosis', () => {
    const byId = Object.fromEntries(phase1(before).map((r) => [r.criterionId, r]));
    expect(Object.values(byId).map((r) => `${r.criterionId} ${r.status}`)).toEqual(['P1-S1-AC1 failed', 'P1-S1-AC2 failed', 'P1-S1-AC3 failed', 'P1-S2-AC1 passed', 'P1-S2-AC2 failed', 'P1-S2-AC3 failed', 'P1-S2-AC4 failed', 'P1-S10-AC1 failed']);
    expect(byId['P1-S1-AC1']!.message).toMatch(/^services\/data-api\/requirements-prod\.txt:2: sqlalchemy declared >=2\.0\.35 admits versions outside >=2\.0\.46,<3\.0\.0/);
    expect(byId['P1-S1-AC2']!.message).toMatch(/^services\/data-api\/requirements-prod\.txt:3: aiosqlite declared >=0\.20,<0\.21 admits versions outside >=0\.22\.1,<0\.23\.0/);
    expect(byId['P1-S1-AC3']!.message).toMatch(/^requirements-base\.txt:5: fastapi declared >=0\.128\.0,<0\.129\.0; expected >=0\.119\.0,<0\.130\.0 \(001 L381, D8\.3 plan-001-range\)\. hint: change the line to "fastapi>=0\.119\.0,<0\.130\.0"/);
    expect(byId['P1-S2-AC2']!.message).toMatch(/^services\/admin-api\/requirements-prod\.txt: does not include requirements-base\.txt \(add -r \.\.\/\.\.\/requirements-base\.txt\)/);
    expect(byId['P1-S2-AC3']!.message).toMatch(/^services\/admin-api\/requirements-prod\.txt:3: pydantic==2\.12\.4 is outside the base range >=2\.12\.5,<3\.0\.0 \(requirements-base\.txt:7\)/);
    expect(byId['P1-S2-AC4']!.message).toMatch(/^admin-api: docker >=7\.0,<8 \(services\/admin-api\/requirements-prod\.txt:6\) conflicts with ==6\.1\.3 \(services\/admin-api\/requirements\.txt:6\): no version satisfies both/);
    expect(byId['P1-S10-AC1']!.message).toMatch(/^services\/health-dashboard\/package\.json: happy-dom is not declared; expected 20\.5\.0/);
  });

  it('should let the D8.3 floor-002 choice accept the base file as it was at REF', () => {
    const r = checkBasePins(before, { criterionId: 'P1-S1-AC3', pins: phase1RangePins({ ...DEFAULT_VERSION_CHOICES, 'D8.3': 'floor-002' }), servicesWithin: false });
    expect(r.status, r.message).toBe('passed');
  });

  it('should find the Phase 2 leftovers on both trees (P2-T2c, P2-T2d) and none of the Phase 3 heuristics', () => {
    expect(checkNoGrepHits(after.root, 'P2-T2c', 'asyncio_mqtt', ASYNCIO_MQTT_RULES).message).toBe('services/websocket-ingestion/requirements-prod.txt:3: asyncio-mqtt requirement: asyncio-mqtt>=0.16');
    expect(checkNoGrepHits(after.root, 'P2-T2d', 'influxdb_client', INFLUXDB_CLIENT_RULES).message).toMatch(/^requirements-base\.txt:\d+: influxdb-client requirement: influxdb-client>=1\.49\.0,<2\.0\.0; services\/websocket-ingestion\/src\/influxdb_wrapper\.py:2: influxdb_client import/);
    expect(checkNoGrepHits(after.root, 'P3-T3', 'Phase 3 code', PHASE3_CODE_RULES, PHASE3_ML_SERVICES.map((s) => `services/${s}`)).status).toBe('passed');
  });

  it('should pass P4-D1 and P4-D2 on both trees (React 18, Vite 6, Tailwind 3 on node:20.19.0-alpine)', () => {
    for (const scan of [after, before]) {
      expect(checkNpmMajors(scan, 'P4-D1', PHASE4_MAJORS, FRONTEND_APPS).status).toBe('passed');
      expect(checkDockerBaseImage(scan, 'P4-D2', { services: FRONTEND_APPS, image: 'node', minimum: '20.19' }).status).toBe('passed');
    }
  });

  it('should name the services whose installed file declares a package (directly or through the base)', () => {
    expect(servicesDeclaring(after, 'sqlalchemy', ['websocket-ingestion', 'data-api', 'admin-api'])).toEqual(['admin-api', 'data-api', 'websocket-ingestion']);
    expect(servicesDeclaring(before, 'sqlalchemy', ['websocket-ingestion', 'data-api', 'admin-api'])).toEqual(['data-api']);
  });
});

describe('version checks on small trees (failures the reference trees do not show)', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('P4-D1 / P4-D2 fail on the HEAD frontends (React 19, Vite 7, node:18)', () => {
    root = writeTree({
      'domains/frontends/health-dashboard/package.json': '{\n  "dependencies": {\n    "react": "^19.2.4"\n  },\n  "devDependencies": {\n    "vite": "^7.0.0"\n  }\n}\n',
      'domains/frontends/health-dashboard/Dockerfile': 'FROM node:18-alpine AS build\nFROM nginx:stable-alpine\n',
    });
    const scan = scanRepo(root);
    expect(checkNpmMajors(scan, 'P4-D1', { react: 18, vite: 6 }, ['health-dashboard']).message).toBe(
      'domains/frontends/health-dashboard/package.json:3: react declared ^19.2.4 leaves major 18 (P4-D1). hint: pin react to ^18.x; domains/frontends/health-dashboard/package.json:6: vite declared ^7.0.0 leaves major 6 (P4-D1). hint: pin vite to ^6.x',
    );
    expect(checkDockerBaseImage(scan, 'P4-D2', { services: ['health-dashboard'], image: 'node', minimum: '20.19' }).message).toBe('domains/frontends/health-dashboard/Dockerfile:1: FROM node:18-alpine is node 18; the plan requires node >= 20.19');
  });

  it('P1-S2-AC1 fails on an unreadable line or missing include, naming file:line', () => {
    root = writeTree({ 'requirements-base.txt': 'fastapi>=0.119,<<0.130\n', 'services/x/requirements.txt': '-r ../../missing.txt\n' });
    expect(checkRequirementsReviewed(scanRepo(root)).message).toBe('requirements-base.txt:1: fastapi: invalid version specifier clause "<<0.130" in ">=0.119,<<0.130"; services/x/requirements.txt:1: -r ../../missing.txt: file not found (resolved to missing.txt)');
  });

  it('P3-T3 finds the legacy pandas, NumPy and OpenAI patterns', () => {
    root = writeTree({ 'services/ml-service/src/train.py': 'import numpy as np\nnp.random.seed(42)\ndf = df.append(row)\nimport openai\nopenai.api_key = key\nr = openai.ChatCompletion.create(model="x")\nrng = np.random.default_rng(1)\n' });
    const r = checkNoGrepHits(root, 'P3-T3', 'Phase 3 code', PHASE3_CODE_RULES, ['services/ml-service']);
    expect(r.measurement).toBe(4);
    expect((r.evidence?.[0]?.value as string).split('\n').map((l) => l.split(':').slice(0, 2).join(':'))).toEqual(['services/ml-service/src/train.py:2', 'services/ml-service/src/train.py:3', 'services/ml-service/src/train.py:5', 'services/ml-service/src/train.py:6']);
  });
});

/** Answers from a table; a missing service is "not asked". */
class TableVersionSource implements RuntimeVersionSource {
  constructor(private readonly python: Record<string, string>, private readonly pip: Record<string, Record<string, string>>) {}
  async pythonVersion(service: string): Promise<RuntimeReading> {
    return this.python[service] ? { version: this.python[service] } : { reason: `${service} has no running container in this target`, unavailable: true };
  }
  async pipShow(service: string, pkg: string): Promise<RuntimeReading> {
    if (!this.pip[service]) return { reason: `${service} has no running container in this target`, unavailable: true };
    const v = this.pip[service][pkg];
    return v ? { version: v } : { reason: `${pkg} is not installed in homeiq-${service}`, unavailable: false };
  }
}

describe('runtime version checks', () => {
  const source = new TableVersionSource({ 'data-api': '3.12.8', 'ml-service': '3.9.18' }, { 'data-api': { sqlalchemy: '2.0.35' }, 'admin-api': { sqlalchemy: '2.0.46' } });

  it('should fail a version outside the range, a missing package, and an old Python (numeric compare)', async () => {
    const pip = await checkRuntimePackages(source, 'P1-S1-AC1', ['data-api', 'admin-api'], [SQLALCHEMY_PIN, AIOSQLITE_PIN]);
    expect(pip.status).toBe('failed');
    expect(pip.message).toBe('data-api: pip show sqlalchemy → 2.0.35; expected >=2.0.46,<3.0.0 (002 L78, 001 L379). hint: rebuild data-api with --no-cache after fixing its requirements; data-api: aiosqlite is not installed in homeiq-data-api; expected aiosqlite>=0.22.1,<0.23.0; admin-api: aiosqlite is not installed in homeiq-admin-api; expected aiosqlite>=0.22.1,<0.23.0');
    const py = await checkRuntimePython(source, 'P3-PRE1', ['data-api', 'ml-service'], '3.10');
    expect(py.message).toBe('ml-service: Python 3.9.18; the plan requires >= 3.10. hint: rebuild on python:3.12-slim (001 L700)');
  });

  it('should skip, not pass, when no container could be asked', async () => {
    const r = await checkRuntimePython(source, 'P3-PRE1', ['ai-pattern-service'], '3.10');
    expect(r).toMatchObject({ status: 'skipped', message: 'not decidable at runtime: ai-pattern-service has no running container in this target' });
    expect((await checkRuntimePackages(source, 'P1-S1-AC1', ['admin-api', 'ml-service'], [SQLALCHEMY_PIN])).status).toBe('passed');
  });
});
