import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateNpmMajor, evaluateNpmVersion, evaluatePin, specifierAdmits } from './expect-pin.js';
import { findConflicts } from './find-conflicts.js';
import { grepTree } from './grep-tree.js';
import { loadRequirements } from './load-requirements.js';
import type { NpmDependency } from './parse-package-json.js';
import { parseRequirementsText } from './parse-requirements.js';
import { installedRequirementsFile, scanRepo } from './scan-repo.js';
import { writeTree } from './testing.test-helper.js';

const reqs = (text: string, file = 'requirements-base.txt') => parseRequirementsText(text, file).requirements;

describe('evaluatePin', () => {
  it('should pass an equivalent declaration and fail a different one naming file, line, declared, expected and a hint', () => {
    const base = reqs('# Phase 1\nsqlalchemy>=2.0.46,<3\nfastapi>=0.128.0,<0.129.0\n');
    expect(evaluatePin(base, 'requirements-base.txt', { package: 'SQLAlchemy', specifier: '>=2.0.46,<3.0.0', source: '002 L78' })).toMatchObject({
      passed: true,
      message: 'requirements-base.txt:2: sqlalchemy>=2.0.46,<3 matches >=2.0.46,<3.0.0 (002 L78)',
    });
    expect(evaluatePin(base, 'requirements-base.txt', { package: 'fastapi', specifier: '>=0.119.0,<0.130.0', source: '001 L381' }).message).toBe(
      'requirements-base.txt:3: fastapi declared >=0.128.0,<0.129.0; expected >=0.119.0,<0.130.0 (001 L381). hint: change the line to "fastapi>=0.119.0,<0.130.0"',
    );
  });

  it('should fail a missing package and judge "within" against every declaration', () => {
    expect(evaluatePin([], 'requirements-base.txt', { package: 'aiosqlite', specifier: '>=0.22.1,<0.23.0' }).message).toBe('requirements-base.txt: aiosqlite is not declared; expected >=0.22.1,<0.23.0. hint: add "aiosqlite>=0.22.1,<0.23.0"');
    const svc = reqs('sqlalchemy[asyncio]==2.0.46\nsqlalchemy>=2.0.35\n', 'services/data-api/requirements-prod.txt');
    const v = evaluatePin(svc, 'services/data-api', { package: 'sqlalchemy', specifier: '>=2.0.46,<3.0.0', match: 'within' });
    expect(v.passed).toBe(false);
    expect(v.message).toBe('services/data-api/requirements-prod.txt:2: sqlalchemy declared >=2.0.35 admits versions outside >=2.0.46,<3.0.0. hint: narrow it to a range within >=2.0.46,<3.0.0, or drop it and inherit the base pin through -r ../../requirements-base.txt');
  });

  it('should answer "does a declared range admit version X?"', () => {
    expect([specifierAdmits('>=2.0.46,<3.0.0', '2.0.46'), specifierAdmits('>=2.0.46,<3.0.0', '2.0.35'), specifierAdmits('>=1', 'unknown')]).toEqual([true, false, false]);
  });
});

describe('evaluateNpmVersion / evaluateNpmMajor', () => {
  const dep = (range: string, installed?: string): NpmDependency => ({ name: 'vitest', range, section: 'devDependencies', file: 'services/health-dashboard/package.json', line: 40, ...(installed ? { installed } : {}) });

  it('should judge by the lockfile when there is one, else by the range minimum', () => {
    expect(evaluateNpmVersion(dep('^4.0.17', '4.0.17'), 'x', 'vitest', '4.0.17').passed).toBe(true);
    expect(evaluateNpmVersion(dep('^4.0.17', '4.0.16'), 'x', 'vitest', '4.0.17').message).toBe('services/health-dashboard/package.json:40: vitest installed 4.0.16 (package-lock.json, declared ^4.0.17); expected 4.0.17. hint: npm install vitest@4.0.17');
    expect(evaluateNpmVersion(dep('^4.0.17'), 'x', 'vitest', '4.0.17', '002 L515').message).toBe("services/health-dashboard/package.json:40: vitest ^4.0.17 (no lockfile: judged by the range's minimum 4.0.17) == 4.0.17 (002 L515)");
    expect(evaluateNpmVersion(dep('^3.2.4'), 'x', 'vitest', '4.0.17').message).toBe('services/health-dashboard/package.json:40: vitest declared ^3.2.4 (minimum 3.2.4, no lockfile); expected 4.0.17. hint: npm install vitest@4.0.17');
    expect(evaluateNpmVersion(undefined, 'services/ai-automation-ui/package.json', 'msw', '2.12.8').message).toBe('services/ai-automation-ui/package.json: msw is not declared; expected 2.12.8. hint: npm install msw@2.12.8');
  });

  it('should keep a major: ^18.3.1 stays on 18, ^19.2.4 and >=18 do not', () => {
    expect(evaluateNpmMajor({ ...dep('^18.3.1'), name: 'react' }, 'x', 'react', 18).passed).toBe(true);
    expect(evaluateNpmMajor({ ...dep('^19.2.4'), name: 'react' }, 'x', 'react', 18, 'P4-D1').message).toBe('services/health-dashboard/package.json:40: react declared ^19.2.4 leaves major 18 (P4-D1). hint: pin react to ^18.x');
    expect(evaluateNpmMajor({ ...dep('>=18'), name: 'react' }, 'x', 'react', 18).passed).toBe(false);
  });
});

