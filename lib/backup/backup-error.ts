import { PhasegateError, type PhasegateErrorOptions } from '../common/errors.js';

/** Why a backup operation stopped; the CLI maps every one of them to exit code 74 (ExitCode.BackupFailed). */
export type BackupErrorReason =
  | 'missing-volume'
  | 'missing-image'
  | 'missing-file'
  | 'archive-failed'
  | 'docker-failed'
  | 'dir-exists'
  | 'not-a-backup'
  | 'checksum-mismatch'
  | 'restore-refused';

/** A backup could not be created, verified or restored, or a restore was refused. Code `PHASEGATE_BACKUP_FAILED`. */
export class BackupError extends PhasegateError {
  override name = 'BackupError';
  readonly reason: BackupErrorReason;
  constructor(reason: BackupErrorReason, message: string, options: PhasegateErrorOptions = {}) {
    super('PHASEGATE_BACKUP_FAILED', message, options);
    this.reason = reason;
  }
}
