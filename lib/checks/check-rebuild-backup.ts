// RB-P1-1: the Phase 1 backup of 003 Step 1.1 (L328-356) is complete before anything is torn down: the InfluxDB
// backup directory holds files, metadata.db was copied and is not empty, the env and compose files and the three
// Docker listings exist. Reads the backup directory only.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from './check-result.js';

/** One artefact of 003's backup and how it must look. */
export interface BackupArtefact {
  /** Path relative to the backup directory (003's names). */
  readonly path: string;
  /** `dir`: a directory with at least one file; `file`: a non-empty file; `listing`: a file that may be empty (a grep with no match). */
  readonly kind: 'dir' | 'file' | 'listing';
  readonly what: string;
}

/** The artefacts 003 L333-355 writes into `~/homeiq-backup-<date>/`. */
export const REBUILD_003_BACKUP: readonly BackupArtefact[] = [
  { path: 'influxdb-backup', kind: 'dir', what: 'influx backup' },
  { path: 'metadata.db.backup', kind: 'file', what: 'SQLite metadata.db' },
  { path: 'env.backup', kind: 'file', what: '.env' },
  { path: 'docker-compose.yml.backup', kind: 'file', what: 'docker-compose.yml' },
  { path: 'docker-images-list.txt', kind: 'listing', what: 'image list' },
  { path: 'docker-volumes-list.txt', kind: 'listing', what: 'volume list' },
  { path: 'docker-containers-status.txt', kind: 'listing', what: 'container list' },
];

function filesIn(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? filesIn(join(dir, e.name)) : e.isFile() ? 1 : 0), 0);
}

/** RB-P1-1: every artefact present in `backupDir` (the directory is recorded once, not recomputed from the date). */
export function checkRebuildBackup(backupDir: string, artefacts: readonly BackupArtefact[] = REBUILD_003_BACKUP): CheckResult {
  const base = { criterionId: 'RB-P1-1', title: '003 Phase 1 backup complete', limit: `${artefacts.length} artefacts present (data files non-empty)` };
  if (!existsSync(backupDir)) return { ...base, status: 'failed', measurement: 0, message: `backup directory ${backupDir} does not exist: nothing was backed up before the teardown. hint: run 003 Step 1.1 first; the teardown deletes the containers the backup copies from` };
  const problems: string[] = [];
  for (const a of artefacts) {
    const path = join(backupDir, a.path);
    if (!existsSync(path)) {
      problems.push(`${a.path} (${a.what}) missing`);
      continue;
    }
    const stat = statSync(path);
    if (a.kind === 'dir' && (!stat.isDirectory() || filesIn(path) === 0)) problems.push(`${a.path} (${a.what}) ${stat.isDirectory() ? 'is empty' : 'is not a directory'}`);
    if (a.kind === 'file' && (!stat.isFile() || stat.size === 0)) problems.push(`${a.path} (${a.what}) ${stat.isFile() ? 'is empty' : 'is not a file'}`);
  }
  const envCopies = readdirSync(backupDir).filter((f) => f.startsWith('.env.'));
  const envNote = envCopies.length ? `; infrastructure env copies: ${envCopies.join(', ')}` : '; no infrastructure/.env.* copy';
  if (problems.length === 0) return { ...base, status: 'passed', measurement: artefacts.length, message: `${backupDir}: all ${artefacts.length} artefacts present${envNote}` };
  return { ...base, status: 'failed', measurement: artefacts.length - problems.length, message: `${backupDir}: ${problems.join('; ')}${envNote}. hint: a teardown without these cannot be undone (data volumes survive Option A, but images and config do not)` };
}
