// Real Docker: a scratch volume (nested dir, binary file) backed up, verified with a restore test, corrupted,
// and restored — through throwaway `--network none` containers of phasegate/nodebase:local. Everything this file
// creates is named pgtest-backup-<random>-… and removed in afterAll.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { volumeFingerprint } from '../docker/volume-fingerprint.js';
import { BackupError } from './backup-error.js';
import { DockerCliBackupRunner } from './backup-runner.js';
import { createBackup, type CreatedBackup } from './create-backup.js';
import { listTarGz } from './list-tar-gz.js';
import { restoreVolume } from './restore-volume.js';
import { verifyBackup } from './verify-backup.js';

const PREFIX = `pgtest-backup-${randomBytes(3).toString('hex')}`;
const VOLUME = `${PREFIX}_app-data`;
const IMAGE = `${PREFIX}-img`;
const runner = new DockerCliBackupRunner({ timeoutMs: 120_000 });
let root: string;
let backup: CreatedBackup;

const inVolume = (volume: string, script: string) => execa('docker', ['run', '--rm', '--network', 'none', '-v', `${volume}:/v`, 'phasegate/nodebase:local', 'sh', '-c', script]);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pgtest-backup-'));
  await execa('docker', ['volume', 'create', VOLUME]);
  // Text, a nested directory, a 64 KiB binary file with every byte value, an empty file and a name with a space.
  await inVolume(VOLUME, 'mkdir -p /v/engine/data/deep && echo "acknowledged points" > /v/points.lp && head -c 65536 /dev/urandom > /v/engine/data/deep/000001.tsm && printf "\\000\\001\\377\\n\\r" > /v/engine/bin.dat && : > /v/empty && echo x > "/v/with space.txt"');
  await execa('docker', ['tag', 'phasegate/nodebase:local', `${IMAGE}:latest`]);
  await writeFile(join(root, '.env'), 'INFLUXDB_TOKEN=docker-test-secret-0001\n');
  await writeFile(join(root, 'docker-compose.yml'), 'services: {}\n');
}, 120_000);

afterAll(async () => {
  const vols = await execa('docker', ['volume', 'ls', '-q', '--filter', `name=${PREFIX}`], { reject: false });
  const names = String(vols.stdout).split('\n').filter((n) => n.startsWith(PREFIX));
  if (names.length > 0) await execa('docker', ['volume', 'rm', '-f', ...names], { reject: false });
  await execa('docker', ['rmi', `${IMAGE}:latest`, `${IMAGE}:pre-rebuild`], { reject: false });
  await rm(root, { recursive: true, force: true });
}, 120_000);

