// BACKUP_VERIFY criteria of Phase 0 Story 1 (000 L35-112; criteria.md P0-S1-*, P0-SC1), judged from a backup's
// verification (lib/backup verifyBackup: manifest re-hashed, archives listed, tags resolved, optional restore tests)
// and its backup.json. Pure: no I/O.
import type { BackupRecord } from '../backup/backup-record.js';
import type { BackupVerification, VerifiedArchive, VerifiedFile } from '../backup/verify-backup.js';
import type { CheckResult, CheckStatus } from './check-result.js';

/** The criteria {@link checkBackupCriteria} decides, in report order. */
export const BACKUP_CRITERIA = [
  'P0-S1-AC1a', 'P0-S1-AC1b', 'P0-S1-AC1c', 'P0-S1-AC1d',
  'P0-S1-AC2a', 'P0-S1-AC2b', 'P0-S1-AC2c', 'P0-S1-AC2d',
  'P0-S1-AC3a', 'P0-S1-AC3b', 'P0-S1-AC3c', 'P0-S1-T3',
  'P0-S1-AC4a', 'P0-S1-AC4b', 'P0-SC1',
] as const;
export type BackupCriterionId = (typeof BACKUP_CRITERIA)[number];

export interface BackupCheckOptions {
  /** P0-SC1 ("created and verified") needs a restore test of every archive, not only a listing. @default true */
  readonly requireRestoreTest?: boolean;
}

const TITLES: Readonly<Record<BackupCriterionId, string>> = {
  'P0-S1-AC1a': 'InfluxDB volume archived',
  'P0-S1-AC1b': 'SQLite volume archived',
  'P0-S1-AC1c': 'volume archives can be extracted',
  'P0-S1-AC1d': 'archive size and integrity recorded',
  'P0-S1-AC2a': '.env backed up',
  'P0-S1-AC2b': 'compose file backed up',
  'P0-S1-AC2c': 'infrastructure env files backed up',
  'P0-S1-AC2d': 'git status captured',
  'P0-S1-AC3a': 'image list exported',
  'P0-S1-AC3b': 'image sizes and tags documented',
  'P0-S1-AC3c': 'image creation dates recorded',
  'P0-S1-T3': 'rollback tags :pre-rebuild',
  'P0-S1-AC4a': 'backup files exist and are non-empty',
  'P0-S1-AC4b': 'checksum manifest verifies',
  'P0-SC1': 'all backups created and verified',
};

const LIMITS: Readonly<Record<BackupCriterionId, string>> = {
  'P0-S1-AC1a': 'influxdb_data_<ts>.tar.gz exists, non-empty, checksum ok',
  'P0-S1-AC1b': 'sqlite_data_<ts>.tar.gz exists, non-empty, checksum ok',
  'P0-S1-AC1c': '`tar -tzf` succeeds for every archive (and restore tests identical when run)',
  'P0-S1-AC1d': 'size and sha256 of every archive recorded',
  'P0-S1-AC2a': '.env.backup_<ts> exists, checksum ok',
  'P0-S1-AC2b': 'docker-compose.yml.backup_<ts> exists, checksum ok',
  'P0-S1-AC2c': 'copy of infrastructure/ with every .env.* file, checksums ok',
  'P0-S1-AC2d': 'git_status_<ts>.txt exists',
  'P0-S1-AC3a': 'current_images.txt non-empty',
  'P0-S1-AC3b': 'size and repository:tag per image',
  'P0-S1-AC3c': 'creation date per image',
  'P0-S1-T3': '<repo>:pre-rebuild per image, resolving to the recorded image',
  'P0-S1-AC4a': 'every manifest file size > 0',
  'P0-S1-AC4b': '`sha256sum -c backup_manifest_<ts>.txt` passes',
  'P0-SC1': 'every P0-S1 check passes (skips allowed) and every archive restore-tested identical',
};

const INFLUX = /(^|[_-])influxdb_data$/;
const SQLITE = /(^|[_-])sqlite[-_]data$/;

/** Judges every criterion of {@link BACKUP_CRITERIA}. */
export function checkBackupCriteria(v: BackupVerification, options: BackupCheckOptions = {}): CheckResult[] {
  const results = BACKUP_CRITERIA.filter((id) => id !== 'P0-SC1').map((id) => checkBackupCriterion(id, v, options));
  return [...results, successCriterion(results, v, options)];
}

