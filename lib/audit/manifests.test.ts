import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDockerfileFrom, tagVersion } from './parse-dockerfile.js';
import { ManifestError, readNpmManifest } from './parse-package-json.js';
import { writeTree } from './testing.test-helper.js';

describe('parseDockerfileFrom', () => {
  it('should read every stage, ARG defaults, --platform and continuation lines with line numbers', () => {
    const text = ['ARG NODE_VERSION=20.19.0', 'FROM --platform=linux/amd64 node:${NODE_VERSION}-alpine AS deps', 'RUN npm ci', 'FROM \\', '  nginx:alpine', 'FROM python:3.12-slim@sha256:abc AS py', 'FROM scratch'].join('\n');
    expect(parseDockerfileFrom(text, 'services/health-dashboard/Dockerfile').map((f) => [f.line, f.repository, f.tag, f.stage ?? ''])).toEqual([
      [2, 'node', '20.19.0-alpine', 'deps'],
      [4, 'nginx', 'alpine', ''],
      [6, 'python', '3.12-slim', 'py'],
      [7, 'scratch', 'latest', ''],
    ]);
  });

  it('should read the version at the start of a tag', () => {
    expect([tagVersion('20.19.0-alpine'), tagVersion('3.12-slim'), tagVersion('alpine'), tagVersion('v1.2')]).toEqual(['20.19.0', '3.12', undefined, '1.2']);
  });
});

describe('readNpmManifest', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('should read both dependency sections with line numbers, engines and lockfile versions', () => {
    const pkg = JSON.stringify({ name: 'health-dashboard', engines: { node: '>=20.19' }, dependencies: { react: '^18.3.1' }, devDependencies: { vitest: '^4.0.17', msw: '^2.12.8' } }, null, 2);
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/vitest': { version: '4.0.17' }, 'node_modules/react': { version: '18.3.1' } } });
    root = writeTree({ 'package.json': pkg, 'package-lock.json': lock });
    const m = readNpmManifest(root, 'services/health-dashboard');
    expect(m.lockFile).toBe('services/health-dashboard/package-lock.json');
    expect(m.enginesNode).toBe('>=20.19');
    expect(m.dependencies.map((d) => [d.name, d.range, d.section, d.line, d.installed ?? ''])).toEqual([
      ['react', '^18.3.1', 'dependencies', 7, '18.3.1'],
      ['vitest', '^4.0.17', 'devDependencies', 10, '4.0.17'],
      ['msw', '^2.12.8', 'devDependencies', 11, ''],
    ]);
  });

  it('should name the file when package.json is not JSON', () => {
    root = writeTree({ 'package.json': '{ "name": ' });
    expect(() => readNpmManifest(root, 'services/ai-automation-ui')).toThrow(ManifestError);
    expect(() => readNpmManifest(root, 'services/ai-automation-ui')).toThrow(/^services\/ai-automation-ui\/package\.json: not valid JSON/);
  });
});
