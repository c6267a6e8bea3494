// The file names a backup writes, all sharing one timestamp (000 Story 1 computes `date` once per command, so its
// files of one backup carry different timestamps and cannot be matched up afterwards).
import { basename, dirname, relative, sep } from 'node:path';

/** `YYYYMMDD_HHMMSS` in UTC, like the plan's `date +%Y%m%d_%H%M%S` (which is local time; UTC is unambiguous). */
export function backupTimestamp(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}_${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** True for a string shaped like {@link backupTimestamp}'s output. */
export function isBackupTimestamp(text: string): boolean {
  return /^\d{8}_\d{6}$/.test(text);
}

/**
 * The label a volume's archive is named by: the Docker name without the compose project prefix, with every
 * character outside `[A-Za-z0-9_.]` turned into `_` — `homeiq_sqlite-data` → `sqlite_data`, the name 000 L76 uses.
 */
export function volumeLabel(volume: string, project?: string): string {
  const stripped = project && volume.startsWith(`${project}_`) && volume.length > project.length + 1 ? volume.slice(project.length + 1) : volume;
  return stripped.replace(/[^A-Za-z0-9_.]/g, '_');
}

/** Labels for several volumes, made unique with `_2`, `_3` … when two collapse to the same label. */
export function volumeLabels(volumes: readonly string[], project?: string): string[] {
  const seen = new Map<string, number>();
  return volumes.map((v) => {
    const label = volumeLabel(v, project);
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label}_${n}`;
  });
}

/** `<label>_<ts>.tar.gz` (000 L72: `influxdb_data_<ts>.tar.gz`). */
export function archiveName(label: string, ts: string): string {
  return `${label}_${ts}.tar.gz`;
}

/** `<basename>.backup_<ts>` (`.env.backup_<ts>`, `docker-compose.yml.backup_<ts>`). */
export function configBackupName(file: string, ts: string): string {
  return `${basename(file)}.backup_${ts}`;
}

/**
 * One backup name per compose file. Basenames when they are unique; otherwise the path relative to the files'
 * common directory with separators as `__` (`prod__docker-compose.yml.backup_<ts>`).
 */
export function composeBackupNames(files: readonly string[], ts: string): string[] {
  const bases = files.map((f) => basename(f));
  if (new Set(bases).size === bases.length) return files.map((f) => configBackupName(f, ts));
  const root = commonDir(files.map((f) => dirname(f)));
  const names = files.map((f) => `${relative(root, f).split(sep).join('__')}.backup_${ts}`);
  // Still colliding (the same file twice): number them.
  return names.map((n, i) => (names.indexOf(n) === i ? n : `${i + 1}__${n}`));
}

function commonDir(dirs: readonly string[]): string {
  if (dirs.length === 0) return '.';
  let parts = dirs[0]!.split(sep);
  for (const d of dirs.slice(1)) {
    const other = d.split(sep);
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join(sep) || sep;
}

/** The folder the infrastructure directory is copied to (000 L88 `infrastructure.backup_<ts>`). */
export function infrastructureBackupName(dir: string, ts: string): string {
  return `${basename(dir)}.backup_${ts}`;
}

export const gitStatusName = (ts: string) => `git_status_${ts}.txt`;
export const manifestName = (ts: string) => `backup_manifest_${ts}.txt`;
export const imagesJsonName = (ts: string) => `images_${ts}.json`;
export const IMAGE_LIST_NAME = 'current_images.txt';
export const RECORD_NAME = 'backup.json';

/** The repository part of an image reference: `localhost:5000/a/b:1` → `localhost:5000/a/b`, `x@sha256:…` → `x`. */
export function imageRepository(ref: string): string {
  const at = ref.indexOf('@');
  const noDigest = at === -1 ? ref : ref.slice(0, at);
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}
