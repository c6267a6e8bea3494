import { execa } from 'execa';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../common/clock.js';
import { clearRegisteredSecrets } from '../common/secrets.js';
import { BackupError } from './backup-error.js';
import { verifiedBackupGate } from './backup-gate.js';
import { readBackupRecord } from './backup-record.js';
import { createBackup, type CreateBackupOptions } from './create-backup.js';
import { FakeBackupRunner, tarGz } from './fake-backup-runner.test-helper.js';
import { listTarGz } from './list-tar-gz.js';
import { restoreRefusal, restoreVolume } from './restore-volume.js';
import { verifyBackup } from './verify-backup.js';

const TS = Date.UTC(2026, 11, 2, 4, 30, 15);
const fixedClock = (): Clock => {
  let t = 0;
  return { now: () => TS, monotonicMs: () => (t += 5), sleep: async () => {} };
};
const ID = `sha256:${'1'.repeat(64)}`;
const BIN = Buffer.from([0, 1, 2, 255, 254, 10, 13, 0, 128]);

describe('createBackup / verifyBackup / restoreVolume (in-memory Docker)', () => {
  let root: string;
  let runner: FakeBackupRunner;
  let options: CreateBackupOptions;
  let lines: string[];

  beforeEach(async () => {
    clearRegisteredSecrets();
    root = await mkdtemp(join(tmpdir(), 'phasegate-backup-unit-'));
    await writeFile(join(root, '.env'), 'HOME_ASSISTANT_TOKEN=eyJhbGciOiJIUzI1NiJ9.secret-token-value\nLOG_LEVEL=INFO\n');
    await writeFile(join(root, 'docker-compose.yml'), 'services: {}\n');
    await mkdir(join(root, 'infrastructure'));
    await writeFile(join(root, 'infrastructure', '.env.websocket'), 'API_KEY=abc12345\n');
    await writeFile(join(root, 'infrastructure', 'notes.md'), '# infra\n');
    runner = new FakeBackupRunner();
    runner.addVolume('homeiq_influxdb_data', { 'engine/data/000.tsm': BIN, 'influxd.bolt': 'bolt', 'engine/wal/_0001.wal': 'wal' });
    runner.addVolume('homeiq_sqlite-data', { 'metadata.db': 'SQLite format 3\0' });
    runner.addImage('homeiq-data-api:latest', ID);
    lines = [];
    options = {
      dir: join(root, 'backups', 'b1'),
      project: 'homeiq',
      volumes: ['homeiq_influxdb_data', 'homeiq_sqlite-data'],
      envFile: join(root, '.env'),
      composeFiles: [join(root, 'docker-compose.yml')],
      infrastructureDir: join(root, 'infrastructure'),
      repoRoot: root,
      images: ['homeiq-data-api:latest'],
      clock: fixedClock(),
      runner,
      log: (l) => lines.push(l),
    };
  });
  afterEach(async () => {
    clearRegisteredSecrets();
    await rm(root, { recursive: true, force: true });
  });

  it('should write every file with one timestamp, a sha256sum-checkable manifest and backup.json', async () => {
    const { dir, record } = await createBackup(options);
    const ts = '20261202_043015';
    expect(record.files.map((f) => f.path).sort()).toEqual([
      `.env.backup_${ts}`,
      'current_images.txt',
      `docker-compose.yml.backup_${ts}`,
      `git_status_${ts}.txt`,
      `images_${ts}.json`,
      `influxdb_data_${ts}.tar.gz`,
      `infrastructure.backup_${ts}/.env.websocket`,
      `infrastructure.backup_${ts}/notes.md`,
      `sqlite_data_${ts}.tar.gz`,
    ]);
    expect(record.volumes.map((v) => [v.name, v.label, v.archive, v.stable, v.fingerprint.files])).toEqual([
      ['homeiq_influxdb_data', 'influxdb_data', `influxdb_data_${ts}.tar.gz`, true, 3],
      ['homeiq_sqlite-data', 'sqlite_data', `sqlite_data_${ts}.tar.gz`, true, 1],
    ]);
    expect(record.tags).toEqual([{ source: 'homeiq-data-api:latest', ref: 'homeiq-data-api:pre-rebuild', imageId: ID, previousImageId: null }]);
    expect(runner.images.get('homeiq-data-api:pre-rebuild')?.id).toBe(ID);
    expect(record.infrastructure).toMatchObject({ files: 2, envFiles: ['.env.websocket'] });
    expect((await stat(join(dir, `.env.backup_${ts}`))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, `infrastructure.backup_${ts}`, '.env.websocket'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, `.env.backup_${ts}`), 'utf8')).toContain('secret-token-value');
    expect(await readFile(join(dir, 'current_images.txt'), 'utf8')).toMatch(/^REPOSITORY +TAG +IMAGE ID +SIZE +SIZE BYTES +CREATED\nhomeiq-data-api +latest +111111111111 +106 MB +106000000 +2026-11-30T10:00:00Z\n$/);
    // The manifest is what `sha256sum -c` reads: checked by the real tool.
    const check = await execa('sha256sum', ['-c', record.manifest], { cwd: dir, reject: false });
    expect(check.exitCode, check.stdout + check.stderr).toBe(0);
    expect(check.stdout.split('\n').filter((l) => l.endsWith(': OK'))).toHaveLength(9);
    expect(await readBackupRecord(dir)).toEqual(record);
    // Logs carry sizes and hashes of the archives, never the env secret.
    expect(lines.join('\n')).toMatch(new RegExp(`influxdb_data_${ts}\\.tar\\.gz: \\d+ bytes sha256 [0-9a-f]{64}`));
    expect(lines.join('\n')).not.toContain('secret-token-value');
  });

  it('should fail before writing anything when a volume or image is missing, and never create the volume', async () => {
    await expect(createBackup({ ...options, volumes: ['homeiq_influxdb_data', 'homeiq_nope'] })).rejects.toThrow(/^volume homeiq_nope does not exist\nhint: list volumes with `docker volume ls`; phasegate never creates/);
    expect(runner.volumes.has('homeiq_nope')).toBe(false);
    await expect(createBackup({ ...options, images: ['ghost:1'] })).rejects.toMatchObject({ reason: 'missing-image', message: expect.stringMatching(/^image ghost:1 does not exist/) });
    await expect(stat(join(root, 'backups', 'b1'))).rejects.toThrow(/ENOENT/);
    expect(runner.calls).toEqual([]);
  });

  it('should refuse a non-empty output folder', async () => {
    await mkdir(options.dir!, { recursive: true });
    await writeFile(join(options.dir!, 'x'), 'x');
    await expect(createBackup(options)).rejects.toMatchObject({ reason: 'dir-exists' });
  });

  it('should record a volume that changed while it was archived as unstable; the restore test proves the archive against the fingerprint taken before it', async () => {
    runner.writeDuringArchive = { 'engine/wal/_0002.wal': 'late write' };
    const { dir, record } = await createBackup({ ...options, volumes: ['homeiq_influxdb_data'] });
    expect(record.volumes[0]!.stable).toBe(false);
    expect(lines.join('\n')).toContain('WARNING: the volume changed while it was archived');
    const v = await verifyBackup(dir, { runner, restoreTest: true });
    expect(v.files.every((f) => f.ok)).toBe(true);
    expect(v.restoreTests[0]).toMatchObject({ identical: true });
    // The archive is the state before the late write; what the restore test proves is the archive, not the live volume.
  });

  it('should verify a good backup, including restore tests into scratch volumes that are removed afterwards', async () => {
    const { dir } = await createBackup(options);
    const v = await verifyBackup(dir, { runner, restoreTest: true, scratchPrefix: 'pgtest-backup-unit-' });
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.archives.map((a) => [a.volume, a.listed, a.files])).toEqual([['homeiq_influxdb_data', true, 3], ['homeiq_sqlite-data', true, 1]]);
    expect(v.restoreTests.map((t) => [t.volume, t.identical])).toEqual([['homeiq_influxdb_data', true], ['homeiq_sqlite-data', true]]);
    expect(v.tags).toEqual([{ ref: 'homeiq-data-api:pre-rebuild', expectedImageId: ID, imageId: ID, ok: true }]);
    expect([...runner.volumes.keys()].filter((k) => k.startsWith('pgtest-backup-unit-'))).toEqual([]);
    expect(runner.calls.filter((c) => c.startsWith('create ')).length).toBe(2);
    expect(await verifiedBackupGate(dir, { runner, requiredVolumes: ['homeiq_influxdb_data'] }).verify([])).toMatchObject({ ok: true });
    expect(await verifiedBackupGate(dir, { runner, requiredVolumes: ['homeiq_other'] }).verify([])).toMatchObject({ ok: false, detail: 'volume homeiq_other is not in the backup' });
  });

  it('should name the file of a flipped byte, a truncated archive, an empty file, a missing file and a moved tag', async () => {
    const { dir, record } = await createBackup(options);
    const influx = record.volumes[0]!.archive;
    const bytes = await readFile(join(dir, influx));
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await writeFile(join(dir, influx), bytes);
    const sqlite = record.volumes[1]!.archive;
    await writeFile(join(dir, sqlite), (await readFile(join(dir, sqlite))).subarray(0, 20));
    await writeFile(join(dir, 'current_images.txt'), '');
    await rm(join(dir, `git_status_${record.timestamp}.txt`));
    runner.images.set('homeiq-data-api:pre-rebuild', { id: `sha256:${'2'.repeat(64)}`, repoTags: [], sizeBytes: 1, created: '' });
    const v = await verifyBackup(dir, { runner, restoreTest: true });
    expect(v.ok).toBe(false);
    const byPath = Object.fromEntries(v.files.map((f) => [f.path, f.problem]));
    expect(byPath[influx]).toMatch(new RegExp(`^sha256 mismatch: manifest ${record.files.find((f) => f.path === influx)!.sha256}, file now [0-9a-f]{64} \\(\\d+ bytes\\)$`));
    expect(byPath['current_images.txt']).toBe('empty (0 bytes)');
    expect(byPath[`git_status_${record.timestamp}.txt`]).toBe('missing');
    expect(v.archives.find((a) => a.path === sqlite)).toMatchObject({ listed: false, ok: false, problem: expect.stringMatching(/^does not list: /) });
    expect(v.restoreTests.map((t) => t.problem)).toEqual(['not run: the archive failed its checksum or listing', 'not run: the archive failed its checksum or listing']);
    expect(v.problems).toContain(`tag homeiq-data-api:pre-rebuild: points at sha256:222222222222, not the recorded sha256:111111111111`);
    expect(v.problems.some((p) => p.startsWith(`${influx}: sha256 mismatch`))).toBe(true);
  });

  it('should verify a plan-made folder that has only a manifest (000 Task 1.4) and note several manifests', async () => {
    const dir = join(root, 'plan');
    await mkdir(dir);
    await writeFile(join(dir, 'influxdb_data_20260204_111804.tar.gz'), tarGz({ 'a.txt': 'a' }));
    const { hashFile } = await import('./hash-file.js');
    const h = (await hashFile(join(dir, 'influxdb_data_20260204_111804.tar.gz'))).sha256;
    await writeFile(join(dir, 'backup_manifest_20260204_111805.txt'), `${h}  influxdb_data_20260204_111804.tar.gz\n`);
    await writeFile(join(dir, 'backup_manifest_20260101_000000.txt'), `${h}  old.tar.gz\n`);
    const v = await verifyBackup(dir, { checkTags: false });
    expect(v).toMatchObject({ ok: true, manifest: 'backup_manifest_20260204_111805.txt', record: null });
    expect(v.archives).toEqual([{ volume: 'influxdb_data', path: 'influxdb_data_20260204_111804.tar.gz', listed: true, entries: 2, files: 1, ok: true }]);
    expect(v.notes[0]).toMatch(/^2 manifests in one folder/);
    await expect(verifyBackup(join(root, 'nowhere'))).rejects.toThrow(/backup folder .*nowhere does not exist/);
    await expect(verifyBackup(root, { checkTags: false })).rejects.toThrow(/has no backup\.json and no backup_manifest_<ts>\.txt/);
  });

  it('should refuse to restore into a non-empty volume unless replace, then empty it first', async () => {
    const { dir, record } = await createBackup(options);
    const archive = join(dir, record.volumes[0]!.archive);
    runner.volumes.get('homeiq_influxdb_data')!.set('deleted-since-backup.tsm', Buffer.from('stale'));
    const refused = await restoreVolume(archive, 'homeiq_influxdb_data', { runner }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BackupError);
    expect((refused as BackupError).reason).toBe('restore-refused');
    expect((refused as Error).message).toMatch(/^refusing to restore into volume homeiq_influxdb_data: it is not empty \(holds deleted-since-backup\.tsm, engine, influxd\.bolt\)\nhint: pass --replace .*keeps every file deleted since the backup/);
    expect(runner.calls.some((c) => c.startsWith('extract'))).toBe(false);
    const r = await restoreVolume(archive, 'homeiq_influxdb_data', { runner, replace: true, expectedSha256: record.files.find((f) => f.path === record.volumes[0]!.archive)!.sha256, expectedFingerprint: record.volumes[0]!.fingerprint });
    expect(r).toMatchObject({ replaced: true, identical: true });
    expect(runner.volumes.get('homeiq_influxdb_data')!.has('deleted-since-backup.tsm')).toBe(false);
    await expect(restoreVolume(archive, 'homeiq_gone', { runner })).rejects.toMatchObject({ reason: 'missing-volume' });
    await expect(restoreVolume(archive, 'homeiq_influxdb_data', { runner, replace: true, expectedSha256: 'f'.repeat(64) })).rejects.toMatchObject({ reason: 'checksum-mismatch' });
    expect(restoreRefusal('v', [], false)).toBeUndefined();
    expect(restoreRefusal('v', ['a'], true)).toBeUndefined();
  });

  it('should list tar.gz entries and reject corrupt gzip, bad tar headers and truncation', async () => {
    const file = join(root, 'a.tar.gz');
    await writeFile(file, tarGz({ 'nested/deep/blob.bin': BIN, 'top.txt': 'x'.repeat(1500) }));
    expect(await listTarGz(file)).toEqual({ entries: ['./', './nested/', './nested/deep/', './nested/deep/blob.bin', './top.txt'], files: 2, bytes: BIN.length + 1500 });
    await writeFile(file, Buffer.from('not gzip at all'));
    await expect(listTarGz(file)).rejects.toThrow(/incorrect header check/);
    const { gzipSync } = await import('node:zlib');
    await writeFile(file, gzipSync(Buffer.alloc(512, 65)));
    await expect(listTarGz(file)).rejects.toThrow(/bad tar header/);
    const good = tarGz({ 'top.txt': 'x'.repeat(5000) });
    await writeFile(file, good.subarray(0, good.length - 12));
    await expect(listTarGz(file)).rejects.toThrow(/unexpected end of file|truncated/);
  });
});
