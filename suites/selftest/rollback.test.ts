// Self-test of the rollback gate (suites/rollback): DEP-RB-P3 "pre-rollback backups available, checksums OK" is proven
// able to FAIL on the reference stack. The sqlite-data volume is backed up with its owner (data-api) stopped, exactly
// as the drill does; one byte of the archive is then flipped, as a disk or a copy would, and the same roll-up the
// drill computes must fail naming the archive. A second scenario restores the untouched archive and passes.
import { mkdtempSync, openSync, readSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup, verifyBackup, type CreatedBackup } from '../../lib/backup/index.js';
import { checkBackupCriterion, rollUp } from '../../lib/checks/index.js';
import { DockerodeContainerInspector, waitForHealthy } from '../../lib/docker/index.js';
import { expectFails, gate, target } from '../_setup/gate.js';

const t = target();
const inspector = new DockerodeContainerInspector();
const PARTS = ['P0-S1-AC1a', 'P0-S1-AC1b', 'P0-S1-AC1c', 'P0-S1-AC4b'] as const;
const stopContainers = async (...names: string[]) => execa('docker', ['stop', ...names], { reject: false, timeout: 60_000 });

describe('self-test: the rollback checks fail on their faults', { timeout: 300_000 }, () => {
  let dir: string;
  let backup: CreatedBackup;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'phasegate-selftest-rollback-'));
    const containers = await inspector.listProject(t.projectName);
    const owners = containers.filter((c) => c.service === 'data-api' || c.service === 'influxdb');
    const volumes = String((await execa('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${t.projectName}`], { reject: false })).stdout)
      .split('\n')
      .filter((v) => /(^|_)(influxdb_data|sqlite-data)$/.test(v));
    expect(volumes, 'the reference stack declares influxdb_data and sqlite-data').toHaveLength(2);
    // Cold, as the drill: the writers stopped while their volumes are archived.
    await stopContainers(...owners.map((c) => c.name));
    try {
      backup = await createBackup({ dir: join(dir, 'backup'), project: t.projectName, volumes });
    } finally {
      await execa('docker', ['start', ...owners.map((c) => c.name)], { reject: false, timeout: 60_000 });
      await waitForHealthy(inspector, owners.map((c) => c.name), { timeoutMs: 120_000 });
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('healthy: a cold backup of influxdb_data and sqlite-data verifies, restore-tested (DEP-RB-P3 passes)', async (ctx) => {
    const v = await verifyBackup(backup.dir, { restoreTest: true, checkTags: false });
    gate(ctx, rollUp('DEP-RB-P3', 'pre-rollback backups available', PARTS.map((id) => checkBackupCriterion(id, v))));
  });

  it('DEP-RB-P3 fails when a byte of the InfluxDB archive is flipped after the backup', async (ctx) => {
    const volume = backup.record.volumes.find((v) => v.label === 'influxdb_data')!;
    const file = join(backup.dir, volume.archive);
    const fd = openSync(file, 'r+');
    try {
      const byte = Buffer.alloc(1);
      readSync(fd, byte, 0, 1, 20);
      byte[0] = byte[0]! ^ 0xff;
      writeSync(fd, byte, 0, 1, 20);
    } finally {
      closeSync(fd);
    }
    const v = await verifyBackup(backup.dir, { restoreTest: true, checkTags: false });
    expectFails(ctx, rollUp('DEP-RB-P3', 'pre-rollback backups available', PARTS.map((id) => checkBackupCriterion(id, v))), new RegExp(`part\\(s\\) of pre-rollback backups available failed: .*${volume.archive.replaceAll('.', '\\.')}`));
  });
});
