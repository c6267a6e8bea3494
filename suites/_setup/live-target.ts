// The setup hook's `live` path: attach to the user's running HomeIQ, never start, stop or down it. It resolves the
// target from the config, takes the project's lock, refuses a foreign project, and rebuilds only when asked
// (PHASEGATE_REBUILD=1) and the destructive guards pass (config switch, per-run flag, a recent verified backup).
import { dirname, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { baselinePath, resolveBaselineSource } from '../../lib/baselines/index.js';
import { availabilityGaps } from '../../lib/checks/check-availability.js';
import { stopOnWallTime, WallTimeWatchdog } from '../../lib/common/wall-time-watchdog.js';
import type { LoadedConfig } from '../../lib/config/load-config.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { DEPLOY_SUITE } from '../../lib/plans/registry.js';
import type { Plan } from '../../lib/plans/schema.js';
import { rebuildForPhase, type PhaseRebuildResult } from '../../lib/rebuild/phase-rebuild.js';
import { FileRebuildStateStore } from '../../lib/rebuild/state-store.js';
import { interruptOnSignals } from '../../lib/system/interrupt.js';
import { assertSuiteAllowedOnLive, decideLiveRebuild, DockerodeContainerLabelSource, liveComposeClient, prepareLiveRun, restoreTestedBackupVerifier, type BackupVerifier, type ContainerLabelSource } from '../../lib/target/index.js';
import { startAvailabilityProbe } from './availability.js';
import type { GateEnv } from './env.js';
import type { TargetDescription } from './target.js';

/**
 * Verifies a backup directory before a destructive step on `live`. Until lib/backup's `verifyBackup` is wired here,
 * nothing verifies, so a live rebuild is always refused with that reason.
 */
export const LIVE_BACKUP_VERIFIER: BackupVerifier = restoreTestedBackupVerifier;

/** Options of {@link setupLiveTarget}. */
export interface LiveSetupOptions {
  readonly project: TestProject;
  readonly loaded: LoadedConfig;
  readonly env: GateEnv;
  readonly plan: Plan | undefined;
  readonly log: (line: string) => void;
  /** @default {@link LIVE_BACKUP_VERIFIER} */
  readonly verify?: BackupVerifier;
  /** @default new DockerodeContainerLabelSource() */
  readonly labels?: ContainerLabelSource;
}

/** Prepares the live target and returns its teardown, which only releases the lock: the stack is left as it was. */
export async function setupLiveTarget(options: LiveSetupOptions): Promise<() => Promise<void>> {
  const { project, loaded, env, plan, log } = options;
  assertSuiteAllowedOnLive(project.name);
  const decision = decideLiveRebuild({ planId: plan?.id, rebuildEnv: env.PHASEGATE_REBUILD, skipRebuild: loaded.config.skipRebuild });
  const run = await prepareLiveRun({
    loaded,
    destructive: decision.rebuild ? 'rebuild' : null,
    runFlag: env.PHASEGATE_ALLOW_DESTRUCTIVE,
    labels: options.labels ?? new DockerodeContainerLabelSource(),
    verify: options.verify ?? LIVE_BACKUP_VERIFIER,
    purpose: `vitest suites/${project.name} (live)`,
  });
  const { target, lock } = run;
  log(`[live] project ${target.projectName} (${target.composeFiles.join(', ')}): ${target.services.length} expected services, ${Object.keys(target.urls).length} with a URL on 127.0.0.1; never started, stopped or taken down by phasegate`);
  for (const w of target.withoutUrl) log(`[live] ${w.service}: no URL (${w.reason})`);
  const watchdog = new WallTimeWatchdog({
    name: `gate ${project.name} (live)`,
    limitMs: loaded.config.gate.wallTimeMs,
    onExpire: (error) => void stopOnWallTime(error, { log, cleanup: async () => lock.release(), exit: (code) => process.exit(code) }),
  }).start();
  try {
    const inspector = new DockerodeContainerInspector();
    log(`[rebuild] ${decision.reason}`);
    let rebuild: PhaseRebuildResult | null = null;
    const probe = decision.rebuild && project.name === DEPLOY_SUITE ? startAvailabilityProbe({ ...target, composeEnvFile: run.envFile, composeProfiles: loaded.config.compose.profiles, healthOverrides: loaded.config.services }, log) : undefined;
    const watch = decision.rebuild ? await inspector.watch(target.projectName) : undefined;
    try {
      if (decision.rebuild && plan) {
        watchdog.enter('rebuild (live)');
        const compose = liveComposeClient(run, loaded.config.compose.driver);
        const interrupt = interruptOnSignals({ log, what: 'the live rebuild' });
        try {
          rebuild = await rebuildForPhase({
            plan,
            inventory: run.inventory,
            targetServices: target.services,
            compose,
            inspector,
            project: target.projectName,
            store: new FileRebuildStateStore(target.projectName),
            // Never discard or roll back an earlier run of a live project on its own: resume only when asked.
            unfinished: env.PHASEGATE_REBUILD_RESUME ? 'resume' : 'refuse',
            signal: interrupt.signal,
            ...(probe ? { onEvent: probe.onRebuildEvent } : {}),
          });
        } finally {
          interrupt.dispose();
        }
      }
    } finally {
      project.provide('rebuildEvents', watch ? await watch.stop() : null);
      const availability = probe ? await probe.stop() : null;
      if (availability) log(`[availability] ${availabilityGaps(availability).length} gap(s) seen in ${((availability.endedAtMs - availability.startedAtMs) / 1000).toFixed(1)} s of rollout`);
      project.provide('availability', availability);
    }
    watchdog.enter('target description (live)');
    const root = dirname(loaded.path);
    const baselineFile = baselinePath(root, 'live', 'phase0');
    // Nothing is measured before a live rebuild (no load on a live target unasked): P1-SC7 reads the stored file.
    project.provide('baseline', await resolveBaselineSource({ mode: loaded.config.baseline.source, file: baselineFile, displayFile: relative(process.cwd(), baselineFile) }));
    const description: TargetDescription = {
      kind: 'live',
      projectName: target.projectName,
      urls: target.urls,
      services: [...target.services],
      influx: target.influx,
      ha: target.ha,
      repoRoot: target.repoRoot,
      apiKey: target.apiKey,
      initialContainers: await inspector.listProject(target.projectName),
      initialSampledAt: Date.now(),
      secrets: target.secrets,
      composeFiles: target.composeFiles,
      composeEnvFile: run.envFile,
      composeProfiles: loaded.config.compose.profiles,
      healthOverrides: loaded.config.services,
    };
    project.provide('target', description);
    project.provide('rebuild', rebuild);
    project.provide('pointsBeforeRebuild', null);
  } catch (error) {
    watchdog.stop();
    lock.release();
    throw error;
  }
  watchdog.enter(`tests of suites/${project.name} (live)`);
  return async () => {
    watchdog.stop();
    log(`[live] project ${target.projectName} left as it was (phasegate never stops a live target)`);
    lock.release();
  };
}
