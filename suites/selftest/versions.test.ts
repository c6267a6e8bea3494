// Self-test of the version audits: every VERSION_AUDIT check is proven able to FAIL with its diagnosis. The static
// checks run against fixtures/homeiq-tree/before-phase1 (HomeIQ at REF, homeiq-facts.md §7) or a small tree written
// here; the runtime checks against the running reference stack, through the pipVersions / pythonVersion knobs.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AIOSQLITE_PIN,
  ASYNCIO_MQTT_RULES,
  DEFAULT_VERSION_CHOICES,
  DockerExecVersionSource,
  FRONTEND_APPS,
  INFLUXDB_CLIENT_RULES,
  PHASE1_NPM_VERSIONS,
  PHASE2_BASE_PINS,
  PHASE2_NPM_VERSIONS,
  PHASE3_CODE_RULES,
  PHASE3_ML_RUNTIME,
  PHASE3_ML_SERVICES,
  PHASE3_PINS,
  PHASE3_REQUIREMENTS_FILE,
  PHASE3_SC1_RUNTIME,
  PHASE4_MAJORS,
  phase1RangePins,
  scanRepo,
  SQLALCHEMY_PIN,
} from '../../lib/audit/index.js';
import { writeTree } from '../../lib/audit/testing.test-helper.js';
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
  checkServiceFilePins,
} from '../../lib/checks/index.js';
import { FaultClient } from '../../lib/stack/index.js';
import { ExecaCommandRunner } from '../../lib/system/command-runner.js';
import { expectFails, gate, target } from '../_setup/gate.js';
import { frontendNode } from '../_setup/phase0-infrastructure.js';

const t = target();
const before = scanRepo(join(import.meta.dirname, '..', '..', 'fixtures', 'homeiq-tree', 'before-phase1'));
const runtime = new DockerExecVersionSource({ runner: new ExecaCommandRunner(), containerFor: (s) => t.initialContainers.find((c) => c.service === s && c.state === 'running')?.name });

describe('self-test: each static version check fails on HomeIQ at REF (fixtures/homeiq-tree/before-phase1)', () => {
  it('P1-S1-AC1 fails: data-api declares sqlalchemy>=2.0.35 (the base file is not included)', (ctx) => {
    expectFails(ctx, checkBasePins(before, { criterionId: 'P1-S1-AC1', pins: [SQLALCHEMY_PIN] }), /^services\/data-api\/requirements-prod\.txt:2: sqlalchemy declared >=2\.0\.35 admits versions outside >=2\.0\.46,<3\.0\.0/);
  });

  it('P1-S1-AC2 fails: data-api declares aiosqlite>=0.20,<0.21', (ctx) => {
    expectFails(ctx, checkBasePins(before, { criterionId: 'P1-S1-AC2', pins: [AIOSQLITE_PIN] }), /^services\/data-api\/requirements-prod\.txt:3: aiosqlite declared >=0\.20,<0\.21 admits versions outside >=0\.22\.1,<0\.23\.0/);
  });

  it('P1-S1-AC3 fails: the base file has fastapi>=0.128.0,<0.129.0 (D8.3 plan-001-range)', (ctx) => {
    expectFails(ctx, checkBasePins(before, { criterionId: 'P1-S1-AC3', pins: phase1RangePins(DEFAULT_VERSION_CHOICES) }), /^requirements-base\.txt:5: fastapi declared >=0\.128\.0,<0\.129\.0; expected >=0\.119\.0,<0\.130\.0/);
  });

  it('P1-S2-AC2 fails: no service includes requirements-base.txt', (ctx) => {
    expectFails(ctx, checkBaseIncluded(before), /^services\/admin-api\/requirements-prod\.txt: does not include requirements-base\.txt/);
  });

  it('P1-S2-AC3 fails: admin-api pins pydantic==2.12.4 below the base range', (ctx) => {
    expectFails(ctx, checkExactPins(before), /pydantic==2\.12\.4 is outside the base range >=2\.12\.5,<3\.0\.0 \(requirements-base\.txt:7\)/);
  });

  it('P1-S2-AC4 fails: docker==6.1.3 against docker>=7.0,<8 and aiosqlite ranges that do not meet, with both locations', (ctx) => {
    const r = checkNoConflicts(before);
    expectFails(ctx, r, /^admin-api: docker >=7\.0,<8 \(services\/admin-api\/requirements-prod\.txt:6\) conflicts with ==6\.1\.3 \(services\/admin-api\/requirements\.txt:6\)/);
    expect(r.message).toMatch(/data-api: aiosqlite >=0\.20,<0\.21 \(services\/data-api\/requirements-prod\.txt:3\) conflicts with >=0\.21,<0\.22 \(services\/data-api\/requirements\.txt:3\)/);
  });

  it('P1-S10-AC1 / P2-B6 / P4-T1 fail: happy-dom and msw are not declared', (ctx) => {
    expectFails(ctx, checkNpmVersions(before, 'P1-S10-AC1', PHASE1_NPM_VERSIONS, FRONTEND_APPS), /^services\/health-dashboard\/package\.json: happy-dom is not declared; expected 20\.5\.0/);
    expectFails(ctx, checkNpmVersions(before, 'P2-B6', PHASE2_NPM_VERSIONS, FRONTEND_APPS), /happy-dom is not declared/);
    expectFails(ctx, checkNpmVersions(before, 'P4-T1', PHASE1_NPM_VERSIONS, FRONTEND_APPS), /msw is not declared; expected 2\.12\.8/);
  });

  it('P2-T1 fails: pytest <9, tenacity <9, no influxdb3-python in the base file', (ctx) => {
    expectFails(ctx, checkBasePins(before, { criterionId: 'P2-T1', pins: PHASE2_BASE_PINS }), /pytest declared >=8\.3\.3,<9\.0\.0; expected >=9\.0\.2,<10\.0\.0/);
  });

  it('P2-T2c fails: websocket-ingestion prod still requires asyncio-mqtt', (ctx) => {
    expectFails(ctx, checkNoGrepHits(before.root, 'P2-T2c', 'asyncio_mqtt', ASYNCIO_MQTT_RULES, ['services']), /^services\/websocket-ingestion\/requirements-prod\.txt:4: asyncio-mqtt requirement/);
  });

  it('P2-T2d fails: influxdb_client imports in the writer', (ctx) => {
    const r = checkNoGrepHits(before.root, 'P2-T2d', 'influxdb_client', INFLUXDB_CLIENT_RULES, ['services', 'shared']);
    expectFails(ctx, r, /^services\/admin-api\/requirements-prod\.txt:5: influxdb-client requirement: influxdb-client==1\.49\.0/);
    expect(r.evidence?.[0]?.value).toMatch(/services\/websocket-ingestion\/src\/influxdb_wrapper\.py:2: influxdb_client import/);
  });

  it('P3-T2 fails: no requirements-phase3.txt in the ML services', (ctx) => {
    expectFails(ctx, checkServiceFilePins(before, 'P3-T2', { services: PHASE3_ML_SERVICES, fileName: PHASE3_REQUIREMENTS_FILE, pins: PHASE3_PINS }), /^services\/ml-service\/requirements-phase3\.txt: not found/);
  });
});

