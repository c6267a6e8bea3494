import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../backup/create-backup.js';
import { FakeBackupRunner } from '../backup/fake-backup-runner.test-helper.js';
import { verifyBackup, type BackupVerification } from '../backup/verify-backup.js';
import { BACKUP_CRITERIA, checkBackupCriteria, checkBackupCriterion } from './check-backup.js';

const ID = `sha256:${'1'.repeat(64)}`;
let root: string;
let good: BackupVerification;
let runner: FakeBackupRunner;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'phasegate-check-backup-'));
  await writeFile(join(root, '.env'), 'API_KEY=abcdef123456\n');
  await writeFile(join(root, 'docker-compose.yml'), 'services: {}\n');
  await mkdir(join(root, 'infrastructure'));
  await writeFile(join(root, 'infrastructure', '.env.influxdb'), 'INFLUXDB_TOKEN=t0k3n-value\n');
  runner = new FakeBackupRunner();
  runner.addVolume('homeiq_influxdb_data', { 'engine/data/1.tsm': 'tsm' });
  runner.addVolume('homeiq_sqlite-data', { 'metadata.db': 'db' });
  runner.addImage('homeiq-data-api:latest', ID);
  const { dir } = await createBackup({
    dir: join(root, 'b'), project: 'homeiq', volumes: ['homeiq_influxdb_data', 'homeiq_sqlite-data'], envFile: join(root, '.env'),
    composeFiles: [join(root, 'docker-compose.yml')], infrastructureDir: join(root, 'infrastructure'), repoRoot: root, images: ['homeiq-data-api:latest'], runner,
    clock: { now: () => Date.UTC(2026, 11, 2, 4, 30, 15), monotonicMs: () => 0, sleep: async () => {} },
  });
  good = await verifyBackup(dir, { runner, restoreTest: true, scratchPrefix: 'pgtest-backup-check-' });
});
afterAll(() => rm(root, { recursive: true, force: true }));

const by = (v: BackupVerification) => Object.fromEntries(checkBackupCriteria(v).map((r) => [r.criterionId, r]));

