// Restores one archive into a volume. Refuses a non-empty volume unless asked to replace its content: the plans'
// restore (001 L1520-1529, used by 003's rebuild rollback) runs `tar xzf` over the existing data, which keeps
// every file deleted since the backup and mixes two states of InfluxDB's TSM files.
import { BackupError } from './backup-error.js';
import { DockerCliBackupRunner, missingVolume, type BackupRunner, type VolumeContentFingerprint } from './backup-runner.js';
import { hashFile } from './hash-file.js';

/** Options of {@link restoreVolume}. */
export interface RestoreVolumeOptions {
  /** Empty a non-empty volume first. Without it a non-empty volume is refused. @default false */
  readonly replace?: boolean;
  /** sha256 the archive must have (from the manifest); checked before anything is touched. @default not checked */
  readonly expectedSha256?: string;
  /** Fingerprint the volume had at backup time; compared after the restore. @default not compared */
  readonly expectedFingerprint?: VolumeContentFingerprint;
  /** Docker. @default new DockerCliBackupRunner() */
  readonly runner?: BackupRunner;
  /** Progress lines. @default none */
  readonly log?: (line: string) => void;
}

/** What the restore did. */
export interface RestoreResult {
  readonly volume: string;
  readonly archive: string;
  /** True when existing content was deleted first. */
  readonly replaced: boolean;
  /** Up to 5 top-level entries the volume held before. */
  readonly previousEntries: readonly string[];
  readonly fingerprint: VolumeContentFingerprint;
  /** Fingerprint equals `expectedFingerprint`; null when none was given. */
  readonly identical: boolean | null;
}

/** The refusal for a non-empty target without `replace`, else undefined. Pure. */
export function restoreRefusal(volume: string, entries: readonly string[], replace: boolean): BackupError | undefined {
  if (entries.length === 0 || replace) return undefined;
  return new BackupError('restore-refused', `refusing to restore into volume ${volume}: it is not empty (holds ${entries.slice(0, 5).join(', ')}${entries.length > 5 ? ', …' : ''})`, {
    hint: 'pass --replace (replace: true) to empty it first. Extracting over existing data, as the plan\'s restore does (001 L1520-1529: `tar xzf … -C /data` on the live volume), keeps every file deleted since the backup — for InfluxDB a mix of two states',
  });
}

/** Restores `archive` (a tar.gz on the host) into the existing volume `volume`. */
export async function restoreVolume(archive: string, volume: string, options: RestoreVolumeOptions = {}): Promise<RestoreResult> {
  const runner = options.runner ?? new DockerCliBackupRunner();
  const log = options.log ?? (() => {});
  if (options.expectedSha256) {
    const now = await hashFile(archive).catch((error: Error) => error);
    if (now instanceof Error) throw new BackupError('missing-file', `cannot read archive ${archive}: ${now.message}`, { cause: now });
    if (now.sha256 !== options.expectedSha256) {
      throw new BackupError('checksum-mismatch', `archive ${archive} has sha256 ${now.sha256}, the manifest says ${options.expectedSha256}; nothing was restored`, { hint: 'the archive is damaged or was replaced; restore from another backup' });
    }
  }
  if (!(await runner.volumeExists(volume))) throw missingVolume(volume);
  const entries = await runner.volumeEntries(volume, 6);
  const refusal = restoreRefusal(volume, entries, options.replace === true);
  if (refusal) throw refusal;
  const replaced = entries.length > 0;
  if (replaced) {
    log(`[restore] emptying volume ${volume} (held ${entries.slice(0, 5).join(', ')})`);
    await runner.emptyVolume(volume);
  }
  log(`[restore] extracting ${archive} into ${volume}`);
  await runner.extractArchive(archive, volume);
  const fingerprint = await runner.fingerprint(volume);
  const expected = options.expectedFingerprint;
  const identical = expected ? expected.sha256 === fingerprint.sha256 && expected.files === fingerprint.files : null;
  log(`[restore] ${volume}: ${fingerprint.files} files${identical === null ? '' : identical ? ', identical to the backed-up volume' : ', DIFFERENT from the backed-up volume'}`);
  return { volume, archive, replaced, previousEntries: entries.slice(0, 5), fingerprint, identical };
}
