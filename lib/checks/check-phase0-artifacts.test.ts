import { mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEvidenceFiles, checkPythonAuditCsv, checkRebuildLogLayout, statEvidence } from './check-phase0-artifacts.js';
import { formatPythonAuditCsv, parseCsv, pythonAuditRow, pythonAuditStatus, pythonTagVersion, type PythonAuditRow } from '../audit/python-versions-csv.js';
import { createRebuildLogLayout, diagnosticsDir, readRebuildLogLayout, rebuildLogDate, rebuildLogDirs, writeEvidence } from '../reports/phase0-artifacts.js';
import { clearRegisteredSecrets, registerSecret } from '../common/secrets.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'pgtest-p0diag-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  clearRegisteredSecrets();
});

const NOW = Date.parse('2026-12-02T12:00:00Z');

describe('checkEvidenceFiles (P0-S2-AC1a/b/c, P0-S5-AC4ab)', () => {
  it('passes existing non-empty files', () => {
    const r = checkEvidenceFiles([{ path: 'a/logs.txt', bytes: 120, mtimeMs: NOW, lines: 3 }], { criterionId: 'P0-S2-AC1a', what: 'websocket-ingestion log tail', nowMs: NOW });
    expect(r.status).toBe('passed');
    expect(r.message).toBe('websocket-ingestion log tail: 1 file(s), 120 bytes (a/logs.txt 3 lines)');
  });

  it('fails a missing, an empty and a stale file', () => {
    const r = checkEvidenceFiles([{ path: 'x' }, { path: 'y', bytes: 0 }, { path: 'z', bytes: 5, mtimeMs: NOW - 600_000 }], { criterionId: 'P0-S5-AC4ab', what: 'monitor logs', nowMs: NOW, maxAgeMs: 300_000 });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^monitor logs: x does not exist; y is empty; z was last written 600 s ago \(limit 300 s\)\. hint:/);
  });

  it('fails a log capture that holds no line, and is an error with no file', () => {
    expect(checkEvidenceFiles([{ path: 'l', bytes: 1, lines: 0 }], { criterionId: 'P0-S2-AC1a', what: 'logs' }).status).toBe('failed');
    expect(checkEvidenceFiles([], { criterionId: 'P0-S2-AC1a', what: 'logs' }).status).toBe('error');
  });

  it('fails a file whose capture failed or whose content is void, naming why, even when an old copy is on disk', () => {
    const r = checkEvidenceFiles([{ path: 'i.json', problem: 'inspect failed: no such container: homeiq-websocket' }, { path: 's.json', bytes: 900, mtimeMs: NOW, problem: 'holds no memory reading' }], { criterionId: 'P0-S2-AC1b', what: 'diagnostics', nowMs: NOW });
    expect(r.status).toBe('failed');
    expect(r.message).toBe('diagnostics: i.json: inspect failed: no such container: homeiq-websocket; s.json: holds no memory reading. hint: the capture step says why above; is the container there and running?');
  });

  it('statEvidence reads size and mtime from disk, and writeEvidence masks secrets', () => {
    const d = tmp();
    registerSecret('super-secret-token-1');
    const json = writeEvidence(d, 'inspect.json', { Config: { Env: ['INFLUXDB_TOKEN=super-secret-token-1', 'INFLUXDB_ORG=homeiq'] }, HostConfig: { LogConfig: { Type: 'json-file' } } });
    const text = writeEvidence(d, 'logs.txt', 'connected with token super-secret-token-1\n');
    expect(readFileSync(json, 'utf8')).not.toContain('super-secret-token-1');
    expect(readFileSync(json, 'utf8')).toContain('INFLUXDB_ORG=homeiq');
    expect(readFileSync(text, 'utf8')).toBe('connected with token ***\n');
    const [a, b, c] = statEvidence([json, text, join(d, 'absent')]);
    expect(a!.bytes).toBeGreaterThan(0);
    expect(b!.mtimeMs).toBeGreaterThan(0);
    expect(c!.bytes).toBeUndefined();
    expect(checkEvidenceFiles([a!, b!], { criterionId: 'P0-S2-AC1b', what: 'inspect' }).status).toBe('passed');
  });

  it('diagnosticsDir follows PHASEGATE_REPORTS_DIR', () => {
    expect(diagnosticsDir('phase0', {})).toBe(join('reports', 'phase0', 'diagnostics'));
    expect(diagnosticsDir('phase0', { PHASEGATE_REPORTS_DIR: '/r' })).toBe('/r/phase0/diagnostics');
  });
});

