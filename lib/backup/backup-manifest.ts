// The checksum manifest in `sha256sum` format, so `cd <dir> && sha256sum -c backup_manifest_<ts>.txt` checks it.
import { BackupError } from './backup-error.js';

/** One manifest line: the sha256 (64 lowercase hex) and the path relative to the backup folder. */
export interface ManifestEntry {
  readonly sha256: string;
  readonly path: string;
}

/**
 * Formats entries as `sha256sum` prints them: hash, two spaces, path; sorted by path; one trailing newline.
 * Paths with a newline or backslash cannot be written in this format and are rejected.
 */
export function formatManifest(entries: readonly ManifestEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const e of sorted) {
    if (!/^[0-9a-f]{64}$/.test(e.sha256)) throw new BackupError('not-a-backup', `manifest entry ${e.path}: "${e.sha256}" is not a sha256`);
    if (/[\n\r\\]/.test(e.path) || e.path.startsWith('/') || e.path.split('/').includes('..')) {
      throw new BackupError('not-a-backup', `manifest entry ${JSON.stringify(e.path)}: a manifest path must be relative, inside the backup and free of newlines and backslashes`);
    }
  }
  return sorted.map((e) => `${e.sha256}  ${e.path}\n`).join('');
}

/**
 * Parses `sha256sum` output (text `  ` or binary ` *` mode; blank lines ignored). Throws a BackupError naming
 * the file and line for anything else, an absolute path or a path leaving the folder.
 */
export function parseManifest(text: string, file: string): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    if (!m) {
      throw new BackupError('not-a-backup', `${file}:${i + 1}: not a sha256sum line: ${JSON.stringify(line.slice(0, 120))}`, { hint: 'each line is "<64 hex digits>  <relative path>" (sha256sum output)' });
    }
    const path = m[2]!;
    if (path.startsWith('/') || path.split('/').includes('..')) {
      throw new BackupError('not-a-backup', `${file}:${i + 1}: path ${JSON.stringify(path)} leaves the backup folder`, { hint: 'manifest paths must be relative to the folder the manifest is in' });
    }
    entries.push({ sha256: m[1]!.toLowerCase(), path: path.replace(/^\.\//, '') });
  });
  return entries;
}
