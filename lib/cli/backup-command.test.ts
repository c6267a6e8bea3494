import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../common/exit-codes.js';
import { clearRegisteredSecrets } from '../common/secrets.js';
import { FakeBackupRunner } from '../backup/fake-backup-runner.test-helper.js';
import { backupCommand, type BackupCommandDeps } from './backup-command.js';
import { main } from './main.js';

const COMPOSE = `name: homeiq
services:
  influxdb:
    image: influxdb:2.7.12
    volumes: [influxdb_data:/var/lib/influxdb2, influxdb_config:/etc/influxdb2]
  data-api:
    image: homeiq-data-api:latest
    volumes: [sqlite-data:/app/data]
volumes:
  influxdb_data: {}
  influxdb_config: {}
  sqlite-data: {}
`;

describe('phasegate backup', () => {
  let root: string;
  let runner: FakeBackupRunner;
  let out: string[];
  let err: string[];
  let deps: BackupCommandDeps;

  beforeEach(async () => {
    clearRegisteredSecrets();
    root = await mkdtemp(join(tmpdir(), 'phasegate-backup-cli-'));
    await writeFile(join(root, 'docker-compose.yml'), COMPOSE);
    await writeFile(join(root, '.env'), 'INFLUXDB_TOKEN=cli-secret-token-1234\n');
    runner = new FakeBackupRunner();
    runner.addVolume('homeiq_influxdb_data', { 'engine/1.tsm': 'tsm' });
    runner.addVolume('homeiq_sqlite-data', { 'metadata.db': 'db' });
    runner.addImage('influxdb:2.7.12', `sha256:${'a'.repeat(64)}`);
    runner.addImage('homeiq-data-api:latest', `sha256:${'b'.repeat(64)}`);
    out = [];
    err = [];
    deps = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: root, env: {}, rootDir: root, runner, clock: { now: () => Date.UTC(2026, 11, 2, 5, 0, 0), monotonicMs: () => 0, sleep: async () => {} } };
  });
  afterEach(async () => {
    clearRegisteredSecrets();
    await rm(root, { recursive: true, force: true });
  });

  it('create derives volumes and images from the compose project, skips declared volumes that do not exist, and verify passes', async () => {
    expect(await backupCommand(['create', '--compose', 'docker-compose.yml', '--dir', 'b'], deps)).toBe(0);
    expect(err.join('\n')).toContain('[backup] declared but not present (never created, not backed up): homeiq_influxdb_config');
    expect(runner.volumes.has('homeiq_influxdb_config')).toBe(false);
    expect(out.join('\n')).toMatch(/^backup .*\/b\n {2}2 volume\(s\): homeiq_influxdb_data → influxdb_data_20261202_050000\.tar\.gz, homeiq_sqlite-data → sqlite_data_20261202_050000\.tar\.gz\n {2}\d+ file\(s\) in backup_manifest_20261202_050000\.txt; 2 image\(s\) cataloged; 2 tag\(s\) :pre-rebuild\nverify it: phasegate backup verify .*\/b --restore-test$/);
    expect([...runner.images.keys()].filter((k) => k.endsWith(':pre-rebuild')).sort()).toEqual(['homeiq-data-api:pre-rebuild', 'influxdb:pre-rebuild']);
    expect(err.join('\n') + out.join('\n')).not.toContain('cli-secret-token-1234');
    const record = JSON.parse(await readFile(join(root, 'b', 'backup.json'), 'utf8')) as { infrastructure: { note: string }; git: { isRepo: boolean } };
    expect(record.infrastructure.note).toMatch(/infrastructure does not exist in this target$/);

    out = [];
    expect(await backupCommand(['verify', 'b', '--restore-test'], deps)).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^ {2}restore identical influxdb_data_20261202_050000\.tar\.gz: 1 files$/m);
    expect(text).toMatch(/^ {2}passed {2}P0-SC1 {6}backup .*every Phase 0 Story 1 check passed; skipped: P0-S1-AC2c; 2 archive\(s\) restored identical$/m);
    expect(text).toMatch(/\nverified: \d+ files, 2 archives, 2 restore tests$/);
  });

  it('create --volume takes short names; a missing volume fails with exit 74 through main and creates nothing', async () => {
    expect(await backupCommand(['create', '-f', 'docker-compose.yml', '--dir', 'b', '--volume', 'influxdb_data'], deps)).toBe(0);
    expect(out.join('\n')).toContain('1 volume(s): homeiq_influxdb_data → influxdb_data_');
    const errors: string[] = [];
    const code = await main(['backup', 'create', '--compose', join(root, 'docker-compose.yml'), '--dir', join(root, 'c'), '--volume', 'homeiq_ghost'], { out: () => {}, err: (t) => errors.push(t), cwd: root });
    // main builds the real Docker runner; without the volume on the daemon (or without a daemon) it must stop, never create.
    expect([ExitCode.BackupFailed]).toContain(code);
    expect(errors.join('\n')).toMatch(/^phasegate: (volume homeiq_ghost does not exist|docker volume inspect homeiq_ghost failed)/);
  });

  it('verify exits 1 and names the corrupted file; restore refuses a non-empty volume, then --replace restores it', async () => {
    await backupCommand(['create', '--compose', 'docker-compose.yml', '--dir', 'b'], deps);
    const archive = join(root, 'b', 'sqlite_data_20261202_050000.tar.gz');
    const bytes = await readFile(archive);
    bytes[bytes.length - 5]! ^= 1;
    await writeFile(archive, bytes);
    out = [];
    expect(await backupCommand(['verify', 'b'], deps)).toBe(1);
    expect(out.join('\n')).toMatch(/^ {2}FAILED sqlite_data_20261202_050000\.tar\.gz: sha256 mismatch: manifest [0-9a-f]{64}, file now [0-9a-f]{64}/m);
    expect(out.join('\n')).toMatch(/^ {2}failed {2}P0-S1-AC4b {2}sha256sum -c backup_manifest_20261202_050000\.txt: 1 of \d+ failed: sqlite_data_/m);

    runner.volumes.get('homeiq_influxdb_data')!.set('new-since-backup', Buffer.from('x'));
    await expect(backupCommand(['restore', 'b', '--volume', 'influxdb_data'], deps)).rejects.toThrow(/^refusing to restore into volume homeiq_influxdb_data: it is not empty/);
    out = [];
    expect(await backupCommand(['restore', 'b', '--volume', 'influxdb_data', '--replace'], deps)).toBe(0);
    expect(out[0]).toMatch(/^restored influxdb_data_20261202_050000\.tar\.gz into homeiq_influxdb_data \(replaced: held engine, new-since-backup\): 1 files, identical to the backed-up volume/);
    await expect(backupCommand(['restore', 'b', '--volume', 'sqlite-data', '--replace'], deps)).rejects.toMatchObject({ reason: 'checksum-mismatch' });
    await expect(backupCommand(['restore', 'b', '--volume', 'nope'], deps)).rejects.toThrow(/holds no archive of volume nope \(it has homeiq_influxdb_data \(influxdb_data\), homeiq_sqlite-data \(sqlite_data\)\)/);
  });

  it('prints usage and exits 2 on a usage error', async () => {
    expect(await backupCommand(['verify'], deps)).toBe(2);
    expect(err.at(-1)).toMatch(/^phasegate backup: verify needs <dir>\n\nusage: phasegate backup/);
    expect(await backupCommand(['restore', 'b'], deps)).toBe(2);
    expect(await backupCommand(['create', '--bogus'], deps)).toBe(2);
    expect(await backupCommand(['--help'], deps)).toBe(0);
  });
});
