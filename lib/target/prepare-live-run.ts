// Everything a live run does before it touches anything: resolve the target, take the project's lock, refuse a
// foreign project, and decide whether a requested destructive step may run. Adapters are injected.
import { UnsafeTargetError } from '../common/errors.js';
import { ExecaComposeClient } from '../compose/execa-compose-client.js';
import { RunLock } from '../system/run-lock.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { BackupVerifier } from './backup-gate.js';
import type { ContainerLabelSource } from './container-labels.js';
import { assertDestructiveAllowed, type DestructiveAction, type DestructiveRequest } from './destructive-guard.js';
import { assertLiveProjectOwned, destructiveRequestFor } from './live-guards.js';
import { loadLiveTarget, type LoadedLiveTarget } from './load-live-target.js';

/** Whether a live gate run rebuilds, and why (pure). */
export interface LiveRebuildDecision {
  readonly rebuild: boolean;
  readonly reason: string;
}

/**
 * A live gate rebuilds only when asked explicitly: the suite has a plan, `PHASEGATE_REBUILD=1` is set (unset means
 * no rebuild on live, unlike reference) and the config's `skipRebuild` is off. The guards decide afterwards.
 */
export function decideLiveRebuild(input: { readonly planId: string | undefined; readonly rebuildEnv: boolean | undefined; readonly skipRebuild: boolean }): LiveRebuildDecision {
  if (input.planId === undefined) return { rebuild: false, reason: 'the suite has no rebuild plan' };
  if (input.skipRebuild) return { rebuild: false, reason: `plan ${input.planId} not run: skipRebuild is set (read-only)` };
  if (input.rebuildEnv !== true) return { rebuild: false, reason: `plan ${input.planId} not run: a live target is read-only unless PHASEGATE_REBUILD=1 (and the destructive guards) ask otherwise` };
  return { rebuild: true, reason: `plan ${input.planId} requested with PHASEGATE_REBUILD=1` };
}

/** Suites that change the target by design (fault injection): never on `live`. */
export const REFERENCE_ONLY_SUITES: readonly string[] = ['selftest'];

/** Refuses a suite that only the reference stack may receive (pure). */
export function assertSuiteAllowedOnLive(suite: string): void {
  if (!REFERENCE_ONLY_SUITES.includes(suite)) return;
  throw new UnsafeTargetError(`refusing to run suites/${suite} on the live target: it injects faults into the services it tests`, {
    hint: 'run it on the reference stack (unset PHASEGATE_TARGET, config target "reference")',
  });
}

/** Options of {@link prepareLiveRun}. */
export interface PrepareLiveRunOptions {
  readonly loaded: LoadedConfig;
  /** Shell environment (over the env file). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A destructive step this run wants, or null for a read-only run. */
  readonly destructive: DestructiveAction | null;
  /** `PHASEGATE_ALLOW_DESTRUCTIVE=1` or `--allow-destructive`. */
  readonly runFlag: boolean;
  readonly labels: ContainerLabelSource;
  readonly verify: BackupVerifier;
  /** What takes the lock, for another run's message (`vitest suites/phase1 (live)`). */
  readonly purpose: string;
  /** Lock directory. @default `.phasegate/locks` under the working directory */
  readonly lockDir?: string;
  /** @default Date.now() */
  readonly nowMs?: number;
}

/** A live run that passed its guards; release the lock when done. */
export interface PreparedLiveRun extends LoadedLiveTarget {
  readonly lock: RunLock;
  /** The guard's input for the destructive step that may run, or null for a read-only run. */
  readonly destructive: DestructiveRequest | null;
}

/**
 * Resolves the target, takes its lock (keyed by project), then refuses a destructive step that lacks its permission
 * and a foreign project; on any refusal the lock is released. Nothing is changed before it returns.
 */
export async function prepareLiveRun(options: PrepareLiveRunOptions): Promise<PreparedLiveRun> {
  const live = loadLiveTarget(options.loaded, { ...(options.env ? { env: options.env } : {}) });
  const lock = RunLock.acquire(live.target.projectName, { purpose: options.purpose, ...(options.lockDir ? { dir: options.lockDir } : {}) });
  try {
    // The destructive guard first: it needs no Docker, and its refusal lists everything missing at once.
    let destructive: DestructiveRequest | null = null;
    if (options.destructive !== null) {
      destructive = await destructiveRequestFor(options.loaded, live.target, {
        action: options.destructive,
        runFlag: options.runFlag,
        verify: options.verify,
        ...(options.nowMs !== undefined ? { nowMs: options.nowMs } : {}),
      });
      assertDestructiveAllowed(destructive);
    }
    await assertLiveProjectOwned(live.target, options.labels);
    return { ...live, lock, destructive };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** The compose client of a prepared live run: its project, compose files, working dir and env file, the config's driver. */
export function liveComposeClient(run: LoadedLiveTarget, driver: LoadedConfig['config']['compose']['driver']): ExecaComposeClient {
  const { target } = run;
  return new ExecaComposeClient({
    projectName: target.projectName,
    files: target.composeFiles,
    cwd: target.workingDir,
    ...(run.envFile !== null ? { envFile: run.envFile } : {}),
    driver,
  });
}
