// Phase 0, Story 1 (000 L40-110): backups before anything is rebuilt — volume archives, .env, compose file,
// infrastructure dir, git status, image list, the :pre-rebuild rollback tags and a sha256 manifest — then verified:
// every file against the manifest, every archive listed, and every volume archive restored into a scratch volume and
// compared byte for byte (docs/backup.md). On the reference target the gate takes the backup itself (the story's
// step); on live it never writes to the target and judges the newest backup under live.backupDir instead.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, it } from 'vitest';
import { createBackup, verifyBackup, type BackupVerification } from '../../lib/backup/index.js';
import { BACKUP_CRITERIA, checkBackupCriteria, type CheckResult } from '../../lib/checks/index.js';
import { DockerodeContainerInspector, waitForHealthy } from '../../lib/docker/index.js';
import { REFERENCE_COMPOSE_FILE } from '../../lib/stack/index.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const TITLES: Record<(typeof BACKUP_CRITERIA)[number], string> = {
  'P0-S1-AC1a': 'InfluxDB volume archived (influxdb_data_<ts>.tar.gz)',
  'P0-S1-AC1b': 'SQLite volume archived (sqlite_data_<ts>.tar.gz)',
  'P0-S1-AC1c': 'every archive can be extracted (listed, then restored into a scratch volume)',
  'P0-S1-AC1d': 'backup size and integrity recorded',
  'P0-S1-AC2a': '.env copied to .env.backup_<ts>',
  'P0-S1-AC2b': 'docker-compose.yml copied to docker-compose.yml.backup_<ts>',
  'P0-S1-AC2c': 'the infrastructure/ directory (infrastructure/.env.*) copied',
  'P0-S1-AC2d': 'git status captured (git_status_<ts>.txt)',
  'P0-S1-AC3a': 'image list exported (current_images.txt)',
  'P0-S1-AC3b': 'image sizes and tags documented',
  'P0-S1-AC3c': 'image creation dates recorded',
  'P0-S1-T3': 'every image the stack runs also tagged :pre-rebuild (rollback anchor)',
  'P0-S1-AC4a': 'every backup file exists and is non-empty',
  'P0-S1-AC4b': 'sha256 manifest (backup_manifest_<ts>.txt) verifies',
  'P0-SC1': 'all backups created and verified (restore test byte-identical)',
};

let verification: BackupVerification | Error;

/** The newest backup folder under `dir` (a folder holding a backup_manifest_*.txt), or undefined. */
function newestBackup(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && readdirSync(join(dir, e.name)).some((f) => f.startsWith('backup_manifest_')))
    .map((e) => join(dir, e.name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

beforeAll(async () => {
  try {
    if (t.kind === 'live') {
      const dir = newestBackup(join(t.repoRoot, 'backups'));
      if (!dir) throw new Error(`no backup under ${join(t.repoRoot, 'backups')}: phasegate never writes to a live target in a gate. hint: phasegate backup create --compose <your compose file>`);
      verification = await verifyBackup(dir, { restoreTest: true });
      return;
    }
    const states = await new DockerodeContainerInspector().listProject(t.projectName);
    const images = [...new Set(states.map((c) => c.image))];
    const volumes = String((await execa('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${t.projectName}`], { timeout: 30_000 })).stdout).split('\n').filter(Boolean);
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
    // A cold backup (D7.5): 000 tars the volumes while InfluxDB and the loggers write, which gives archives that differ
    // from the volume they came from (a restore test finds it). The reference stack is stopped while it is archived.
    const names = states.map((c) => c.name);
    await execa('docker', ['stop', ...names], { reject: false, timeout: 120_000 });
    let created;
    try {
      created = await createBackup({
        // Under the git-ignored backups/ folder, never under reports/: a backup holds the .env secrets.
        dir: join('backups', 'reference', `phase0-${stamp}`),
        project: t.projectName,
        volumes,
        envFile: join(REFERENCE_COMPOSE_FILE, '..', '.env'),
        composeFiles: [REFERENCE_COMPOSE_FILE],
        infrastructureDir: join(REFERENCE_COMPOSE_FILE, '..', 'infrastructure'),
        repoRoot: t.repoRoot,
        images,
        log: (line) => process.stderr.write(`[backup] ${line}\n`),
      });
    } finally {
      await execa('docker', ['start', ...names], { reject: false, timeout: 120_000 });
      await waitForHealthy(new DockerodeContainerInspector(), names, { timeoutMs: 240_000 });
    }
    verification = await verifyBackup(created.dir, { restoreTest: true });
  } catch (error) {
    verification = error as Error;
  }
}, 600_000);

function judge(id: (typeof BACKUP_CRITERIA)[number]): CheckResult {
  if (verification instanceof Error) return { criterionId: id, title: TITLES[id], status: 'failed', message: `[${id}] no verified backup: ${verification.message.split('\n', 1)[0]}` };
  return checkBackupCriteria(verification).find((r) => r.criterionId === id)!;
}

describe('Phase 0 — backups (000 Story 1)', () => {
  for (const id of BACKUP_CRITERIA) it(`${id}: ${TITLES[id]}`, (ctx) => gate(ctx, judge(id)));
});
