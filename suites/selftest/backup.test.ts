// Self-test of Phase 0 Story 1's backup checks (suites/phase0/backup.test.ts): one real backup of the reference
// project (.env, compose file, infrastructure/, git status, image list, rollback tags, one volume archive) is made
// with lib/backup, then each scenario damages a copy of it the way a disk, a clean-up or a hand edit would and the
// same judgement the gate uses (checkBackupCriteria over verifyBackup) must fail naming the damaged part. The
// InfluxDB/SQLite archives (P0-S1-AC1a-c, AC4b) are proven in rollback.test.ts. Rollback tags get a selftest-only
// suffix, removed afterwards; the archived volume is a scratch volume of this file.
import { cpSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, closeSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup, verifyBackup, type CreatedBackup } from '../../lib/backup/index.js';
import { checkBackupCriteria, type CheckResult } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { REFERENCE_COMPOSE_FILE } from '../../lib/stack/index.js';
import { expectFails, target } from '../_setup/gate.js';

const t = target();
const TAG_SUFFIX = 'phasegate-selftest';
const VOLUME = `${t.projectName}_selftest-backup`;
const IMAGE_SERVICES = ['jaeger', 'weather-api'];

interface Scenario {
  readonly id: string;
  readonly fault: string;
  /** Damages the copy at `dir` of the backup. */
  readonly damage: (dir: string, backup: CreatedBackup) => void | Promise<void>;
  readonly diagnosis: RegExp;
}

const flipByte = (file: string, at = 20): void => {
  const fd = openSync(file, 'r+');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at);
    byte[0] = byte[0]! ^ 0xff;
    writeSync(fd, byte, 0, 1, at);
  } finally {
    closeSync(fd);
  }
};
/** Rewrites backup.json of the copy with `edit` applied (a hand edit; its checksum in the manifest then differs too). */
const editRecord = (dir: string, edit: (record: { images: Array<Record<string, unknown>> }) => void): void => {
  const path = join(dir, 'backup.json');
  const record = JSON.parse(readFileSync(path, 'utf8')) as { images: Array<Record<string, unknown>> };
  edit(record);
  writeFileSync(path, JSON.stringify(record, null, 2));
};

const SCENARIOS: readonly Scenario[] = [
  { id: 'P0-S1-AC1d', fault: 'the volume archive changed after its size and sha256 were recorded', damage: (dir, b) => flipByte(join(dir, b.record.volumes[0]!.archive)), diagnosis: /^recorded selftest_backup_\d+_\d+\.tar\.gz \d+ bytes sha256 [0-9a-f]+…, but selftest_backup_\d+_\d+\.tar\.gz: sha256 mismatch: manifest [0-9a-f]+, file now [0-9a-f]+/ },
  { id: 'P0-S1-AC2a', fault: 'the .env backup is deleted', damage: (dir, b) => rmSync(join(dir, b.record.env!.backup)), diagnosis: /\.env\.backup_\d+.*: missing/ },
  { id: 'P0-S1-AC2b', fault: 'the compose file backup is deleted', damage: (dir, b) => rmSync(join(dir, b.record.compose[0]!.backup)), diagnosis: /docker-compose\.yml\.backup_\d+.*: missing/ },
  { id: 'P0-S1-AC2c', fault: 'a file of the infrastructure copy is deleted', damage: (dir, b) => rmSync(join(dir, b.record.infrastructure!.backup!, 'env.production')), diagnosis: /infrastructure.*: \d+ of \d+ files in the manifest; .*env\.production: missing/ },
  { id: 'P0-S1-AC2d', fault: 'the git status file is deleted', damage: (dir, b) => rmSync(join(dir, b.record.git!.file)), diagnosis: /git_status_\d+.*\.txt: missing, HEAD/ },
  { id: 'P0-S1-AC3a', fault: 'the image list is deleted', damage: (dir, b) => rmSync(join(dir, b.record.imageList!)), diagnosis: /current_images\.txt: missing: \d+ image\(s\)/ },
  { id: 'P0-S1-AC3b', fault: 'an image lost its size in the record', damage: (dir) => editRecord(dir, (r) => void (r.images[0]!.sizeBytes = 0)), diagnosis: /1 of \d+ image\(s\) lack a size or a tag: .*\(size 0, tags \d+\)/ },
  { id: 'P0-S1-AC3c', fault: 'an image lost its creation date in the record', damage: (dir) => editRecord(dir, (r) => void (r.images[0]!.created = '')), diagnosis: /1 of \d+ image\(s\) lack a creation date: .*\(created ""\)/ },
  { id: 'P0-S1-AC4a', fault: 'a backup file is truncated to 0 bytes', damage: (dir, b) => truncateSync(join(dir, b.record.git!.file), 0), diagnosis: /1 of \d+ file\(s\) missing or empty: .*git_status_\d+.*\.txt/ },
  { id: 'P0-SC1', fault: 'the .env backup is deleted (one Story 1 check fails)', damage: (dir, b) => rmSync(join(dir, b.record.env!.backup)), diagnosis: /Phase 0 Story 1 check\(s\) not passed: .*P0-S1-AC2a failed/ },
];