/** Judges one criterion of {@link BACKUP_CRITERIA}. */
export function checkBackupCriterion(id: BackupCriterionId, v: BackupVerification, options: BackupCheckOptions = {}): CheckResult {
  const r = v.record;
  const at = `in ${v.dir}`;
  const result = (status: CheckStatus, message: string, measurement?: number | string): CheckResult => ({
    criterionId: id, title: TITLES[id], status, limit: LIMITS[id], message, ...(measurement === undefined ? {} : { measurement }),
  });
  const file = (path: string) => v.files.find((f) => f.path === path);
  const describe = (f: VerifiedFile | undefined, path: string) => (f === undefined ? `${path}: not in ${v.manifest}` : f.ok ? `${path} (${f.bytes} bytes, sha256 ${f.sha256.slice(0, 12)}… ok)` : `${path}: ${f.problem}`);
  const filesOk = (paths: readonly string[]) => paths.every((p) => file(p)?.ok === true);
  switch (id) {
    case 'P0-S1-AC1a':
    case 'P0-S1-AC1b': {
      const pattern = id === 'P0-S1-AC1a' ? INFLUX : SQLITE;
      const what = id === 'P0-S1-AC1a' ? 'InfluxDB' : 'SQLite';
      const archive = v.archives.find((a) => pattern.test(a.volume) || pattern.test(labelOf(a, r)));
      if (!archive) {
        if (id === 'P0-S1-AC1b') return result('skipped', `skipped: no sqlite volume in this target (the backup ${at} holds ${v.archives.map((a) => a.volume).join(', ') || 'no volumes'}). HomeIQ removed SQLite on 2026-02-27; a target with a sqlite-data volume must back it up`);
        return result('failed', `no InfluxDB volume archive ${at} (volumes: ${v.archives.map((a) => a.volume).join(', ') || 'none'}); expected an archive of <project>_influxdb_data. hint: phasegate backup create --volume <project>_influxdb_data`);
      }
      const f = file(archive.path);
      if (!f?.ok) return result('failed', `${what} volume ${archive.volume}: ${describe(f, archive.path)} ${at}. hint: create a new backup; this archive cannot be trusted`);
      return result('passed', `${what} volume ${archive.volume} archived to ${describe(f, archive.path)} ${at}`, f.bytes);
    }
    case 'P0-S1-AC1c': {
      if (v.archives.length === 0) return result('failed', `no volume archives ${at}. hint: pass the volumes to back up`);
      const bad = v.archives.filter((a) => !a.listed);
      const restored = v.restoreTests.filter((t) => !t.identical);
      const listing = v.archives.map((a) => (a.listed ? `${a.path} lists ${a.entries} entries (${a.files} files)` : `${a.path} ${a.problem}`)).join('; ');
      if (bad.length > 0) return result('failed', `${bad.length} of ${v.archives.length} archive(s) cannot be extracted: ${listing}. hint: the archive is corrupt or truncated; create a new backup`, `${v.archives.length - bad.length}/${v.archives.length}`);
      if (restored.length > 0) return result('failed', `every archive lists, but ${restored.length} restore test(s) failed: ${restored.map((t) => `${t.archive}: ${t.problem}`).join('; ')}. hint: a volume written while it was archived gives an inconsistent archive; stop its writer or use influx backup (criteria.md D7.5)`, `${v.archives.length}/${v.archives.length}`);
      const tested = v.restoreTests.length > 0 ? `; restored into scratch volumes: ${v.restoreTests.length} identical to the source fingerprints` : '; no restore test run';
      return result('passed', `${listing}${tested}`, `${v.archives.length}/${v.archives.length}`);
    }
    case 'P0-S1-AC1d': {
      if (!r) return result('failed', `no backup.json ${at}: the manifest has checksums but no sizes are recorded. hint: phasegate backup create records size and sha256 of every archive`);
      const archives = r.files.filter((f) => f.kind === 'volume-archive');
      if (archives.length === 0) return result('failed', `backup.json ${at} records no volume archive`);
      const changed = archives.filter((a) => file(a.path)?.ok !== true);
      const list = archives.map((a) => `${a.path} ${a.bytes} bytes sha256 ${a.sha256.slice(0, 12)}…`).join('; ');
      if (changed.length > 0) return result('failed', `recorded ${list}, but ${changed.map((a) => describe(file(a.path), a.path)).join('; ')}`);
      return result('passed', `recorded and re-verified: ${list}`, archives.reduce((s, a) => s + a.bytes, 0));
    }
    case 'P0-S1-AC2a': {
      const path = r ? r.env?.backup : v.files.find((f) => /(^|\/)\.env\.backup_/.test(f.path))?.path;
      if (!path) return result('failed', `no .env backup ${at}. hint: phasegate backup create --env-file .env`);
      return result(file(path)?.ok ? 'passed' : 'failed', `${r?.env ? `${r.env.source} → ` : ''}${describe(file(path), path)} ${at}`);
    }
    case 'P0-S1-AC2b': {
      const paths = r ? r.compose.map((c) => c.backup) : v.files.filter((f) => /\.ya?ml\.backup_/.test(f.path)).map((f) => f.path);
      if (paths.length === 0) return result('failed', `no compose file backup ${at}. hint: phasegate backup create --compose docker-compose.yml`);
      return result(filesOk(paths) ? 'passed' : 'failed', `${paths.map((p) => describe(file(p), p)).join('; ')} ${at}`, paths.length);
    }
    case 'P0-S1-AC2c': {
      if (!r) return result('error', `no backup.json ${at}: cannot tell which files belong to the infrastructure copy`);
      if (!r.infrastructure) return result('failed', `the infrastructure folder was not backed up ${at}. hint: phasegate backup create copies infrastructure/ next to the compose file`);
      if (r.infrastructure.backup === null) return result('skipped', `skipped: no infrastructure folder in this target (${r.infrastructure.note ?? r.infrastructure.source})`);
      const prefix = `${r.infrastructure.backup}/`;
      const copied = v.files.filter((f) => f.path.startsWith(prefix));
      const bad = copied.filter((f) => !f.ok);
      const envs = r.infrastructure.envFiles;
      if (copied.length !== r.infrastructure.files || bad.length > 0) {
        return result('failed', `${r.infrastructure.backup}/: ${copied.length} of ${r.infrastructure.files} files in the manifest${bad.length ? `; ${bad.map((f) => `${f.path}: ${f.problem}`).join('; ')}` : ''}`);
      }
      return result('passed', `${r.infrastructure.source} copied to ${r.infrastructure.backup}/ (${copied.length} files, checksums ok; env files: ${envs.join(', ') || 'none in the source'})`, envs.length);
    }
    case 'P0-S1-AC2d': {
      if (!r?.git) return result('failed', `git status not captured ${at}. hint: phasegate backup create runs git status in the repository root`);
      if (!r.git.isRepo) return result('skipped', `skipped: ${r.git.repoRoot} is not a git repository; ${r.git.file} records why`);
      return result(file(r.git.file)?.ok ? 'passed' : 'failed', `${describe(file(r.git.file), r.git.file)}, HEAD ${r.git.head ?? '(none)'}`);
    }
    case 'P0-S1-AC3a': {
      if (!r) return result('error', `no backup.json ${at}: the image list cannot be told apart from other files`);
      if (!r.imageList || r.images.length === 0) return result('failed', `no images cataloged ${at}. hint: phasegate backup create takes the images the compose project's containers run`);
      return result(file(r.imageList)?.ok ? 'passed' : 'failed', `${describe(file(r.imageList), r.imageList)}: ${r.images.length} image(s)`, r.images.length);
    }
    case 'P0-S1-AC3b':
    case 'P0-S1-AC3c': {
      if (!r) return result('error', `no backup.json ${at}`);
      if (r.images.length === 0) return result('failed', `no images cataloged ${at}`);
      const missing = id === 'P0-S1-AC3b'
        ? r.images.filter((i) => !(i.sizeBytes > 0) || i.repoTags.length === 0).map((i) => `${i.ref} (size ${i.sizeBytes}, tags ${i.repoTags.length})`)
        : r.images.filter((i) => Number.isNaN(Date.parse(i.created))).map((i) => `${i.ref} (created "${i.created}")`);
      if (missing.length > 0) return result('failed', `${missing.length} of ${r.images.length} image(s) lack ${id === 'P0-S1-AC3b' ? 'a size or a tag' : 'a creation date'}: ${missing.join(', ')}`);
      return result('passed', `${r.images.length} image(s) with ${id === 'P0-S1-AC3b' ? 'size and repository:tag' : 'creation date'} in ${r.imageList} and ${r.files.find((f) => f.kind === 'image-json')?.path ?? 'images_<ts>.json'}`, r.images.length);
    }
    case 'P0-S1-T3': {
      if (!r) return result('error', `no backup.json ${at}: which tags were created is not recorded`);
      if (r.images.length === 0) return result('failed', `no images cataloged ${at}, so no rollback tag exists`);
      const tagged = new Set(r.tags.map((t) => t.source));
      const untagged = r.images.filter((i) => !tagged.has(i.ref)).map((i) => i.ref);
      if (untagged.length > 0) return result('failed', `not tagged :${r.tagSuffix}: ${untagged.join(', ')}`);
      if (v.tags.length === 0 && r.tags.length > 0) return result('error', `${r.tags.length} tag(s) recorded but not resolved (verification ran without Docker)`);
      const bad = v.tags.filter((t) => !t.ok);
      if (bad.length > 0) {
        return result('failed', `${bad.length} of ${v.tags.length} rollback tag(s) broken: ${bad.map((t) => `${t.ref} ${t.imageId === null ? 'does not exist' : `points at ${t.imageId.slice(0, 19)}, not ${t.expectedImageId.slice(0, 19)}`}`).join('; ')}. hint: a teardown (003 L521 rmi -f) or a later tag moved it; the rollback has no target`, `${v.tags.length - bad.length}/${v.tags.length}`);
      }
      return result('passed', `${v.tags.length} rollback tag(s) resolve to the recorded images: ${v.tags.map((t) => `${t.ref} → ${t.imageId!.slice(0, 19)}`).join(', ')}`, `${v.tags.length}/${v.tags.length}`);
    }
    case 'P0-S1-AC4a': {
      const bad = v.files.filter((f) => f.bytes === 0 || f.problem === 'missing' || f.problem?.startsWith('unreadable'));
      if (v.files.length === 0) return result('failed', `${v.manifest} lists no files ${at}`);
      if (bad.length > 0) return result('failed', `${bad.length} of ${v.files.length} file(s) missing or empty: ${bad.map((f) => `${f.path}: ${f.problem}`).join('; ')} ${at}`, `${v.files.length - bad.length}/${v.files.length}`);
      return result('passed', `${v.files.length} file(s) exist, smallest ${Math.min(...v.files.map((f) => f.bytes))} bytes, ${v.files.reduce((s, f) => s + f.bytes, 0)} bytes in all ${at}`, `${v.files.length}/${v.files.length}`);
    }
    case 'P0-S1-AC4b': {
      const bad = v.files.filter((f) => !f.ok);
      const recordProblems = v.problems.filter((p) => p.includes(v.manifest) || p.includes('backup.json'));
      if (bad.length > 0 || recordProblems.length > 0) {
        return result('failed', `sha256sum -c ${v.manifest}: ${bad.length} of ${v.files.length} failed: ${[...bad.map((f) => `${f.path}: ${f.problem}`), ...recordProblems].join('; ')}. hint: the backup changed after it was made; do not restore from it`, `${v.files.length - bad.length}/${v.files.length}`);
      }
      return result('passed', `sha256sum -c ${v.manifest}: ${v.files.length}/${v.files.length} OK ${at}`, `${v.files.length}/${v.files.length}`);
    }
    default:
      return successCriterion(BACKUP_CRITERIA.filter((x) => x !== 'P0-SC1').map((x) => checkBackupCriterion(x, v, options)), v, options);
  }
}

