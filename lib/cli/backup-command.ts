// `phasegate backup create|verify|restore`: Phase 0 Story 1's backup, its verification (the gate live destructive
// steps require) and a restore that refuses to extract over existing data.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ExitCode } from '../common/exit-codes.js';
import { CONFIG_FILE_NAMES, loadConfig } from '../config/index.js';
import { loadInventory, type Inventory, type LoadInventoryOptions } from '../inventory/index.js';
import { BackupError } from '../backup/backup-error.js';
import { readBackupRecord } from '../backup/backup-record.js';
import { DockerCliBackupRunner, type BackupRunner } from '../backup/backup-runner.js';
import { createBackup } from '../backup/create-backup.js';
import { restoreVolume } from '../backup/restore-volume.js';
import { verifyBackup, type BackupVerification } from '../backup/verify-backup.js';
import { checkBackupCriteria } from '../checks/check-backup.js';
import type { Clock } from '../common/clock.js';

export const BACKUP_USAGE = `usage: phasegate backup <create|verify|restore> [options]

  create [--dir D] [--compose f]... [--env-file e] [--project p] [--volume v]... [--tag-suffix s]
        archive the compose project's volumes (read-only, through a throwaway container), copy .env, the compose
        files and infrastructure/, capture git status, catalog the images and tag each <repo>:pre-rebuild,
        then write backup_manifest_<ts>.txt (sha256sum -c) and backup.json. Default --dir backups/<ts>.
        Volumes: the project's volumes that exist (Docker labels) plus the compose file's declared ones that
        exist; --volume restricts to some (full or short name: influxdb_data). A missing volume is never created.
  verify <dir> [--restore-test]
        re-hash every manifest file, list every archive, resolve the rollback tags; --restore-test extracts each
        archive into a scratch volume and compares its fingerprint with the backed-up volume's. Prints the
        P0-S1 criteria. Exit 0 verified, 1 not.
  restore <dir> --volume v [--into target] [--replace]
        extract the archive of volume v (name or label) into v (or target). Refuses a non-empty volume unless
        --replace, which empties it first; checks the archive's sha256 before and the fingerprint after.

exit codes: 0 ok, 1 verification failed or the restored volume differs, 2 usage, ${ExitCode.BackupFailed} backup error (missing volume,
refused restore, docker failure), ${ExitCode.ConfigInvalid} compose file invalid`;

/** What the command needs from the outside world; tests pass an in-memory runner and a fixed clock. */
export interface BackupCommandDeps {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Relative paths and the config search start here. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** phasegate's own directory (fallback compose file: the reference twin). */
  readonly rootDir: string;
  /** @default new DockerCliBackupRunner() */
  readonly runner?: BackupRunner;
  /** @default new SystemClock() */
  readonly clock?: Clock;
}

