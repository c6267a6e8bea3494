// A step that changes a live HomeIQ needs the config switch, the per-run flag and a recent verified backup (pure).
import { UnsafeTargetError } from '../common/errors.js';
import { backupProblem, type BackupStatus } from './backup-gate.js';

/** Steps that change a live target. */
export type DestructiveAction = 'rebuild' | 'rollback' | 'restore' | 'teardown';

/** Everything the guard decides on. */
export interface DestructiveRequest {
  readonly action: DestructiveAction;
  /** Compose project name. */
  readonly projectName: string;
  /** Main compose file, as shown. */
  readonly composeFile: string;
  /** Config file, as shown (`phasegate.config.ts`). */
  readonly configFile: string;
  /** Config `live.allowDestructive`. */
  readonly configAllows: boolean;
  /** `PHASEGATE_ALLOW_DESTRUCTIVE=1` or `--allow-destructive` for this run. */
  readonly runFlag: boolean;
  readonly backup: BackupStatus;
}

/** The flag a user passes per run, for messages. */
export const RUN_FLAG = 'PHASEGATE_ALLOW_DESTRUCTIVE=1 or --allow-destructive';

/** What is missing for `request` (pure); empty when the step may run. */
export function destructiveProblems(request: DestructiveRequest): string[] {
  const problems: string[] = [];
  if (!request.configAllows) problems.push(`live.allowDestructive: true in ${request.configFile}`);
  if (!request.runFlag) problems.push(`the per-run flag ${RUN_FLAG}`);
  const backup = backupProblem(request.backup);
  if (backup !== undefined) problems.push(backup);
  return problems;
}

/** `refusing to rebuild the live project "homeiq" (/srv/homeiq/docker-compose.yml): missing …` (pure). */
export function destructiveRefusal(request: DestructiveRequest): UnsafeTargetError | undefined {
  const problems = destructiveProblems(request);
  if (problems.length === 0) return undefined;
  return new UnsafeTargetError(`refusing to ${request.action} the live project "${request.projectName}" (${request.composeFile}): missing ${problems.map((p, i) => `${i + 1}) ${p}`).join('; ')}`, {
    hint: 'a step that changes a live HomeIQ needs all three; without them phasegate stays read-only (phasegate rebuild <phase> --dry-run shows the plan)',
  });
}

/** Throws the refusal of {@link destructiveRefusal} when anything is missing. */
export function assertDestructiveAllowed(request: DestructiveRequest): void {
  const refusal = destructiveRefusal(request);
  if (refusal) throw refusal;
}

/** Dry-run lines: which guards would block a real run (pure). */
export function describeGuards(request: DestructiveRequest): string[] {
  const problems = destructiveProblems(request);
  if (problems.length === 0) return [`guards: a real ${request.action} of the live project "${request.projectName}" would run (config switch, per-run flag and a verified backup ${request.backup.newest?.dir ?? ''} all present)`];
  return [`guards: a real ${request.action} of the live project "${request.projectName}" would be refused; missing:`, ...problems.map((p) => `  - ${p}`)];
}
