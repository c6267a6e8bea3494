// Is there a recent, verified backup under live.backupDir? The verification itself is injected (lib/backup).
import { verifyBackup } from '../backup/verify-backup.js';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Verifies one backup directory (the integrator wires lib/backup's `verifyBackup`). */
export type BackupVerifier = (dir: string) => Promise<{ readonly ok: boolean; readonly problems: readonly string[] }>;

/** A directory that may hold a backup, and the time its age is counted from (ms since epoch). */
export interface BackupCandidate {
  readonly dir: string;
  readonly createdAtMs: number;
}

/** What the backup gate found. */
export interface BackupStatus {
  /** Directory searched (as shown in messages). */
  readonly backupDir: string;
  /** Oldest age accepted, in ms. */
  readonly maxAgeMs: number;
  /** The newest candidate and its age, or null when there is none. */
  readonly newest: { readonly dir: string; readonly ageMs: number } | null;
  /** The verifier's answer on `newest`, or null when it was not run (none, or too old). */
  readonly verification: { readonly ok: boolean; readonly problems: readonly string[] } | null;
}

const MANIFEST = /^backup_manifest_.+\.txt$/;

/**
 * The backup directories under `backupDir`: `backupDir` itself when it holds a `backup_manifest_*.txt`, else each
 * sub-directory. A candidate's age counts from its newest manifest's mtime, else the directory's mtime. Missing
 * directory → none.
 */
export function listBackupCandidates(backupDir: string): BackupCandidate[] {
  const own = candidate(backupDir);
  if (own?.hasManifest) return [{ dir: backupDir, createdAtMs: own.createdAtMs }];
  let entries: string[];
  try {
    entries = readdirSync(backupDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const c = candidate(join(backupDir, name));
    return c ? [{ dir: join(backupDir, name), createdAtMs: c.createdAtMs }] : [];
  });
}

function candidate(dir: string): { createdAtMs: number; hasManifest: boolean } | undefined {
  try {
    const manifests = readdirSync(dir).filter((f) => MANIFEST.test(f)).map((f) => statSync(join(dir, f)).mtimeMs);
    return manifests.length > 0 ? { createdAtMs: Math.max(...manifests), hasManifest: true } : { createdAtMs: statSync(dir).mtimeMs, hasManifest: false };
  } catch {
    return undefined;
  }
}

/** Options of {@link assessBackup}. */
export interface AssessBackupOptions {
  /** Absolute directory searched. */
  readonly backupDir: string;
  /** As shown in messages. @default backupDir */
  readonly displayDir?: string;
  /** Oldest age accepted, in ms (config `live.backupMaxAgeMs`). */
  readonly maxAgeMs: number;
  /** Now, ms since epoch. @default Date.now() */
  readonly nowMs?: number;
  readonly verify: BackupVerifier;
  /** @default {@link listBackupCandidates} */
  readonly list?: (backupDir: string) => readonly BackupCandidate[];
}

/** Finds the newest backup under `backupDir` and verifies it when it is young enough. */
export async function assessBackup(options: AssessBackupOptions): Promise<BackupStatus> {
  const now = options.nowMs ?? Date.now();
  const candidates = [...(options.list ?? listBackupCandidates)(options.backupDir)].sort((a, b) => b.createdAtMs - a.createdAtMs);
  const base = { backupDir: options.displayDir ?? options.backupDir, maxAgeMs: options.maxAgeMs };
  const newest = candidates[0];
  if (!newest) return { ...base, newest: null, verification: null };
  const ageMs = Math.max(0, now - newest.createdAtMs);
  if (ageMs > options.maxAgeMs) return { ...base, newest: { dir: newest.dir, ageMs }, verification: null };
  let verification: BackupStatus['verification'];
  try {
    const result = await options.verify(newest.dir);
    verification = { ok: result.ok, problems: [...result.problems] };
  } catch (error) {
    verification = { ok: false, problems: [`the verifier failed: ${(error as Error).message.split('\n', 1)[0]}`] };
  }
  return { ...base, newest: { dir: newest.dir, ageMs }, verification };
}

function hours(ms: number): string {
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** Why the backup does not count (pure); empty when it is recent and verified. */
export function backupProblem(status: BackupStatus): string | undefined {
  if (status.newest === null) return `a verified backup: no backup directory under ${status.backupDir}`;
  if (status.verification === null) return `a verified backup: the newest, ${status.newest.dir}, is ${hours(status.newest.ageMs)} old (limit ${hours(status.maxAgeMs)}, live.backupMaxAgeMs)`;
  if (!status.verification.ok) {
    const problems = status.verification.problems.length === 0 ? 'no reason given' : status.verification.problems.join(', ');
    return `a verified backup: ${status.newest.dir} failed verification (${problems})`;
  }
  return undefined;
}

/**
 * The real verifier: lib/backup's {@link verifyBackup} with the restore test (every volume archive extracted into a
 * scratch volume and compared byte for byte with the fingerprint taken at backup time) and the `:pre-rebuild` tags.
 * A folder that is not a backup, or any problem, makes it not ok with the reasons.
 */
export const restoreTestedBackupVerifier: BackupVerifier = async (dir) => {
  try {
    const v = await verifyBackup(dir, { restoreTest: true });
    return { ok: v.ok, problems: v.problems };
  } catch (error) {
    return { ok: false, problems: [(error as Error).message.split('\n', 1)[0]!] };
  }
};