export async function backupCommand(args: readonly string[], deps: BackupCommandDeps): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        dir: { type: 'string' }, compose: { type: 'string', multiple: true, short: 'f' }, 'env-file': { type: 'string' }, project: { type: 'string' },
        volume: { type: 'string', multiple: true }, 'tag-suffix': { type: 'string' }, 'restore-test': { type: 'boolean', default: false },
        replace: { type: 'boolean', default: false }, into: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    deps.err(`phasegate backup: ${(error as Error).message}\n\n${BACKUP_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [sub, dirArg] = positionals;
  if (values.help || sub === undefined) {
    deps.out(BACKUP_USAGE);
    return values.help ? ExitCode.Ok : 2;
  }
  const runner = deps.runner ?? new DockerCliBackupRunner();
  switch (sub) {
    case 'create': {
      const inventory = await readInventory(values.compose ?? [], values['env-file'], deps);
      const project = values.project ?? inventory.projectName;
      const firstDir = dirname(resolve(deps.cwd, inventory.files[0] ?? '.'));
      const existing = new Set(await runner.projectVolumes(project));
      for (const v of inventory.volumes) if (!existing.has(v.dockerName) && (await runner.volumeExists(v.dockerName))) existing.add(v.dockerName);
      let volumes = [...existing].sort();
      if (values.volume) {
        volumes = values.volume.map((want) => volumes.find((v) => v === want || v === `${project}_${want}`) ?? want);
      }
      const declaredMissing = inventory.volumes.filter((v) => !existing.has(v.dockerName)).map((v) => v.dockerName);
      if (declaredMissing.length > 0 && !values.volume) deps.err(`[backup] declared but not present (never created, not backed up): ${declaredMissing.join(', ')}`);
      if (volumes.length === 0) deps.err(`[backup] no volume of project ${project} exists; only configuration and images are backed up`);
      const images = new Set(await runner.projectImages(project));
      for (const s of inventory.services) if (s.image && !images.has(s.image) && (await runner.inspectImage(s.image))) images.add(s.image);
      const envFile = values['env-file'] !== undefined ? resolve(deps.cwd, values['env-file']) : existsSync(join(firstDir, '.env')) ? join(firstDir, '.env') : undefined;
      const { dir, record } = await createBackup({
        ...(values.dir === undefined ? {} : { dir: resolve(deps.cwd, values.dir) }),
        project,
        volumes,
        ...(envFile ? { envFile } : {}),
        composeFiles: inventory.files.map((f) => resolve(deps.cwd, f)),
        infrastructureDir: join(firstDir, 'infrastructure'),
        repoRoot: firstDir,
        images: [...images].sort(),
        ...(values['tag-suffix'] === undefined ? {} : { tagSuffix: values['tag-suffix'] }),
        runner,
        ...(deps.clock ? { clock: deps.clock } : {}),
        log: deps.err,
      });
      deps.out([
        `backup ${dir}`,
        `  ${record.volumes.length} volume(s): ${record.volumes.map((v) => `${v.name} → ${v.archive}${v.stable ? '' : ' (changed while archived)'}`).join(', ') || 'none'}`,
        `  ${record.files.length} file(s) in ${record.manifest}; ${record.images.length} image(s) cataloged; ${record.tags.length} tag(s) :${record.tagSuffix}`,
        `verify it: phasegate backup verify ${dir} --restore-test`,
      ].join('\n'));
      return ExitCode.Ok;
    }
    case 'verify': {
      if (dirArg === undefined) return usage(deps, 'verify needs <dir>');
      const v = await verifyBackup(resolve(deps.cwd, dirArg), { restoreTest: values['restore-test'], runner });
      deps.out(formatVerification(v));
      return v.ok ? ExitCode.Ok : ExitCode.GateFailed;
    }
    case 'restore': {
      if (dirArg === undefined) return usage(deps, 'restore needs <dir>');
      const want = values.volume?.[0];
      if (want === undefined || (values.volume?.length ?? 0) > 1) return usage(deps, 'restore needs exactly one --volume');
      const dir = resolve(deps.cwd, dirArg);
      const record = await readBackupRecord(dir);
      if (!record) throw new BackupError('not-a-backup', `${dir} has no backup.json`, { hint: 'restore works on folders written by `phasegate backup create` (they record each archive\'s volume, sha256 and fingerprint)' });
      const volume = record.volumes.find((v) => v.name === want || v.label === want || v.name === `${record.project}_${want}`);
      if (!volume) throw new BackupError('missing-volume', `backup ${dir} holds no archive of volume ${want} (it has ${record.volumes.map((v) => `${v.name} (${v.label})`).join(', ') || 'none'})`);
      const sha = record.files.find((f) => f.path === volume.archive)?.sha256;
      const result = await restoreVolume(join(dir, volume.archive), values.into ?? volume.name, {
        replace: values.replace, runner, expectedFingerprint: volume.fingerprint, ...(sha ? { expectedSha256: sha } : {}), log: deps.err,
      });
      deps.out(`restored ${volume.archive} into ${result.volume}${result.replaced ? ` (replaced: held ${result.previousEntries.join(', ')})` : ''}: ${result.fingerprint.files} files, ${result.identical ? 'identical to' : 'DIFFERENT from'} the backed-up volume (sha256 ${result.fingerprint.sha256.slice(0, 16)}…)`);
      return result.identical === false ? ExitCode.GateFailed : ExitCode.Ok;
    }
    default:
      return usage(deps, `unknown subcommand "${sub}"`);
  }
}

function usage(deps: BackupCommandDeps, message: string): number {
  deps.err(`phasegate backup: ${message}\n\n${BACKUP_USAGE}`);
  return 2;
}

/** The compose project: `--compose` files, else the config's (phasegate.config.*), else the reference twin. Throws ConfigErrors. */
async function readInventory(compose: readonly string[], envFile: string | undefined, deps: BackupCommandDeps): Promise<Inventory> {
  const base = { env: deps.env, ...(envFile === undefined ? {} : { envFile: resolve(deps.cwd, envFile) }) };
  if (compose.length > 0) return loadInventory({ ...base, files: compose, cwd: deps.cwd });
  if (CONFIG_FILE_NAMES.some((name) => existsSync(join(deps.cwd, name)))) {
    const loaded = await loadConfig({ cwd: deps.cwd, env: deps.env });
    const c = loaded.config.compose;
    const options: LoadInventoryOptions = {
      ...base,
      files: c.files,
      cwd: dirname(loaded.path),
      ...(envFile === undefined && c.envFile !== undefined ? { envFile: c.envFile } : {}),
      ...(c.projectName === undefined ? {} : { projectName: c.projectName }),
      ...(c.profiles === undefined ? {} : { profiles: c.profiles }),
    };
    return loadInventory(options);
  }
  return loadInventory({ ...base, files: [join(deps.rootDir, 'fixtures', 'reference', 'docker-compose.yml')], cwd: deps.cwd });
}

/** Files, archives, restore tests, tags, problems, then the P0-S1 criteria. Pure. */
export function formatVerification(v: BackupVerification): string {
  const lines = [`backup ${v.dir} (${v.manifest}${v.record ? ', backup.json' : ', no backup.json'})`];
  for (const f of v.files) lines.push(`  ${f.ok ? 'OK    ' : 'FAILED'} ${f.path}${f.ok ? ` ${f.bytes} bytes` : `: ${f.problem}`}`);
  for (const a of v.archives) lines.push(`  ${a.ok ? 'lists ' : 'BROKEN'} ${a.path}${a.ok ? `: ${a.entries} entries, ${a.files} files` : `: ${a.problem}`}`);
  for (const t of v.restoreTests) lines.push(`  ${t.identical ? 'restore identical' : 'restore FAILED'} ${t.archive}${t.identical ? `: ${t.restoredFingerprint?.files} files` : `: ${t.problem}`}`);
  for (const t of v.tags) lines.push(`  ${t.ok ? 'tag OK' : 'tag FAILED'} ${t.ref}${t.ok ? '' : `: ${t.imageId === null ? 'does not exist' : `points at ${t.imageId.slice(0, 19)}`}`}`);
  for (const n of v.notes) lines.push(`  note: ${n}`);
  lines.push('', 'criteria:');
  for (const r of checkBackupCriteria(v)) lines.push(`  ${r.status.padEnd(7)} ${r.criterionId.padEnd(11)} ${r.message}`);
  lines.push('', v.ok ? `verified: ${v.files.length} files, ${v.archives.length} archives${v.restoreTests.length ? `, ${v.restoreTests.length} restore tests` : ''}` : `NOT verified: ${v.problems.length} problem(s)\n${v.problems.map((p) => `  - ${p}`).join('\n')}`);
  return lines.join('\n');
}
