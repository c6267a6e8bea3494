// Verifies a backup folder: the manifest's files exist, are non-empty and match their sha256 (`sha256sum -c`),
// every archive lists (`tar -tzf`), the `:pre-rebuild` tags still point at the recorded images, and optionally
// each archive restored into a scratch volume has the fingerprint its source volume had — byte for byte.
import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BackupError } from './backup-error.js';
import { parseManifest, type ManifestEntry } from './backup-manifest.js';
import { readBackupRecord, type BackupRecord } from './backup-record.js';
import { DockerCliBackupRunner, type BackupRunner, type VolumeContentFingerprint } from './backup-runner.js';
import { hashFile } from './hash-file.js';
import { listTarGz } from './list-tar-gz.js';

/** Options of {@link verifyBackup}. */
export interface VerifyBackupOptions {
  /** Also extract every archive into a fresh scratch volume and compare fingerprints (needs Docker). @default false */
  readonly restoreTest?: boolean;
  /** Check that each recorded `<repo>:<tagSuffix>` tag still resolves to the recorded image (needs Docker). @default true */
  readonly checkTags?: boolean;
  /** Name prefix of scratch volumes; each gets `<label>-<random>` appended and is removed afterwards. @default 'phasegate-restore-test-' */
  readonly scratchPrefix?: string;
  /** Docker. @default new DockerCliBackupRunner() */
  readonly runner?: BackupRunner;
}

/** One manifest file, re-hashed. */
export interface VerifiedFile {
  readonly path: string;
  /** Size now (0 when missing). */
  readonly bytes: number;
  /** sha256 now ('' when missing). */
  readonly sha256: string;
  readonly ok: boolean;
  /** `missing`, `empty (0 bytes)`, `sha256 mismatch: manifest … now …`. */
  readonly problem?: string;
}

/** One archive, listed. */
export interface VerifiedArchive {
  /** Docker volume name (from backup.json), else the archive's label. */
  readonly volume: string;
  readonly path: string;
  /** True when the whole archive decompressed and its tar headers parsed. */
  readonly listed: boolean;
  readonly entries: number;
  readonly files: number;
  readonly ok: boolean;
  readonly problem?: string;
}

/** One archive extracted into a scratch volume. */
export interface RestoreTest {
  readonly volume: string;
  readonly archive: string;
  readonly sourceFingerprint: VolumeContentFingerprint | null;
  readonly restoredFingerprint: VolumeContentFingerprint | null;
  readonly identical: boolean;
  readonly problem?: string;
}

/** One rollback tag, resolved now. */
export interface VerifiedTag {
  readonly ref: string;
  readonly expectedImageId: string;
  readonly imageId: string | null;
  readonly ok: boolean;
}

/** Everything {@link verifyBackup} found. `ok` is true only when `problems` is empty. */
export interface BackupVerification {
  readonly ok: boolean;
  readonly dir: string;
  /** The manifest file name. */
  readonly manifest: string;
  readonly record: BackupRecord | null;
  readonly files: readonly VerifiedFile[];
  readonly archives: readonly VerifiedArchive[];
  readonly restoreTests: readonly RestoreTest[];
  readonly tags: readonly VerifiedTag[];
  readonly problems: readonly string[];
  /** Remarks that do not fail the verification (several manifests in a plan-made `backups/` folder). */
  readonly notes: readonly string[];
}

