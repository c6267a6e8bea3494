// The guards of a live run, wired from a loaded config and a live target: own project, destructive steps.
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { LoadedConfig } from '../config/load-config.js';
import { assessBackup, type BackupVerifier } from './backup-gate.js';
import type { ContainerLabelSource } from './container-labels.js';
import type { DestructiveAction, DestructiveRequest } from './destructive-guard.js';
import { assertOwnProject, type ExpectedProject } from './foreign-project-guard.js';
import type { LiveTarget } from './resolve-live-target.js';

/** The project the expected containers must belong to. */
export function expectedProjectOf(target: LiveTarget): ExpectedProject {
  return {
    projectName: target.projectName,
    composeFiles: target.composeFiles,
    workingDir: target.workingDir,
    containers: Object.fromEntries(target.services.flatMap((s) => (target.containerNames[s] === undefined ? [] : [[s, target.containerNames[s]!]]))),
  };
}

/** realpath when the path exists (symlinked checkouts), else `resolve`. */
export function canonicalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Looks the expected containers up by name and refuses (UnsafeTargetError) when any belongs elsewhere. */
export async function assertLiveProjectOwned(target: LiveTarget, labels: ContainerLabelSource): Promise<void> {
  const expected = expectedProjectOf(target);
  assertOwnProject(await labels.byNames(Object.values(expected.containers)), expected, canonicalPath);
}

/** Options of {@link destructiveRequestFor}. */
export interface DestructiveRequestOptions {
  readonly action: DestructiveAction;
  /** `PHASEGATE_ALLOW_DESTRUCTIVE=1` or `--allow-destructive`. */
  readonly runFlag: boolean;
  readonly verify: BackupVerifier;
  /** @default Date.now() */
  readonly nowMs?: number;
  /** Base of paths in messages. @default process.cwd() */
  readonly cwd?: string;
}

/** Gathers what {@link assertDestructiveAllowed} decides on: config switch, run flag, the newest backup verified. */
export async function destructiveRequestFor(loaded: Pick<LoadedConfig, 'path' | 'file' | 'config'>, target: Pick<LiveTarget, 'projectName' | 'composeFiles'>, options: DestructiveRequestOptions): Promise<DestructiveRequest> {
  const cwd = options.cwd ?? process.cwd();
  const backupDir = resolve(dirname(loaded.path), loaded.config.live.backupDir);
  const backup = await assessBackup({
    backupDir,
    displayDir: display(cwd, backupDir),
    maxAgeMs: loaded.config.live.backupMaxAgeMs,
    verify: options.verify,
    ...(options.nowMs !== undefined ? { nowMs: options.nowMs } : {}),
  });
  return {
    action: options.action,
    projectName: target.projectName,
    composeFile: target.composeFiles[0] ?? '(no compose file)',
    configFile: loaded.file,
    configAllows: loaded.config.live.allowDestructive,
    runFlag: options.runFlag,
    backup,
  };
}

function display(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