describe('findConflicts, scanRepo and grepTree on a small tree', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('should find the conflict between a service file and the base it includes, with both locations', () => {
    root = writeTree({ 'requirements-base.txt': 'aiosqlite>=0.22.1,<0.23.0\nfastapi>=0.119.0,<0.130.0\n', 'services/data-api/requirements-prod.txt': '-r ../../requirements-base.txt\naiosqlite>=0.20,<0.21\nfastapi>=0.123,<0.124\n' });
    const loaded = loadRequirements(`${root}/services/data-api/requirements-prod.txt`, { baseDir: root });
    expect(findConflicts('data-api', loaded.requirements).map((c) => c.message)).toEqual([
      'data-api: aiosqlite >=0.20,<0.21 (services/data-api/requirements-prod.txt:2) conflicts with >=0.22.1,<0.23.0 (requirements-base.txt:1 via services/data-api/requirements-prod.txt): no version satisfies both',
    ]);
  });

  it('should scan service folders of both layouts, pick the installed file from the Dockerfile and count the files', () => {
    root = writeTree({
      'requirements-base.txt': 'fastapi>=0.119.0,<0.130.0\n',
      'services/admin-api/requirements.txt': 'docker==6.1.3\n',
      'services/admin-api/requirements-prod.txt': 'docker>=7.0,<8\n',
      'services/admin-api/Dockerfile': 'FROM python:3.12-alpine\nCOPY services/admin-api/requirements-prod.txt .\nRUN pip install --no-cache-dir -r requirements-prod.txt\n',
      'domains/frontends/health-dashboard/package.json': '{"devDependencies":{"vitest":"^4.0.17"}}',
      'domains/frontends/health-dashboard/Dockerfile': 'FROM node:20.20.0-alpine AS build\nFROM nginx:stable-alpine\n',
      'services/broken/requirements.txt': '-r nowhere.txt\n',
      'docs/readme.md': 'not a service\n',
    });
    const scan = scanRepo(root);
    expect(scan.services.map((s) => [s.dir, s.installs ?? '', s.dockerfile?.from.map((f) => f.image).join(',') ?? '', s.npm?.dependencies.length ?? 0])).toEqual([
      ['services/admin-api', 'services/admin-api/requirements-prod.txt', 'python:3.12-alpine', 0],
      ['services/broken', 'services/broken/requirements.txt', '', 0],
      ['domains/frontends/health-dashboard', '', 'node:20.20.0-alpine,nginx:stable-alpine', 1],
    ]);
    expect(scan.requirementsFiles).toEqual(['requirements-base.txt', 'services/admin-api/requirements-prod.txt', 'services/admin-api/requirements.txt', 'services/broken/requirements.txt']);
    expect(scan.errors).toEqual([{ file: 'services/broken/requirements.txt', line: 1, message: '-r nowhere.txt: file not found (resolved to services/broken/nowhere.txt)' }]);
    expect(installedRequirementsFile('COPY requirements.txt /app/\nRUN pip install -r /app/requirements.txt')).toBe('requirements.txt');
  });

  it('should grep only the files a rule applies to and skip node_modules', () => {
    root = writeTree({
      'services/ws/src/mqtt.py': 'import json\nfrom asyncio_mqtt import Client\n',
      'services/ws/requirements-prod.txt': 'asyncio-mqtt>=0.16\n',
      'services/ws/README.md': 'asyncio_mqtt was replaced\n',
      'services/ui/node_modules/x/index.py': 'import asyncio_mqtt\n',
    });
    const result = grepTree(root, [
      { name: 'asyncio_mqtt import', pattern: /^\s*(from|import)\s+asyncio_mqtt\b/, fileName: /\.py$/ },
      { name: 'asyncio-mqtt requirement', pattern: /^\s*asyncio[-_]mqtt\b/i, fileName: /^requirements.*\.txt$/ },
    ], ['services']);
    expect(result.hits.map((h) => `${h.file}:${h.line} ${h.rule}`)).toEqual(['services/ws/requirements-prod.txt:1 asyncio-mqtt requirement', 'services/ws/src/mqtt.py:2 asyncio_mqtt import']);
    expect(result.filesSearched).toBe(2);
  });
});
