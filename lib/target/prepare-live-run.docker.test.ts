// The live guards against a real compose project on the Docker daemon (issue #12 item 4): a small "live" checkout in a
// scratch folder (one idle container, one named volume) started with compose, then every guard with its real adapters —
// the foreign-project check reads the daemon's compose labels (DockerodeContainerLabelSource), the backup gate runs
// lib/backup's restore-tested verifier on real backups. Whatever is refused, the running container is unchanged.
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../backup/index.js';
import { clearRegisteredSecrets } from '../common/secrets.js';
import { PhasegateConfigSchema, type PhasegateUserConfig } from '../config/schema.js';
import { DockerodeContainerInspector } from '../docker/index.js';
import { restoreTestedBackupVerifier } from './backup-gate.js';
import { DockerodeContainerLabelSource } from './container-labels.js';
import { prepareLiveRun } from './prepare-live-run.js';

const PROJECT = `pglivetest${process.pid}`;
const CONTAINER = `${PROJECT}-influxdb`;
// The resolver needs an InfluxDB published on 127.0.0.1 and a Home Assistant URL there; no traffic is ever sent (an
// idle busybox `sleep` stands in, on an unused loopback port).
const COMPOSE_YAML = `version: "2.4"
services:
  influxdb:
    image: phasegate/nodebase:${process.versions.node}
    container_name: ${CONTAINER}
    command: ["sleep", "900"]
    ports:
      - "127.0.0.1:28086:8086"
    volumes:
      - data:/data
volumes:
  data: {}
`;
const inspector = new DockerodeContainerInspector();
const labels = new DockerodeContainerLabelSource();

describe('live guards on a real compose project', { timeout: 240_000 }, () => {
  let root: string;
  let checkout: string;
  let compose: string;
  let before: { id: string; startedAt: string };

  const loadedFor = (composeFile: string, backupDir: string, input: PhasegateUserConfig = {}) => ({
    path: join(root, 'phasegate.config.ts'),
    file: 'phasegate.config.ts',
    contradictions: [],
    config: PhasegateConfigSchema.parse({ target: 'live', compose: { files: [composeFile] }, ...input, live: { backupDir, ...input.live } }),
  });
  const env = { COMPOSE_PROJECT_NAME: PROJECT };
  const lockDir = () => join(root, 'locks');
  const unchanged = async () => {
    const now = (await inspector.listProject(PROJECT)).find((c) => c.name === CONTAINER)!;
    expect({ id: now.id, startedAt: now.startedAt, state: now.state }).toEqual({ ...before, state: 'running' });
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pg-live-docker-'));
    checkout = join(root, 'homeiq');
    mkdirSync(checkout);
    compose = join(checkout, 'docker-compose.yml');
    writeFileSync(compose, COMPOSE_YAML);
    writeFileSync(join(checkout, '.env'), 'HOME_ASSISTANT_URL=http://127.0.0.1:28123\n');
    const up = await execa('docker-compose', ['-p', PROJECT, '-f', compose, 'up', '-d'], { cwd: checkout, reject: false, timeout: 120_000 });
    expect(up.exitCode, up.stderr).toBe(0);
    const c = (await inspector.listProject(PROJECT)).find((x) => x.name === CONTAINER)!;
    before = { id: c.id, startedAt: c.startedAt };
  });

  afterAll(async () => {
    clearRegisteredSecrets();
    if (compose) await execa('docker-compose', ['-p', PROJECT, '-f', compose, 'down', '-v'], { cwd: checkout, reject: false, timeout: 120_000 });
    rmSync(root, { recursive: true, force: true });
  });

  it('should let a read-only run on its own project through, checked against the daemon\'s compose labels', async () => {
    const run = await prepareLiveRun({ loaded: loadedFor(compose, join(root, 'none')), env, destructive: null, runFlag: false, labels, verify: restoreTestedBackupVerifier, purpose: 'docker test', lockDir: lockDir() });
    try {
      expect(run.target.projectName).toBe(PROJECT);
      expect(run.destructive).toBeNull();
    } finally {
      run.lock.release();
    }
    await unchanged();
  });

  it('should refuse a config whose compose file is another checkout than the one the running containers came from', async () => {
    const other = join(root, 'other-checkout');
    mkdirSync(other);
    copyFileSync(compose, join(other, 'docker-compose.yml'));
    copyFileSync(join(checkout, '.env'), join(other, '.env'));
    await expect(prepareLiveRun({ loaded: loadedFor(join(other, 'docker-compose.yml'), join(root, 'none')), env, destructive: null, runFlag: false, labels, verify: restoreTestedBackupVerifier, purpose: 'docker test', lockDir: lockDir() }))
      .rejects.toThrow(new RegExp(`${CONTAINER}.*${checkout.replaceAll('/', '\\/')}`, 's'));
    await unchanged();
  });

  it('should refuse a destructive step without the config switch and the run flag, and with a backup that fails its restore test; allow it with a verified one', async () => {
    const backups = join(root, 'backups');
    await expect(prepareLiveRun({ loaded: loadedFor(compose, backups), env, destructive: 'rebuild', runFlag: false, labels, verify: restoreTestedBackupVerifier, purpose: 'docker test', lockDir: lockDir() }))
      .rejects.toThrow(`refusing to rebuild the live project "${PROJECT}"`);

    // A real backup of the project's volume, then one byte of its archive flipped: the restore-tested verifier refuses it.
    const volume = `${PROJECT}_data`;
    await execa('docker', ['run', '--rm', '-v', `${volume}:/data`, `phasegate/nodebase:${process.versions.node}`, 'sh', '-c', 'echo state > /data/state.txt'], { timeout: 60_000 });
    const bad = await createBackup({ dir: join(backups, '20261202_000001'), project: PROJECT, volumes: [volume] });
    const archive = join(bad.dir, bad.record.volumes[0]!.archive);
    const fd = openSync(archive, 'r+');
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, 20);
    writeSync(fd, Buffer.from([byte[0]! ^ 0xff]), 0, 1, 20);
    closeSync(fd);
    const allowed: PhasegateUserConfig = { live: { allowDestructive: true } };
    await expect(prepareLiveRun({ loaded: loadedFor(compose, backups, allowed), env, destructive: 'rebuild', runFlag: true, labels, verify: restoreTestedBackupVerifier, purpose: 'docker test', lockDir: lockDir() }))
      .rejects.toThrow(/missing 1\) a verified backup: .*20261202_000001 failed verification \(.*sha256/s);
    await unchanged();

    // A newer, intact backup: every guard passes (nothing is rebuilt here; the caller would now run the plan).
    await new Promise((r) => setTimeout(r, 1_100));
    await createBackup({ dir: join(backups, '20261202_000002'), project: PROJECT, volumes: [volume] });
    const run = await prepareLiveRun({ loaded: loadedFor(compose, backups, allowed), env, destructive: 'rebuild', runFlag: true, labels, verify: restoreTestedBackupVerifier, purpose: 'docker test', lockDir: lockDir() });
    try {
      expect(run.destructive?.backup.verification).toEqual({ ok: true, problems: [] });
      expect(run.destructive?.backup.newest?.dir).toBe(join(backups, '20261202_000002'));
    } finally {
      run.lock.release();
    }
    await unchanged();
  });
});