describe('self-test: the Phase 0 backup checks fail on a damaged backup', { timeout: 300_000 }, () => {
  let root: string;
  let backup: CreatedBackup;
  let copies = 0;
  /** A fresh copy of the backup, damaged, verified without Docker restore tests (tags checked). */
  const judgeDamaged = async (damage: Scenario['damage']): Promise<CheckResult[]> => {
    const dir = join(root, `copy-${++copies}`);
    cpSync(backup.dir, dir, { recursive: true });
    await damage(dir, backup);
    return checkBackupCriteria(await verifyBackup(dir, { restoreTest: false }), { requireRestoreTest: false });
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'phasegate-selftest-backup-'));
    await execa('docker', ['volume', 'create', '--label', `com.docker.compose.project=${t.projectName}`, VOLUME]);
    await execa('docker', ['run', '--rm', '--network', 'none', '-v', `${VOLUME}:/v`, 'phasegate/nodebase:local', 'sh', '-c', 'echo selftest > /v/data.txt']);
    const states = await new DockerodeContainerInspector().listProject(t.projectName);
    const images = [...new Set(states.filter((c) => IMAGE_SERVICES.includes(c.service)).map((c) => c.image))];
    expect(images, `the stack runs ${IMAGE_SERVICES.join(' and ')}`).toHaveLength(IMAGE_SERVICES.length);
    backup = await createBackup({
      dir: join(root, 'backup'),
      project: t.projectName,
      volumes: [VOLUME],
      envFile: join(REFERENCE_COMPOSE_FILE, '..', '.env'),
      composeFiles: [REFERENCE_COMPOSE_FILE],
      infrastructureDir: join(REFERENCE_COMPOSE_FILE, '..', 'infrastructure'),
      repoRoot: t.repoRoot,
      images,
      tagSuffix: TAG_SUFFIX,
    });
  });

  afterAll(async () => {
    for (const tag of backup?.record.tags ?? []) await execa('docker', ['rmi', tag.ref], { reject: false });
    await execa('docker', ['volume', 'rm', '-f', VOLUME], { reject: false });
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('healthy: the untouched backup passes every check these scenarios break, and the rollback tags resolve', async () => {
    const results = await judgeDamaged(() => undefined);
    const ids = [...new Set([...SCENARIOS.map((s) => s.id).filter((id) => id !== 'P0-SC1'), 'P0-S1-T3'])];
    const status = (id: string) => results.find((r) => r.criterionId === id)?.status;
    expect(Object.fromEntries(ids.map((id) => [id, status(id)]))).toEqual(Object.fromEntries(ids.map((id) => [id, 'passed'])));
  });

  for (const s of SCENARIOS) {
    it(`${s.id} fails when ${s.fault}`, async (ctx) => {
      const r = (await judgeDamaged(s.damage)).find((x) => x.criterionId === s.id)!;
      expectFails(ctx, r, s.diagnosis);
    });
  }

  it('P0-S1-T3 fails when a rollback tag is removed after the backup (as 003\'s teardown `rmi -f` does)', async (ctx) => {
    const tag = backup.record.tags[0]!;
    await execa('docker', ['rmi', tag.ref]);
    try {
      const r = (await judgeDamaged(() => undefined)).find((x) => x.criterionId === 'P0-S1-T3')!;
      expectFails(ctx, r, new RegExp(`1 of \\d+ rollback tag\\(s\\) broken: ${tag.ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not exist`));
    } finally {
      await execa('docker', ['tag', tag.source, tag.ref]);
    }
  });
});