describe('checkBackupCriteria', () => {
  it('should pass every P0-S1 criterion and P0-SC1 on a complete, restore-tested backup', () => {
    const results = checkBackupCriteria(good);
    expect(results.map((r) => r.criterionId)).toEqual([...BACKUP_CRITERIA]);
    expect(results.filter((r) => r.status !== 'passed').map((r) => `${r.criterionId}: ${r.message}`)).toEqual([]);
    const r = by(good);
    expect(r['P0-S1-AC1a']!.message).toMatch(/^InfluxDB volume homeiq_influxdb_data archived to influxdb_data_20261202_043015\.tar\.gz \(\d+ bytes, sha256 [0-9a-f]{12}… ok\) in /);
    expect(r['P0-S1-AC1c']!.message).toMatch(/lists 4 entries \(1 files\).*; restored into scratch volumes: 2 identical to the source fingerprints$/);
    expect(r['P0-S1-AC4b']!.message).toMatch(/^sha256sum -c backup_manifest_20261202_043015\.txt: 8\/8 OK in /);
    expect(r['P0-S1-AC2c']!.message).toMatch(/copied to infrastructure\.backup_20261202_043015\/ \(1 files, checksums ok; env files: \.env\.influxdb\)$/);
    expect(r['P0-S1-T3']!.message).toBe(`1 rollback tag(s) resolve to the recorded images: homeiq-data-api:pre-rebuild → ${ID.slice(0, 19)}`);
    expect(r['P0-SC1']!.message).toMatch(/every Phase 0 Story 1 check passed; 2 archive\(s\) restored identical$/);
  });

  it('should skip the SQLite criterion when the target has no sqlite volume, never pass it', () => {
    const record = { ...good.record!, volumes: good.record!.volumes.filter((v) => v.label !== 'sqlite_data') };
    const v = { ...good, record, archives: good.archives.filter((a) => !a.volume.endsWith('sqlite-data')), restoreTests: good.restoreTests.filter((t) => !t.volume.endsWith('sqlite-data')) };
    const r = checkBackupCriterion('P0-S1-AC1b', v);
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/^skipped: no sqlite volume in this target \(the backup in .* holds homeiq_influxdb_data\)/);
    expect(by(v)['P0-SC1']).toMatchObject({ status: 'passed', message: expect.stringContaining('skipped: P0-S1-AC1b') });
  });

  it('should fail AC1a without an InfluxDB archive and name what the backup holds', () => {
    const v = { ...good, archives: good.archives.filter((a) => !a.volume.includes('influx')) };
    expect(checkBackupCriterion('P0-S1-AC1a', v)).toMatchObject({ status: 'failed', message: expect.stringMatching(/^no InfluxDB volume archive in .* \(volumes: homeiq_sqlite-data\); expected an archive of <project>_influxdb_data\. hint: /) });
  });

  it('should fail the archive, manifest and size criteria on a corrupt archive, naming the file and the mismatch', () => {
    const archive = good.record!.volumes[0]!.archive;
    const files = good.files.map((f) => (f.path === archive ? { ...f, ok: false, sha256: 'f'.repeat(64), problem: `sha256 mismatch: manifest ${f.sha256}, file now ${'f'.repeat(64)} (${f.bytes} bytes)` } : f));
    const archives = good.archives.map((a) => (a.path === archive ? { ...a, listed: false, ok: false, problem: 'does not list: invalid stored block lengths' } : a));
    const v = { ...good, ok: false, files, archives, problems: ['x'] };
    const r = by(v);
    expect(r['P0-S1-AC1a']).toMatchObject({ status: 'failed', message: expect.stringMatching(new RegExp(`^InfluxDB volume homeiq_influxdb_data: ${archive}: sha256 mismatch: manifest [0-9a-f]{64}, file now f{64} \\(\\d+ bytes\\) in .*hint: create a new backup`)) });
    expect(r['P0-S1-AC1c']).toMatchObject({ status: 'failed', measurement: '1/2', message: expect.stringContaining(`1 of 2 archive(s) cannot be extracted: ${archive} does not list: invalid stored block lengths`) });
    expect(r['P0-S1-AC4b']).toMatchObject({ status: 'failed', measurement: '7/8', message: expect.stringMatching(/^sha256sum -c backup_manifest_20261202_043015\.txt: 1 of 8 failed: influxdb_data_.*hint: the backup changed after it was made/) });
    expect(r['P0-S1-AC1d']!.status).toBe('failed');
    expect(r['P0-S1-AC4a']!.status).toBe('passed');
    expect(r['P0-SC1']).toMatchObject({ status: 'failed', message: expect.stringMatching(/^4 Phase 0 Story 1 check\(s\) not passed: P0-S1-AC1a failed, P0-S1-AC1c failed, P0-S1-AC1d failed, P0-S1-AC4b failed/) });
  });

  it('should fail AC4a on an empty or missing file with its path', () => {
    const files = good.files.map((f) => (f.path === 'current_images.txt' ? { ...f, bytes: 0, ok: false, problem: 'empty (0 bytes)' } : f));
    expect(checkBackupCriterion('P0-S1-AC4a', { ...good, files })).toMatchObject({ status: 'failed', measurement: '7/8', message: expect.stringMatching(/^1 of 8 file\(s\) missing or empty: current_images\.txt: empty \(0 bytes\) in /) });
  });

  it('should fail T3 on a moved tag and an untagged image, and give error when tags were not resolved', () => {
    const moved = { ...good, tags: [{ ...good.tags[0]!, imageId: null, ok: false }] };
    expect(checkBackupCriterion('P0-S1-T3', moved)).toMatchObject({ status: 'failed', message: expect.stringMatching(/^1 of 1 rollback tag\(s\) broken: homeiq-data-api:pre-rebuild does not exist\. hint: a teardown \(003 L521 rmi -f\)/) });
    const untagged = { ...good, record: { ...good.record!, tags: [] } };
    expect(checkBackupCriterion('P0-S1-T3', untagged)).toMatchObject({ status: 'failed', message: 'not tagged :pre-rebuild: homeiq-data-api:latest' });
    expect(checkBackupCriterion('P0-S1-T3', { ...good, tags: [] }).status).toBe('error');
  });

  it('should require a restore test for P0-SC1 unless told otherwise', () => {
    const v = { ...good, restoreTests: [] };
    expect(by(v)['P0-SC1']).toMatchObject({ status: 'failed', message: expect.stringMatching(/^created and checksummed, but not restore-tested: influxdb_data_.*, sqlite_data_.*\. hint: phasegate backup verify .* --restore-test$/) });
    expect(checkBackupCriteria(v, { requireRestoreTest: false }).at(-1)!.status).toBe('passed');
    const differs = { ...good, restoreTests: [{ ...good.restoreTests[0]!, identical: false, problem: 'differs: source 1 files …' }] };
    expect(checkBackupCriterion('P0-S1-AC1c', differs)).toMatchObject({ status: 'failed', message: expect.stringContaining('1 restore test(s) failed') });
  });

  it('should skip git status outside a repository and the infrastructure copy when the target has none', () => {
    const r = { ...good.record!, git: { ...good.record!.git!, isRepo: false }, infrastructure: { source: '/x/infrastructure', backup: null, files: 0, envFiles: [], note: '/x/infrastructure does not exist in this target' } };
    expect(checkBackupCriterion('P0-S1-AC2d', { ...good, record: r })).toMatchObject({ status: 'skipped', message: expect.stringMatching(/^skipped: .* is not a git repository; git_status_20261202_043015\.txt records why$/) });
    expect(checkBackupCriterion('P0-S1-AC2c', { ...good, record: r })).toMatchObject({ status: 'skipped', message: 'skipped: no infrastructure folder in this target (/x/infrastructure does not exist in this target)' });
    expect(checkBackupCriterion('P0-S1-AC2a', { ...good, record: { ...r, env: null } })).toMatchObject({ status: 'failed', message: expect.stringMatching(/^no \.env backup in .*hint: phasegate backup create --env-file \.env$/) });
  });

  it('should never print a secret from the backed-up env files', () => {
    expect(JSON.stringify(checkBackupCriteria(good))).not.toMatch(/abcdef123456|t0k3n-value/);
  });
});