/** Verifies `dir` (a phasegate backup, or any folder with one `backup_manifest_<ts>.txt`). Throws only when it is not a backup at all. */
export async function verifyBackup(dirInput: string, options: VerifyBackupOptions = {}): Promise<BackupVerification> {
  const dir = resolve(dirInput);
  const dirStat = await stat(dir).catch(() => undefined);
  if (!dirStat?.isDirectory()) throw new BackupError('not-a-backup', `backup folder ${dir} does not exist`, { hint: 'pass the folder `phasegate backup create` printed (default backups/<ts>)' });
  const record = (await readBackupRecord(dir)) ?? null;
  const problems: string[] = [];
  const notes: string[] = [];
  const manifest = record?.manifest ?? (await findManifest(dir, notes));
  let entries: ManifestEntry[];
  try {
    entries = parseManifest(await readFile(join(dir, manifest), 'utf8'), manifest);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('not-a-backup', `cannot read manifest ${join(dir, manifest)}: ${(error as Error).message}`, { cause: error, hint: 'the manifest lists every file of the backup with its sha256; without it nothing can be verified' });
  }
  if (entries.length === 0) problems.push(`${manifest} lists no files`);
  if (record) {
    const manifestHash = (await hashFile(join(dir, manifest))).sha256;
    if (manifestHash !== record.manifestSha256) problems.push(`${manifest}: sha256 ${manifestHash} differs from ${record.manifestSha256} recorded in backup.json (the manifest was edited)`);
    const listed = new Map(entries.map((e) => [e.path, e.sha256]));
    for (const f of record.files) {
      if (!listed.has(f.path)) problems.push(`${f.path}: recorded in backup.json but missing from ${manifest}`);
      else if (listed.get(f.path) !== f.sha256) problems.push(`${f.path}: ${manifest} says sha256 ${listed.get(f.path)}, backup.json says ${f.sha256}`);
    }
  }

  // sha256sum -c, plus the non-zero size 000 AC4 asks for.
  const files: VerifiedFile[] = [];
  for (const entry of entries) {
    const full = join(dir, ...entry.path.split('/'));
    const now = await hashFile(full).catch((error: NodeJS.ErrnoException) => error);
    let file: VerifiedFile;
    if (now instanceof Error) file = { path: entry.path, bytes: 0, sha256: '', ok: false, problem: now.code === 'ENOENT' ? 'missing' : `unreadable: ${now.message}` };
    else if (now.bytes === 0) file = { path: entry.path, ...now, ok: false, problem: 'empty (0 bytes)' };
    else if (now.sha256 !== entry.sha256) file = { path: entry.path, ...now, ok: false, problem: `sha256 mismatch: manifest ${entry.sha256}, file now ${now.sha256} (${now.bytes} bytes)` };
    else file = { path: entry.path, ...now, ok: true };
    files.push(file);
    if (!file.ok) problems.push(`${entry.path}: ${file.problem}`);
  }

  // tar -tzf of every archive.
  const archiveSources = record
    ? record.volumes.map((v) => ({ volume: v.name, path: v.archive }))
    : entries.filter((e) => e.path.endsWith('.tar.gz')).map((e) => ({ volume: e.path.replace(/_\d{8}_\d{6}\.tar\.gz$|\.tar\.gz$/, ''), path: e.path }));
  const archives: VerifiedArchive[] = [];
  for (const a of archiveSources) {
    const listing = await listTarGz(join(dir, ...a.path.split('/'))).catch((error: Error) => error);
    const archive: VerifiedArchive = listing instanceof Error
      ? { ...a, listed: false, entries: 0, files: 0, ok: false, problem: `does not list: ${listing.message}` }
      : { ...a, listed: true, entries: listing.entries.length, files: listing.files, ok: true };
    archives.push(archive);
    if (!archive.ok) problems.push(`${a.path}: ${archive.problem}`);
  }

  const runner = options.runner ?? (options.restoreTest || (options.checkTags !== false && (record?.tags.length ?? 0) > 0) ? new DockerCliBackupRunner() : undefined);
  const tags: VerifiedTag[] = [];
  if (record && options.checkTags !== false && runner) {
    for (const t of record.tags) {
      const found = await runner.inspectImage(t.ref).catch((error: Error) => error);
      const imageId = found instanceof Error || found === undefined ? null : found.id;
      const ok = imageId === t.imageId;
      tags.push({ ref: t.ref, expectedImageId: t.imageId, imageId, ok });
      if (!ok) problems.push(`tag ${t.ref}: ${found instanceof Error ? `cannot inspect: ${found.message.split('\n')[0]}` : imageId === null ? 'does not exist any more' : `points at ${imageId.slice(0, 19)}, not the recorded ${t.imageId.slice(0, 19)}`}`);
    }
  }

  const restoreTests: RestoreTest[] = [];
  if (options.restoreTest && runner) {
    const byPath = new Map(files.map((f) => [f.path, f]));
    for (const a of archives) {
      const source = record?.volumes.find((v) => v.archive === a.path)?.fingerprint ?? null;
      const test = await restoreTest(runner, dir, a, source, byPath.get(a.path)?.ok === true, options.scratchPrefix ?? 'phasegate-restore-test-');
      restoreTests.push(test);
      if (!test.identical) problems.push(`${a.path}: restore test ${test.problem}`);
    }
  }
  return { ok: problems.length === 0, dir, manifest, record, files, archives, restoreTests, tags, problems, notes };
}

async function restoreTest(runner: BackupRunner, dir: string, archive: VerifiedArchive, source: VolumeContentFingerprint | null, checksumOk: boolean, prefix: string): Promise<RestoreTest> {
  const base = { volume: archive.volume, archive: archive.path, sourceFingerprint: source };
  if (!archive.listed || !checksumOk) return { ...base, restoredFingerprint: null, identical: false, problem: 'not run: the archive failed its checksum or listing' };
  const label = archive.path.replace(/\.tar\.gz$/, '').replace(/[^A-Za-z0-9_.-]/g, '_');
  const scratch = `${prefix}${label}-${randomBytes(4).toString('hex')}`;
  let restored: VolumeContentFingerprint | null = null;
  let problem: string | undefined;
  try {
    await runner.createVolume(scratch, { 'org.phasegate.scratch': 'restore-test' });
    await runner.extractArchive(join(dir, ...archive.path.split('/')), scratch);
    restored = await runner.fingerprint(scratch);
  } catch (error) {
    problem = `failed: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    await runner.removeVolume(scratch).catch((error: Error) => {
      problem ??= `left scratch volume ${scratch} behind: ${error.message.split('\n')[0]}`;
    });
  }
  if (problem) return { ...base, restoredFingerprint: restored, identical: false, problem };
  if (!source) return { ...base, restoredFingerprint: restored, identical: false, problem: 'cannot compare: no source fingerprint recorded (backup.json missing)' };
  const identical = restored!.sha256 === source.sha256 && restored!.files === source.files;
  return {
    ...base,
    restoredFingerprint: restored,
    identical,
    ...(identical ? {} : { problem: `differs: source ${source.files} files sha256 ${source.sha256.slice(0, 16)}…, restored ${restored!.files} files sha256 ${restored!.sha256.slice(0, 16)}…` }),
  };
}

async function findManifest(dir: string, notes: string[]): Promise<string> {
  const found = (await readdir(dir)).filter((n) => /^backup_manifest_.*\.txt$/.test(n)).sort();
  if (found.length === 0) throw new BackupError('not-a-backup', `${dir} has no backup.json and no backup_manifest_<ts>.txt`, { hint: 'is this the folder `phasegate backup create` wrote?' });
  if (found.length > 1) notes.push(`${found.length} manifests in one folder (${found.join(', ')}); verified the newest, ${found.at(-1)}; files only the older ones list were not checked`);
  return found.at(-1)!;
}