describe('self-test: static version checks whose failure the REF tree does not show (small trees)', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('P1-S2-AC1 fails on an unreadable requirement and a missing -r include', (ctx) => {
    root = writeTree({ 'requirements-base.txt': 'fastapi>=0.119,<<0.130\n', 'services/x/requirements.txt': '-r ../../missing.txt\n' });
    expectFails(ctx, checkRequirementsReviewed(scanRepo(root)), /^requirements-base\.txt:1: fastapi: invalid version specifier clause "<<0\.130" in ">=0\.119,<<0\.130"; services\/x\/requirements\.txt:1: -r \.\.\/\.\.\/missing\.txt: file not found/);
  });

  it('P3-PRE1 (static) and P0-S3-AC2 fail on FROM python:3.9-slim', (ctx) => {
    root = writeTree({ 'services/ml-service/Dockerfile': 'FROM python:3.9-slim\n', 'services/ml-service/requirements.txt': 'numpy\n' });
    expectFails(ctx, checkDockerBaseImage(scanRepo(root), 'P3-PRE1', { services: ['ml-service'], image: 'python', minimum: '3.10' }), /^services\/ml-service\/Dockerfile:1: FROM python:3\.9-slim is python 3\.9; the plan requires python >= 3\.10/);
    expectFails(ctx, checkDockerBaseImage(scanRepo(root), 'P0-S3-AC2', { services: ['ml-service'], image: 'python', minimum: '3.10' }), /FROM python:3\.9-slim is python 3\.9/);
  });

  it('P3-T3 fails on DataFrame.append, np.random.seed and openai.ChatCompletion', (ctx) => {
    root = writeTree({ 'services/ml-service/src/train.py': 'np.random.seed(1)\ndf = df.append(row)\nopenai.ChatCompletion.create(model="x")\n' });
    expectFails(ctx, checkNoGrepHits(root, 'P3-T3', 'Phase 3 code', PHASE3_CODE_RULES, ['services/ml-service']), /^services\/ml-service\/src\/train\.py:1: legacy np\.random global RNG/);
  });

  it('P0-S4-AC3c fails on a node:16 build stage (Vite 6 needs 18)', (ctx) => {
    // The gate's own check (the versions test and the Story 4 report both call frontendNode), on both frontends.
    root = writeTree({
      'services/health-dashboard/Dockerfile': 'FROM node:16.20.2-alpine AS build\nFROM nginx:alpine\n',
      'services/health-dashboard/package.json': '{}',
      'services/ai-automation-ui/Dockerfile': 'FROM node:20.19-alpine AS build\nFROM nginx:alpine\n',
      'services/ai-automation-ui/package.json': '{}',
    });
    expectFails(ctx, frontendNode(scanRepo(root)), /^services\/health-dashboard\/Dockerfile:1: FROM node:16\.20\.2-alpine is node 16\.20\.2; the plan requires node >= 18/);
  });

  it('P4-D1 and P4-D2 fail on the HEAD frontends (React ^19.2.4, Vite ^7.0.0) built on node:18', (ctx) => {
    root = writeTree({
      'domains/frontends/health-dashboard/package.json': '{\n  "dependencies": {\n    "react": "^19.2.4"\n  },\n  "devDependencies": {\n    "vite": "^7.0.0"\n  }\n}\n',
      'domains/frontends/health-dashboard/Dockerfile': 'FROM node:18-alpine AS build\nFROM nginx:stable-alpine\n',
    });
    const scan = scanRepo(root);
    expectFails(ctx, checkNpmMajors(scan, 'P4-D1', PHASE4_MAJORS, ['health-dashboard']), /react declared \^19\.2\.4 leaves major 18/);
    expectFails(ctx, checkDockerBaseImage(scan, 'P4-D2', { services: ['health-dashboard'], image: 'node', minimum: '20.19' }), /FROM node:18-alpine is node 18; the plan requires node >= 20\.19/);
  });
});