function successCriterion(results: readonly CheckResult[], v: BackupVerification, options: BackupCheckOptions): CheckResult {
  const base = { criterionId: 'P0-SC1', title: TITLES['P0-SC1'], limit: LIMITS['P0-SC1'] };
  const bad = results.filter((x) => x.status === 'failed' || x.status === 'error');
  const skipped = results.filter((x) => x.status === 'skipped').map((x) => x.criterionId);
  const skipNote = skipped.length ? `; skipped: ${skipped.join(', ')}` : '';
  if (bad.length > 0) return { ...base, status: 'failed', measurement: `${results.length - bad.length}/${results.length}`, message: `${bad.length} Phase 0 Story 1 check(s) not passed: ${bad.map((x) => `${x.criterionId} ${x.status}`).join(', ')}${skipNote}` };
  const untested = v.archives.filter((a) => !v.restoreTests.some((t) => t.archive === a.path && t.identical));
  if ((options.requireRestoreTest ?? true) && untested.length > 0) {
    return { ...base, status: 'failed', measurement: `${v.archives.length - untested.length}/${v.archives.length}`, message: `created and checksummed, but not restore-tested: ${untested.map((a) => a.path).join(', ')}. hint: phasegate backup verify ${v.dir} --restore-test` };
  }
  return { ...base, status: 'passed', measurement: `${results.length - skipped.length}/${results.length}`, message: `backup ${v.dir}: every Phase 0 Story 1 check passed${skipNote}; ${v.restoreTests.length} archive(s) restored identical` };
}

function labelOf(a: VerifiedArchive, r: BackupRecord | null): string {
  return r?.volumes.find((x) => x.archive === a.path)?.label ?? a.volume;
}
