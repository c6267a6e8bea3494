// The one place report artifacts reach the disk: mkdir -p, mask secrets, write, log.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ConfigError } from '../common/errors.js';
import { createLogger } from '../common/logger.js';
import { errorExcerpt } from '../common/printable.js';
import { maskSecrets } from '../common/secrets.js';

/** Receives one human-readable line (`Markdown report written to reports/phase1/…/report.md`). */
export type ReportLog = (line: string) => void;

const KIND: Readonly<Record<string, string>> = { '.md': 'Markdown', '.html': 'HTML', '.json': 'JSON', '.xml': 'JUnit' };
const debugLog = createLogger('phasegate:reports');

const WHY: Readonly<Record<string, string>> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file is in the way of the folder',
  EISDIR: 'a folder is in the way of the file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

/** A report path that cannot be written, as a {@link ConfigError} naming the path, the reason and `reports.dir`. */
export function reportWriteError(path: string, error: unknown): ConfigError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why = code === undefined ? errorExcerpt(error) : `${code}: ${WHY[code] ?? errorExcerpt(error)}`;
  return new ConfigError(`reports.dir: cannot write ${path} (${why})`, {
    file: path,
    path: 'reports.dir',
    cause: error,
    hint: 'point reports.dir in the config at a writable folder, or move what is in the way',
  });
}

/**
 * Creates `dir` (mkdir -p) and proves it is writable by writing and removing a probe file, so an unwritable
 * reports folder is one clear {@link ConfigError} before any renderer runs.
 */
export function ensureReportDir(dir: string): void {
  const probe = join(dir, `.phasegate-write-probe-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw reportWriteError(dir, error);
  }
}

/**
 * Writes `content` to `dir/file` (creating `dir`), with every registered secret, token and URL credential masked,
 * and logs `<Kind> report written to <path>`. Returns the path written. A path that cannot be written throws a
 * {@link ConfigError} (see {@link reportWriteError}).
 */
export function writeReport(dir: string, file: string, content: string, log: ReportLog = debugLog): string {
  const path = join(dir, file);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, maskSecrets(content));
  } catch (error) {
    throw reportWriteError(path, error);
  }
  log(`${KIND[extname(file)] ?? 'Report'} report written to ${path}`);
  return path;
}