describe('self-test: runtime version checks on the reference stack (knobs)', () => {
  const dataApi = new FaultClient('data-api', t.urls['data-api']!);
  afterEach(async () => {
    await dataApi.clear();
  });

  it('healthy stack: pip show sqlalchemy in data-api is within >=2.0.46,<3.0.0 and Python >= 3.10', async (ctx) => {
    gate(ctx, await checkRuntimePackages(runtime, 'P1-S1-AC1', ['data-api'], [SQLALCHEMY_PIN]), await checkRuntimePython(runtime, 'P3-PRE1', ['data-api'], '3.10'));
  });

  it('P1-S1-AC1 (runtime) fails when data-api has sqlalchemy 2.0.35 installed (pipVersions knob)', async (ctx) => {
    await dataApi.merge({ pipVersions: { sqlalchemy: '2.0.35' } });
    expectFails(ctx, await checkRuntimePackages(runtime, 'P1-S1-AC1', ['data-api'], [SQLALCHEMY_PIN]), /^data-api: pip show sqlalchemy → 2\.0\.35; expected >=2\.0\.46,<3\.0\.0/);
  });

  it('P1-S1-AC2 (runtime) fails when aiosqlite is missing from data-api', async (ctx) => {
    await dataApi.merge({ pipVersions: { aiosqlite: '-' } });
    expectFails(ctx, await checkRuntimePackages(runtime, 'P1-S1-AC2', ['data-api'], [AIOSQLITE_PIN]), /^data-api: aiosqlite is not installed in homeiq-data-api/);
  });

  it('P0-S3-AC1c and the Python runtime check of P3-PRE1 (the ML services are not in the core stack) fail on Python 3.9.18 (pythonVersion knob on data-api)', async (ctx) => {
    await dataApi.merge({ pythonVersion: '3.9.18' });
    expectFails(ctx, await checkRuntimePython(runtime, 'P3-PRE1', ['data-api'], '3.10'), /^data-api: Python 3\.9\.18; the plan requires >= 3\.10/);
    expectFails(ctx, await checkRuntimePython(runtime, 'P0-S3-AC1c', ['data-api'], '3.10'), /^data-api: Python 3\.9\.18; the plan requires >= 3\.10/);
  });

  it('the ML runtime checks (P3-T6b, P3-SC1 on the ML services, which the core stack does not run) fail on NumPy 1.26 / pandas 2.2 (pipVersions knob on data-api)', async (ctx) => {
    await dataApi.merge({ pipVersions: { numpy: '1.26.4', pandas: '2.2.3', 'scikit-learn': '1.5.2' } });
    expectFails(ctx, await checkRuntimePackages(runtime, 'P3-T6b', ['data-api'], PHASE3_ML_RUNTIME), /^data-api: pip show numpy → 1\.26\.4; expected >=2,<3/);
    expectFails(ctx, await checkRuntimePackages(runtime, 'P3-SC1', ['data-api'], PHASE3_SC1_RUNTIME), /data-api: pip show pandas → 2\.2\.3; expected >=3,<4/);
  });
});