describe.sequential('backup on a real Docker volume', { timeout: 240_000 }, () => {
  it('should archive the volume read-only, tag the image, and write a manifest sha256sum -c accepts', async () => {
    const source = await volumeFingerprint(VOLUME);
    const lines: string[] = [];
    backup = await createBackup({ dir: join(root, 'b'), project: PREFIX, volumes: [VOLUME], envFile: join(root, '.env'), composeFiles: [join(root, 'docker-compose.yml')], repoRoot: root, images: [`${IMAGE}:latest`], runner, log: (l) => lines.push(l) });
    const { record, dir } = backup;
    expect(record.volumes).toHaveLength(1);
    expect(record.volumes[0]).toMatchObject({ name: VOLUME, label: 'app_data', stable: true, fingerprint: source });
    expect(source.files).toBe(5);
    const check = await execa('sha256sum', ['-c', record.manifest], { cwd: dir, reject: false });
    expect(check.exitCode, check.stdout + check.stderr).toBe(0);
    // Our listing agrees with GNU tar's.
    const archive = join(dir, record.volumes[0]!.archive);
    const gnu = (await execa('tar', ['-tzf', archive])).stdout.split('\n').filter(Boolean).sort();
    expect([...(await listTarGz(archive)).entries].sort()).toEqual(gnu);
    expect(gnu).toContain('./engine/data/deep/000001.tsm');
    expect(record.tags).toEqual([{ source: `${IMAGE}:latest`, ref: `${IMAGE}:pre-rebuild`, imageId: record.images[0]!.id, previousImageId: null }]);
    expect(await readFile(join(dir, 'current_images.txt'), 'utf8')).toMatch(new RegExp(`^${IMAGE} +latest +[0-9a-f]{12} `, "m"));
    expect(record.git).toMatchObject({ isRepo: false });
    expect(lines.join('\n')).not.toContain('docker-test-secret-0001');
    // The backup never wrote to the source.
    expect(await volumeFingerprint(VOLUME)).toEqual(source);
  });

  it('should verify with a restore test into a scratch volume it removes again', async () => {
    const v = await verifyBackup(backup.dir, { restoreTest: true, runner, scratchPrefix: `${PREFIX}-rt-` });
    expect(v.problems).toEqual([]);
    expect(v.restoreTests).toEqual([{ volume: VOLUME, archive: backup.record.volumes[0]!.archive, sourceFingerprint: backup.record.volumes[0]!.fingerprint, restoredFingerprint: backup.record.volumes[0]!.fingerprint, identical: true }]);
    expect(v.tags[0]).toMatchObject({ ok: true });
    const left = await execa('docker', ['volume', 'ls', '-q', '--filter', `name=${PREFIX}-rt-`]);
    expect(left.stdout.trim()).toBe('');
  });

  it('should refuse to restore into the non-empty source, restore into an empty volume, and replace on request', async () => {
    const archive = join(backup.dir, backup.record.volumes[0]!.archive);
    const expected = backup.record.volumes[0]!.fingerprint;
    const refused = await restoreVolume(archive, VOLUME, { runner }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BackupError);
    expect((refused as Error).message).toMatch(/^refusing to restore into volume .*_app-data: it is not empty \(holds empty, engine, points\.lp, with space\.txt\)/);
    await expect(restoreVolume(archive, `${PREFIX}_never-created`, { runner })).rejects.toMatchObject({ reason: 'missing-volume' });
    expect((await execa('docker', ['volume', 'inspect', `${PREFIX}_never-created`], { reject: false })).exitCode).not.toBe(0);
    await execa('docker', ['volume', 'create', `${PREFIX}_fresh`]);
    expect(await restoreVolume(archive, `${PREFIX}_fresh`, { runner, expectedFingerprint: expected })).toMatchObject({ replaced: false, identical: true });
    // A file written after the backup: --replace must remove it, which the plan's tar-over-data restore would not.
    await inVolume(VOLUME, 'echo late > /v/engine/late.wal && rm /v/points.lp');
    const replaced = await restoreVolume(archive, VOLUME, { runner, replace: true, expectedFingerprint: expected });
    expect(replaced).toMatchObject({ replaced: true, identical: true });
    expect(await volumeFingerprint(VOLUME)).toEqual(expected);
  });

  it('should fail verification naming the archive after one flipped byte', async () => {
    const name = backup.record.volumes[0]!.archive;
    const file = join(backup.dir, name);
    const bytes = await readFile(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    await writeFile(file, bytes);
    const v = await verifyBackup(backup.dir, { restoreTest: true, runner, scratchPrefix: `${PREFIX}-rt-` });
    expect(v.ok).toBe(false);
    expect(v.files.find((f) => f.path === name)?.problem).toMatch(/^sha256 mismatch: manifest [0-9a-f]{64}, file now [0-9a-f]{64}/);
    expect(v.archives[0]).toMatchObject({ listed: false, ok: false });
    expect(v.problems.some((p) => p.startsWith(`${name}: sha256 mismatch`))).toBe(true);
    const check = await execa('sha256sum', ['-c', backup.record.manifest], { cwd: backup.dir, reject: false });
    expect(check.stdout).toContain(`${name}: FAILED`);
  });
});
