// Where a Phase 0 gate leaves its evidence: the websocket diagnostics (000 Task 2.1: logs, inspect, stats), the
// Python audit CSV (000 L254), and the rebuild log tree of 000 Task 5.2 (`logs/rebuild_<date>/{phase0..4,deployment}/
// {build,test,health,errors}` + `current_rebuild`). Everything is written through writeReport, so secrets are masked.
import { existsSync, lstatSync, mkdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { maskDeep } from '../common/secrets.js';
import { reportWriteError, writeReport } from './write-report.js';

/** Root of the reports tree: `PHASEGATE_REPORTS_DIR`, else `reports` (as the phase reporter). */
export function reportsRoot(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.PHASEGATE_REPORTS_DIR ?? 'reports';
}

/** `reports/<suite>/diagnostics`: the folder of a suite's diagnostics (next to `reports/<suite>/dashboards`). */
export function diagnosticsDir(suite: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(reportsRoot(env), suite, 'diagnostics');
}

/** Writes `content` (a string, or JSON-able data deeply masked and pretty-printed) to `dir/file`; returns the path. */
export function writeEvidence(dir: string, file: string, content: string | object): string {
  const text = typeof content === 'string' ? content : `${JSON.stringify(maskDeep(content), null, 2)}\n`;
  return writeReport(dir, file, text, () => {});
}

/** The phases of 000 Task 5.2's log tree. */
export const REBUILD_LOG_PHASES = ['phase0', 'phase1', 'phase2', 'phase3', 'phase4', 'deployment'] as const;
/** The kinds of log under each phase. */
export const REBUILD_LOG_KINDS = ['build', 'test', 'health', 'errors'] as const;

/** `20261202` for a date (UTC), as 000 L468 `$(date +%Y%m%d)`. */
export function rebuildLogDate(now: Date): string {
  return now.toISOString().slice(0, 10).replace(/-/g, '');
}

/** Every folder of the tree, relative to the logs root (`rebuild_20261202/phase0/build`, …). */
export function rebuildLogDirs(date: string): string[] {
  return REBUILD_LOG_PHASES.flatMap((p) => REBUILD_LOG_KINDS.map((k) => join(`rebuild_${date}`, p, k)));
}

/** `reports/logs`: where phasegate keeps the rebuild log tree. */
export function rebuildLogsRoot(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(reportsRoot(env), 'logs');
}

/**
 * Creates the tree under `root` (mkdir -p, idempotent) and points `root/current_rebuild` at `rebuild_<date>` (a
 * relative symlink, replaced atomically). Returns the run's folder. An unwritable root throws a ConfigError.
 */
export function createRebuildLogLayout(root: string, date: string): string {
  const run = join(root, `rebuild_${date}`);
  const link = join(root, 'current_rebuild');
  try {
    for (const dir of rebuildLogDirs(date)) mkdirSync(join(root, dir), { recursive: true });
    const tmp = `${link}.tmp-${process.pid}`;
    rmSync(tmp, { force: true });
    symlinkSync(`rebuild_${date}`, tmp);
    renameSync(tmp, link);
  } catch (error) {
    throw reportWriteError(run, error);
  }
  return run;
}

/** What is on disk of the tree: the folders that exist (of those expected) and where `current_rebuild` points. */
export interface RebuildLogListing {
  readonly root: string;
  readonly date: string;
  /** Expected folders (relative) that exist as folders. */
  readonly present: readonly string[];
  /** Expected folders (relative) that do not. */
  readonly missing: readonly string[];
  /** `current_rebuild`'s target as written, undefined when it is not a symlink. */
  readonly currentLink?: string;
  /** Whether `current_rebuild` resolves to a folder. */
  readonly currentResolves: boolean;
}

/** Reads the tree of `date` under `root` (never throws: what is absent is listed as missing). */
export function readRebuildLogLayout(root: string, date: string): RebuildLogListing {
  const dirs = rebuildLogDirs(date);
  const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
  const present = dirs.filter((d) => isDir(join(root, d)));
  const link = join(root, 'current_rebuild');
  let currentLink: string | undefined;
  try {
    if (lstatSync(link).isSymbolicLink()) currentLink = readlinkSync(link);
  } catch {
    currentLink = undefined;
  }
  return { root, date, present, missing: dirs.filter((d) => !present.includes(d)), ...(currentLink !== undefined ? { currentLink } : {}), currentResolves: isDir(link) };
}