describe('python_versions_audit.csv (P0-S3-AC1b, P0-SC3)', () => {
  const row = (service: string, over: Partial<PythonAuditRow> = {}): PythonAuditRow => ({ service, container: `homeiq-${service}`, runtimeVersion: '3.12.8', dockerfilePython: '3.12', dockerfile: `services/${service}/Dockerfile`, status: 'OK', ...over });

  it('reads python tags and judges numerically (3.9 < 3.10, D8.2)', () => {
    expect(pythonTagVersion('3.12-slim')).toBe('3.12');
    expect(pythonTagVersion('3.12.8-alpine3.20')).toBe('3.12.8');
    expect(pythonTagVersion('latest')).toBeUndefined();
    expect(pythonAuditStatus('3.9.18', '', '3.10')).toBe('NEEDS_UPGRADE');
    expect(pythonAuditStatus('', '3.11', '3.10')).toBe('OK');
    expect(pythonAuditStatus('', '', '3.10')).toBe('UNKNOWN');
  });

  it('formats and parses back, quoting cells with commas and quotes', () => {
    const csv = formatPythonAuditCsv([row('data-api'), row('admin-api', { dockerfile: 'a,"b"' })]);
    expect(csv.split('\n')[0]).toBe('service,container,runtime_version,dockerfile_python,dockerfile,status');
    expect(csv.split('\n')[1]).toMatch(/^admin-api,/);
    expect(parseCsv(csv)[1]![4]).toBe('a,"b"');
    expect(parseCsv('a,b\r\n"x\ny",z')).toEqual([['a', 'b'], ['x\ny', 'z']]);
  });

  it('passes one row per Python service, and P0-SC3 when each row has a version', () => {
    const csv = formatPythonAuditCsv([row('data-api'), row('weather-api', { container: '', runtimeVersion: '' })]);
    expect(checkPythonAuditCsv(csv, { criterionId: 'P0-S3-AC1b', path: 'p.csv', services: ['data-api', 'weather-api'] }).status).toBe('passed');
    expect(checkPythonAuditCsv(csv, { criterionId: 'P0-SC3', path: 'p.csv', services: ['data-api', 'weather-api'], requireVersion: true }).status).toBe('passed');
  });

  it('fails a missing file, a wrong header, a missing or doubled row, and an undocumented version', () => {
    const check = { criterionId: 'P0-S3-AC1b', path: 'p.csv', services: ['data-api', 'weather-api'] };
    expect(checkPythonAuditCsv(undefined, check).message).toMatch(/^p\.csv does not exist/);
    expect(checkPythonAuditCsv('service,version\n', check).message).toContain('header "service,version"');
    expect(checkPythonAuditCsv(formatPythonAuditCsv([row('data-api'), row('data-api')]), check).message).toBe('p.csv: no row for 1 service(s): weather-api; more than one row for data-api');
    const sc3 = checkPythonAuditCsv(formatPythonAuditCsv([row('data-api'), row('weather-api', { runtimeVersion: '', dockerfilePython: '' })]), { ...check, criterionId: 'P0-SC3', requireVersion: true });
    expect(sc3.status).toBe('failed');
    expect(sc3.message).toContain('no version documented (neither python --version nor a FROM python: tag) for weather-api');
  });

  it('is skipped when the checkout has no Python service', () => {
    expect(checkPythonAuditCsv(formatPythonAuditCsv([]), { criterionId: 'P0-SC3', path: 'p.csv', services: [] }).status).toBe('skipped');
  });
});

describe('rebuild log tree (P0-S5-AC2ab)', () => {
  it('creates 24 folders and current_rebuild, idempotently, and the check passes', () => {
    const root = tmp();
    const date = rebuildLogDate(new Date(NOW));
    expect(date).toBe('20261202');
    expect(rebuildLogDirs(date)).toHaveLength(24);
    createRebuildLogLayout(root, date);
    createRebuildLogLayout(root, date);
    const r = checkRebuildLogLayout(readRebuildLogLayout(root, date));
    expect(r.status).toBe('passed');
    expect(r.message).toContain('24 folders of rebuild_20261202 exist and current_rebuild → rebuild_20261202');
  });

  it('moves current_rebuild to a new date', () => {
    const root = tmp();
    createRebuildLogLayout(root, '20261201');
    createRebuildLogLayout(root, '20261202');
    expect(readRebuildLogLayout(root, '20261202').currentLink).toBe('rebuild_20261202');
  });

  it('fails missing folders and a missing or wrong link', () => {
    const root = tmp();
    const empty = checkRebuildLogLayout(readRebuildLogLayout(root, '20261202'));
    expect(empty.status).toBe('failed');
    expect(empty.message).toMatch(/24 of 24 folder\(s\) missing: rebuild_20261202\/phase0\/build, .*; current_rebuild is not a symlink\. hint: 000 Task 5\.2/);
    createRebuildLogLayout(root, '20261201');
    createRebuildLogLayout(root, '20261202');
    rmSync(join(root, 'current_rebuild'));
    symlinkSync('rebuild_20261201', join(root, 'current_rebuild'));
    expect(checkRebuildLogLayout(readRebuildLogLayout(root, '20261202')).message).toContain('current_rebuild points at rebuild_20261201, not rebuild_20261202');
    rmSync(join(root, 'rebuild_20261202', 'deployment', 'errors'), { recursive: true });
    writeFileSync(join(root, 'rebuild_20261202', 'deployment', 'errors'), 'a file in the way');
    expect(checkRebuildLogLayout(readRebuildLogLayout(root, '20261202')).message).toContain('1 of 24 folder(s) missing: rebuild_20261202/deployment/errors');
  });
});

describe('pythonAuditRow', () => {
  it('takes the last FROM python: stage and prefers the runtime version for the verdict', () => {
    const dockerfile = { file: 'services/data-api/Dockerfile', from: [{ repository: 'python', tag: '3.9-slim' }, { repository: 'docker.io/library/python', tag: '3.12-alpine' }] };
    expect(pythonAuditRow({ service: 'data-api', container: 'homeiq-data-api', runtimeVersion: '3.9.18', dockerfile }, '3.10')).toEqual({ service: 'data-api', container: 'homeiq-data-api', runtimeVersion: '3.9.18', dockerfilePython: '3.12', dockerfile: 'services/data-api/Dockerfile', status: 'NEEDS_UPGRADE' });
    expect(pythonAuditRow({ service: 'weather-api', dockerfile }, '3.10')).toMatchObject({ container: '', runtimeVersion: '', status: 'OK' });
    expect(pythonAuditRow({ service: 'x' }, '3.10').status).toBe('UNKNOWN');
  });
});
