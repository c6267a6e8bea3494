// The BackupGate a rebuild checks before every wave (lib/rebuild/driver.ts): a verified backup or no destructive step.
import type { BackupGate, StepOutcome } from '../rebuild/driver.js';
import { verifyBackup, type VerifyBackupOptions } from './verify-backup.js';

/** Options of {@link verifiedBackupGate}. */
export interface VerifiedBackupGateOptions extends VerifyBackupOptions {
  /** Volumes the backup must contain (Docker names); a backup without one of them does not open the gate. @default [] */
  readonly requiredVolumes?: readonly string[];
}

/**
 * A gate that opens only when `dir` verifies (checksums, listings, tags; with `restoreTest`, restores too) and holds
 * every required volume. Verification runs once and is remembered for the rest of the rebuild.
 */
export function verifiedBackupGate(dir: string, options: VerifiedBackupGateOptions = {}): BackupGate {
  let outcome: Promise<StepOutcome> | undefined;
  const run = async (): Promise<StepOutcome> => {
    const v = await verifyBackup(dir, options).catch((error: Error) => error);
    if (v instanceof Error) return { ok: false, message: `no verified backup: ${v.message.split('\n')[0]}` };
    const held = new Set((v.record?.volumes ?? []).map((x) => x.name));
    const missing = (options.requiredVolumes ?? []).filter((x) => !held.has(x));
    const problems = [...v.problems, ...missing.map((x) => `volume ${x} is not in the backup`)];
    if (problems.length > 0) return { ok: false, message: `backup ${v.dir} is not verified: ${problems.length} problem(s)`, detail: problems.join('\n') };
    return { ok: true, message: `backup ${v.dir} verified: ${v.files.length} files, ${v.archives.length} archives${v.restoreTests.length ? `, ${v.restoreTests.length} restore tests identical` : ''}` };
  };
  return {
    name: `verified backup ${dir}${options.restoreTest ? ' (restore-tested)' : ''}`,
    verify: () => (outcome ??= run()),
  };
}
