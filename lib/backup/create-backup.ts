// Phase 0 Story 1 (000 L35-112): volumes, configuration, git status, image catalog and `:pre-rebuild` tags,
// with one timestamp, one folder and a sha256 manifest — plus backup.json for the checks and the restore.
import { chmod, copyFile, cp, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { SystemClock, type Clock } from '../common/clock.js';
import { maskSecrets, registerSecret } from '../common/secrets.js';
import { readDotenv } from '../inventory/parse-dotenv.js';
import { isSecretName } from '../inventory/load-inventory.js';
import { BackupError } from './backup-error.js';
import { formatManifest } from './backup-manifest.js';
import {
  archiveName, backupTimestamp, composeBackupNames, configBackupName, gitStatusName, IMAGE_LIST_NAME, imageRepository,
  imagesJsonName, infrastructureBackupName, manifestName, RECORD_NAME, volumeLabels,
} from './backup-names.js';
import type { BackupFile, BackupFileKind, BackupImage, BackupRecord, BackupTag, BackupVolume } from './backup-record.js';
import { DockerCliBackupRunner, missingVolume, type BackupRunner } from './backup-runner.js';
import { exists, hashFile, listFiles } from './hash-file.js';
import { formatImageCatalog } from './image-catalog.js';

/** Options of {@link createBackup}. Relative paths resolve against the working directory. */
export interface CreateBackupOptions {
  /** Output folder; must not exist or be empty. Created with mode 0700 (it holds `.env`). @default `backups/<ts>` */
  readonly dir?: string;
  /** Label of what is backed up (the compose project, `homeiq`); also stripped from volume names for archive labels. @default '' */
  readonly project?: string;
  /** Named Docker volumes to archive (`homeiq_influxdb_data`). Each must exist: a missing one fails before anything is written. @default [] */
  readonly volumes?: readonly string[];
  /** The `.env` file, copied to `.env.backup_<ts>` with mode 0600. @default none */
  readonly envFile?: string;
  /** Compose files, each copied to `<name>.backup_<ts>` (names made unique). @default [] */
  readonly composeFiles?: readonly string[];
  /** Folder copied whole to `<name>.backup_<ts>/` (000 L88 `infrastructure/`); absent on disk: recorded with a note. @default none */
  readonly infrastructureDir?: string;
  /** Folder whose `git status` is captured to `git_status_<ts>.txt` (a note when it is not a git repository). @default none */
  readonly repoRoot?: string;
  /** Image references the stack uses; cataloged and each tagged `<repo>:<tagSuffix>`. Each must exist. @default [] */
  readonly images?: readonly string[];
  /** Tag of the rollback anchor (P0-S1-T3). @default 'pre-rebuild' */
  readonly tagSuffix?: string;
  /** @default new SystemClock() */
  readonly clock?: Clock;
  /** Docker and git. @default new DockerCliBackupRunner() */
  readonly runner?: BackupRunner;
  /** Progress lines (secret-masked). @default none */
  readonly log?: (line: string) => void;
}

/** The finished backup: its folder and its record (also written to `<dir>/backup.json`). */
export interface CreatedBackup {
  readonly dir: string;
  readonly record: BackupRecord;
}

/** Creates a backup. Checks every input first (volumes, images, files), so a missing one writes nothing. */
export async function createBackup(options: CreateBackupOptions = {}): Promise<CreatedBackup> {
  const clock = options.clock ?? new SystemClock();
  const runner = options.runner ?? new DockerCliBackupRunner();
  const log = (line: string) => options.log?.(maskSecrets(line));
  const started = clock.monotonicMs();
  const now = clock.now();
  const ts = backupTimestamp(now);
  const dir = resolve(options.dir ?? join('backups', ts));
  const project = options.project ?? '';
  const volumes = [...new Set(options.volumes ?? [])];
  const images = [...new Set(options.images ?? [])];
  const tagSuffix = options.tagSuffix ?? 'pre-rebuild';
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tagSuffix)) throw new BackupError('missing-image', `tag suffix "${tagSuffix}" is not a valid Docker tag`, { hint: 'letters, digits, _ . - ; at most 128 characters' });

  // 1. Preflight: nothing is written unless every input is there.
  if ((await exists(dir)) && (await readdir(dir)).length > 0) {
    throw new BackupError('dir-exists', `backup folder ${dir} already exists and is not empty`, { hint: 'each backup gets its own folder (default backups/<ts>); pass another --dir' });
  }
  for (const v of volumes) if (!(await runner.volumeExists(v))) throw missingVolume(v);
  for (const f of [options.envFile, ...(options.composeFiles ?? [])]) {
    if (f !== undefined && !(await isFile(f))) throw new BackupError('missing-file', `${f} does not exist or is not a file`, { hint: 'pass the file the stack really uses (--env-file, --compose)' });
  }
  const imageInfo = new Map<string, BackupImage>();
  for (const ref of images) {
    const info = await runner.inspectImage(ref);
    if (!info) throw new BackupError('missing-image', `image ${ref} does not exist`, { hint: 'list images with `docker images`; only images the stack uses can be cataloged and tagged' });
    imageInfo.set(ref, { ref, id: info.id, repoTags: [...info.repoTags], sizeBytes: info.sizeBytes, created: info.created });
  }
  if (options.envFile) registerEnvSecrets(options.envFile);

  await mkdir(dir, { recursive: true, mode: 0o700 });
  log(`[backup] ${dir} (timestamp ${ts}${project ? `, project ${project}` : ''})`);
  const kinds = new Map<string, BackupFileKind>();

  // 2. Volumes: fingerprint, archive, fingerprint again (a live writer makes the two differ).
  const volumesStarted = clock.monotonicMs();
  const labels = volumeLabels(volumes, project || undefined);
  const volumeRecords: BackupVolume[] = [];
  for (const [i, volume] of volumes.entries()) {
    const t0 = clock.monotonicMs();
    const archive = archiveName(labels[i]!, ts);
    const before = await runner.fingerprint(volume);
    await runner.archiveVolume(volume, dir, archive);
    const after = await runner.fingerprint(volume);
    kinds.set(archive, 'volume-archive');
    const stable = before.sha256 === after.sha256;
    volumeRecords.push({ name: volume, label: labels[i]!, archive, fingerprint: before, stable, durationMs: clock.monotonicMs() - t0 });
    const { size: bytes } = await stat(join(dir, archive));
    log(`[backup] volume ${volume} → ${archive}: ${bytes} bytes, ${before.files} files${stable ? '' : ' — WARNING: the volume changed while it was archived (a live writer); the archive may be inconsistent'}`);
  }
  const volumesMs = clock.monotonicMs() - volumesStarted;

  // 3. Configuration files, infrastructure folder, git status.
  const filesStarted = clock.monotonicMs();
  let env: BackupRecord['env'] = null;
  if (options.envFile) {
    const backup = configBackupName(options.envFile, ts);
    await copyFile(options.envFile, join(dir, backup));
    await chmod(join(dir, backup), 0o600);
    kinds.set(backup, 'env');
    env = { source: resolve(options.envFile), backup };
    log(`[backup] ${options.envFile} → ${backup} (mode 0600)`);
  }
  const composeFiles = (options.composeFiles ?? []).map((f) => resolve(f));
  const composeNames = composeBackupNames(composeFiles, ts);
  const compose = composeFiles.map((source, i) => ({ source, backup: composeNames[i]! }));
  for (const c of compose) {
    await copyFile(c.source, join(dir, c.backup));
    kinds.set(c.backup, 'compose');
    log(`[backup] ${c.source} → ${c.backup}`);
  }
  let infrastructure: BackupRecord['infrastructure'] = null;
  if (options.infrastructureDir) {
    const source = resolve(options.infrastructureDir);
    if (!(await isDir(source))) {
      infrastructure = { source, backup: null, files: 0, envFiles: [], note: `${source} does not exist in this target` };
      log(`[backup] no infrastructure folder at ${source}`);
    } else {
      const backup = infrastructureBackupName(source, ts);
      await cp(source, join(dir, backup), { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
      const copied = await listFiles(join(dir, backup));
      const envFiles = copied.filter((p) => /(^|\/)\.env(\.|$)|(^|\/)env\./.test(p));
      for (const p of envFiles) await chmod(join(dir, backup, ...p.split('/')), 0o600);
      for (const p of copied) kinds.set(`${backup}/${p}`, 'infrastructure');
      infrastructure = { source, backup, files: copied.length, envFiles };
      log(`[backup] ${source} → ${backup}/ (${copied.length} files, env files: ${envFiles.join(', ') || 'none'})`);
    }
  }
  let git: BackupRecord['git'] = null;
  if (options.repoRoot) {
    const repoRoot = resolve(options.repoRoot);
    const status = await runner.gitStatus(repoRoot);
    const file = gitStatusName(ts);
    await writeFile(join(dir, file), maskSecrets(status.text));
    kinds.set(file, 'git-status');
    git = { repoRoot, isRepo: status.isRepo, file, ...(status.head ? { head: status.head } : {}) };
    log(`[backup] git status → ${file}${status.isRepo ? '' : ` (${status.text.trim()})`}`);
  }
  const filesMs = clock.monotonicMs() - filesStarted;

  // 4. Image catalog and rollback tags.
  const imagesStarted = clock.monotonicMs();
  const imageRecords = images.map((ref) => imageInfo.get(ref)!);
  let imageList: string | null = null;
  const tags: BackupTag[] = [];
  if (imageRecords.length > 0) {
    imageList = IMAGE_LIST_NAME;
    await writeFile(join(dir, IMAGE_LIST_NAME), formatImageCatalog(imageRecords));
    await writeFile(join(dir, imagesJsonName(ts)), `${JSON.stringify(imageRecords, null, 2)}\n`);
    kinds.set(IMAGE_LIST_NAME, 'image-list');
    kinds.set(imagesJsonName(ts), 'image-json');
    const targets = new Map<string, BackupImage>();
    for (const image of imageRecords) targets.set(`${imageRepository(image.ref)}:${tagSuffix}`, image);
    for (const [ref, image] of targets) {
      const previous = await runner.inspectImage(ref);
      await runner.tagImage(image.id, ref);
      tags.push({ source: image.ref, ref, imageId: image.id, previousImageId: previous?.id ?? null });
      log(`[backup] tagged ${image.ref} as ${ref}${previous && previous.id !== image.id ? ` (moved from ${previous.id.slice(0, 19)})` : ''}`);
    }
  }
  const imagesMs = clock.monotonicMs() - imagesStarted;

  // 5. Manifest over every file written, then the record.
  const manifestStarted = clock.monotonicMs();
  const manifest = manifestName(ts);
  const files: BackupFile[] = [];
  for (const path of await listFiles(dir)) {
    if (path === manifest || path === RECORD_NAME) continue;
    const kind = kinds.get(path);
    if (!kind) continue; // a file that appeared in the folder but is not ours is not vouched for
    const { bytes, sha256 } = await hashFile(join(dir, ...path.split('/')));
    files.push({ path, kind, bytes, sha256 });
  }
  await writeFile(join(dir, manifest), formatManifest(files));
  const manifestSha256 = (await hashFile(join(dir, manifest))).sha256;
  const manifestMs = clock.monotonicMs() - manifestStarted;
  for (const f of files.filter((x) => x.kind === 'volume-archive')) log(`[backup] ${f.path}: ${f.bytes} bytes sha256 ${f.sha256}`);

  const record: BackupRecord = {
    version: 1,
    project,
    timestamp: ts,
    createdAt: new Date(now).toISOString(),
    manifest,
    manifestSha256,
    files,
    volumes: volumeRecords,
    env,
    compose,
    infrastructure,
    git,
    images: imageRecords,
    imageList,
    tagSuffix,
    tags,
    timings: { totalMs: clock.monotonicMs() - started, volumesMs, filesMs, imagesMs, manifestMs },
  };
  await writeFile(join(dir, RECORD_NAME), `${JSON.stringify(record, null, 2)}\n`);
  log(`[backup] ${files.length} files, manifest ${manifest}, record ${RECORD_NAME} (${Math.round(record.timings.totalMs)} ms)`);
  return { dir, record };
}

function registerEnvSecrets(file: string): void {
  try {
    const values = readDotenv(file, { file: basename(file), env: {} });
    for (const [name, value] of Object.entries(values)) if (isSecretName(name)) registerSecret(value);
  } catch {
    // An env file compose cannot parse is still copied byte for byte; masking falls back to the name patterns.
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

async function isDir(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

