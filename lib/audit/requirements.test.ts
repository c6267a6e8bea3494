import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRequirements } from './load-requirements.js';
import { formatIssue, parseRequirementsText } from './parse-requirements.js';

describe('parseRequirementsText', () => {
  it('should read names, extras, specifiers, markers, comments and continuations with their line numbers', () => {
    const text = [
      '# Phase 1 base requirements',
      'fastapi>=0.119.0,<0.130.0  # web',
      '',
      'uvicorn[standard] >= 0.40.0, < 0.41.0',
      'SQLAlchemy[asyncio]==2.0.46',
      'tomli>=2.0; python_version < "3.11"',
      'pydantic>=2.12.5,\\',
      '    <3.0.0',
      'my_pkg.Name',
      'thing (>=1.0)',
      'lib @ git+https://example.invalid/lib.git',
      '--index-url https://pypi.invalid/simple',
      'hashed==1.0 --hash=sha256:abc',
    ].join('\n');
    const parsed = parseRequirementsText(text, 'requirements-base.txt');
    expect(parsed.errors).toEqual([]);
    expect(parsed.requirements.map((r) => [r.line, r.key, r.extras.join(','), r.specifier, r.marker ?? '', r.url ?? ''])).toEqual([
      [2, 'fastapi', '', '>=0.119.0,<0.130.0', '', ''],
      [4, 'uvicorn', 'standard', '>=0.40.0,<0.41.0', '', ''],
      [5, 'sqlalchemy', 'asyncio', '==2.0.46', '', ''],
      [6, 'tomli', '', '>=2.0', 'python_version < "3.11"', ''],
      [7, 'pydantic', '', '>=2.12.5,<3.0.0', '', ''],
      [9, 'my-pkg-name', '', '', '', ''],
      [10, 'thing', '', '>=1.0', '', ''],
      [11, 'lib', '', '', '', 'git+https://example.invalid/lib.git'],
      [13, 'hashed', '', '==1.0', '', ''],
    ]);
  });

  it('should read -r / --requirement / -c includes in every spelling', () => {
    const parsed = parseRequirementsText('-r ../../requirements-base.txt\n--requirement=requirements.txt\n-rdev.txt\n-c constraints.txt\n', 'services/x/requirements-prod.txt');
    expect(parsed.includes.map((i) => [i.line, i.kind, i.path])).toEqual([[1, 'requirement', '../../requirements-base.txt'], [2, 'requirement', 'requirements.txt'], [3, 'requirement', 'dev.txt'], [4, 'constraint', 'constraints.txt']]);
  });

  it('should report bad lines as file:line errors and keep going', () => {
    const parsed = parseRequirementsText('fastapi>=0.119,<<0.130\n--frobnicate\nhttpx>=0.28.1\n', 'services/x/requirements.txt');
    expect(parsed.errors.map(formatIssue)).toEqual([
      'services/x/requirements.txt:1: fastapi: invalid version specifier clause "<<0.130" in ">=0.119,<<0.130"',
      'services/x/requirements.txt:2: unknown option line "--frobnicate"',
    ]);
    expect(parsed.requirements.map((r) => r.key)).toEqual(['httpx']);
  });
});

describe('loadRequirements', () => {
  let root: string;
  const write = (files: Record<string, string>) => {
    root = mkdtempSync(join(tmpdir(), 'phasegate-reqs-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  };
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('should resolve -r relative to the including file and record the include chain', () => {
    write({ 'requirements-base.txt': 'sqlalchemy>=2.0.46,<3.0.0\n', 'services/data-api/requirements-prod.txt': '-r ../../requirements-base.txt\naiosqlite>=0.22.1,<0.23.0\n', 'services/data-api/requirements.txt': '-r requirements-prod.txt\npytest>=8.3.3\n' });
    const loaded = loadRequirements(join(root, 'services/data-api/requirements.txt'), { baseDir: root });
    expect(loaded.errors).toEqual([]);
    expect(loaded.files).toEqual(['services/data-api/requirements.txt', 'services/data-api/requirements-prod.txt', 'requirements-base.txt']);
    expect(loaded.requirements.map((r) => `${r.key} ${r.via.join(' > ')}`)).toEqual([
      'pytest services/data-api/requirements.txt',
      'aiosqlite services/data-api/requirements.txt > services/data-api/requirements-prod.txt',
      'sqlalchemy services/data-api/requirements.txt > services/data-api/requirements-prod.txt > requirements-base.txt',
    ]);
  });

  it('should report an include cycle and a missing include at the include line', () => {
    write({ 'a.txt': 'x==1\n-r b.txt\n', 'b.txt': '-r a.txt\n-r missing.txt\n' });
    const loaded = loadRequirements(join(root, 'a.txt'), { baseDir: root });
    expect(loaded.errors.map(formatIssue)).toEqual(['b.txt:1: include cycle: a.txt -> b.txt -> a.txt', 'b.txt:2: -r missing.txt: file not found (resolved to missing.txt)']);
    expect(loaded.requirements.map((r) => r.key)).toEqual(['x']);
  });

  it('should mark requirements from a -c constraints file', () => {
    write({ 'r.txt': '-c c.txt\nfastapi\n', 'c.txt': 'fastapi<0.130\n' });
    const loaded = loadRequirements(join(root, 'r.txt'));
    expect(loaded.requirements.map((r) => [r.key, r.specifier, r.constraint])).toEqual([['fastapi', '', false], ['fastapi', '<0.130', true]]);
  });
});
