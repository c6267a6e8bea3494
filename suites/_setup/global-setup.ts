// Prepares the gate's target once per vitest project and hands its description to the tests.
// reference: builds and starts the HomeIQ twin (or reuses a running one), downs it afterwards.
// live: attaches to the user's running HomeIQ and leaves it as it was (live-target.ts).
import { rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { registerSecret } from '../../lib/common/secrets.js';
import { CORE_SERVICES, REFERENCE_COMPOSE_FILE, ReferenceStack, referenceBuildArgs, referenceRepoRoot, referenceStateFor, type ReferenceState, type StartedReferenceStack } from '../../lib/stack/index.js';
import { readDotenv } from './dotenv.js';
import { readGateEnv } from './env.js';
import { setupLiveTarget } from './live-target.js';
import type { TargetDescription } from './target.js';
import { loadConfig } from '../../lib/config/load-config.js';
import { loadInventory } from '../../lib/inventory/load-inventory.js';
import { DEPLOY_SUITE, planForSuite } from '../../lib/plans/registry.js';
import type { Plan } from '../../lib/plans/schema.js';
import type { RebuildEvent } from '../../lib/rebuild/events.js';
import { availabilityGaps } from '../../lib/checks/check-availability.js';
import { startAvailabilityProbe } from './availability.js';
import { suiteTargetServices } from '../../lib/plans/suite-services.js';
import { rebuildForPhase, type PhaseRebuildResult } from '../../lib/rebuild/phase-rebuild.js';
import { FileRebuildStateStore } from '../../lib/rebuild/state-store.js';
import type { GateEnv } from './env.js';
import { RunLock } from '../../lib/system/run-lock.js';
import { interruptOnSignals } from '../../lib/system/interrupt.js';
import { baselinePath, resolveBaselineSource } from '../../lib/baselines/index.js';
import type { LoadedConfig } from '../../lib/config/load-config.js';
import { measureBeforeRebuild } from './before-rebuild.js';
import { COMPLETE_REBUILD_SUITE, runCompleteRebuild, type CompleteRebuildOutcome } from './complete-rebuild.js';
import { ROLLBACK_SUITE, runRollbackDrill, type RollbackDrillOutcome } from './rollback-drill.js';
import type { ProcedureOptions } from './procedure.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { createTestLog } from '../../lib/reports/run-test-log.js';
import { findReportWriter } from '../../lib/reports/report-readiness.js';
import { stopOnWallTime, WallTimeWatchdog } from '../../lib/common/wall-time-watchdog.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Before anything can fail: the roll-up tests judge what this run's tests recorded here (never an older run's).
  // Only the tests read it; its folder goes with the teardown.
  const testLog = createTestLog(project.name);
  project.provide('testLog', testLog);
  const removeLog = () => rmSync(dirname(testLog), { recursive: true, force: true });
  let teardown: () => Promise<void>;
  try {
    teardown = await prepare(project);
  } catch (error) {
    removeLog();
    throw error;
  }
  return async () => {
    try {
      await teardown();
    } finally {
      removeLog();
    }
  };
}

async function prepare(project: TestProject): Promise<() => Promise<void>> {
  const env = readGateEnv();
  project.provide('runStartedAt', new Date().toISOString());
  project.provide('reportWriter', findReportWriter(project.vitest.config.reporters));
  // The config is read before anything starts: an invalid one stops the gate with exit code 78 and nothing to undo.
  const loaded = await loadConfig({ env: process.env });
  project.provide('contradictions', loaded.contradictions.map((c) => ({
    id: c.id,
    question: c.question,
    choice: `${c.choice}: ${c.meaning} (${c.isDefault ? `default — ${c.why}` : `switched in ${loaded.file}`})`,
    alternatives: c.alternatives.map((a) => `${a.choice}: ${a.meaning}`),
  })));
  const th = loaded.config.thresholds;
  project.provide('thresholds', {
    apiLatencyP95Ms: th.apiLatencyP95Ms,
    healthLatencyMs: th.healthLatencyMs,
    dashboardLoadMs: th.dashboardLoadMs,
    restartWindowMs: th.restartWindowMs,
    regressionRatio: th.regressionRatio,
    emergencyRollbackRatio: th.emergencyRollbackRatio,
    memoryPercentMax: th.memoryPercentMax,
    cpuPercentAvgMax: th.cpuPercentAvgMax,
    baselineOnInconclusive: loaded.config.baseline.onInconclusive,
    pythonMinVersion: th.pythonMinVersion,
    dbQueryRegressionRatio: th.dbQueryRegressionRatio,
    dbQueryBaselineMs: th.dbQueryBaselineMs ?? null,
    dbQueryMaxMs: th.dbQueryMaxMs,
  });
  project.provide('security', loaded.config.security);
  project.provide('monitor', loaded.config.monitor);
  const ds = loaded.config.dataSources;
  project.provide('dataSources', {
    sources: Object.entries(ds.sources).map(([name, s]) => ({ name, service: s.service, measurement: s.measurement })),
    windowMs: ds.windowMs,
    maxAgeMs: ds.maxAgeMs ?? null,
    bucket: ds.bucket ?? null,
  });
  project.provide('versionChoices', { 'D8.3': loaded.config.contradictions['D8.3'], 'D8.9': loaded.config.contradictions['D8.9'] });
  project.provide('haProbeAuth', loaded.config.contradictions['D3.7']);
  project.provide('phaseTagging', loaded.config.target === 'reference'
    ? { enabled: true, why: 'reference target: its rebuilt images are tagged after a run without failures' }
    : loaded.config.live.tagPhaseComplete
      ? { enabled: true, why: `live.tagPhaseComplete is on in ${loaded.file}` }
      : { enabled: false, why: `live target and live.tagPhaseComplete is off; set it to true in ${loaded.file} to let the gate tag the rebuilt images` });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const plan = planForSuite(project.name, { deployDay: env.PHASEGATE_DEPLOY_DAY });
  const deployDay = project.name === DEPLOY_SUITE ? env.PHASEGATE_DEPLOY_DAY : null;
  project.provide('deployDay', deployDay);
  if (deployDay !== null) log(`[deploy] Day ${deployDay}: plan ${plan!.id} — ${plan!.title} (PHASEGATE_DEPLOY_DAY=${deployDay})`);
  // `target` from the config, PHASEGATE_TARGET overriding it: live attaches to the user's HomeIQ (suites/_setup/live-target.ts).
  if (loaded.config.target === 'live') return setupLiveTarget({ project, loaded, env, plan, log });
  const services = targetServicesOf(project.name, plan);
  const stack = new ReferenceStack({ services, startupTimeoutMs: env.PHASEGATE_STARTUP_TIMEOUT_MS, progress: log });
  // One run per stack: a second gate (or `phasegate rebuild`) on the same project stops here, before touching it.
  const lock = RunLock.acquire(stack.projectName, { purpose: `vitest suites/${project.name}` });
  // The wall-time limit covers setup, tests and teardown. Past it: the teardown (or, during setup, a plain down)
  // runs once, bounded, and the process exits 130 naming the step that was running.
  let teardown: (() => Promise<void>) | undefined;
  const cleanupOnExpiry = once(async () => {
    if (teardown) return teardown();
    try {
      if (!env.PHASEGATE_KEEP_STACK && !env.PHASEGATE_REUSE_STACK) await (await stack.handle()).down();
    } finally {
      lock.release();
    }
  });
  const watchdog = new WallTimeWatchdog({
    name: `gate ${project.name}`,
    limitMs: loaded.config.gate.wallTimeMs,
    onExpire: (error) => void stopOnWallTime(error, { log, cleanup: cleanupOnExpiry, exit: (code) => process.exit(code) }),
  }).start();
  try {
    teardown = once(await prepareTarget(project, plan, stack, services, env, log, lock, loaded, watchdog));
  } catch (error) {
    watchdog.stop();
    lock.release();
    throw error;
  }
  watchdog.enter(`tests of suites/${project.name}`);
  const finish = teardown;
  return async () => {
    watchdog.enter('teardown');
    try {
      await finish();
    } finally {
      watchdog.stop();
    }
  };
}

/** `fn` run at most once; later calls share the first call's promise (the expiry and vitest may both tear down). */
function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

async function prepareTarget(project: TestProject, plan: Plan | undefined, stack: ReferenceStack, services: readonly string[], env: GateEnv, log: (line: string) => void, lock: RunLock, loaded: LoadedConfig, watchdog: WallTimeWatchdog): Promise<() => Promise<void>> {
  let started: StartedReferenceStack;
  const state = referenceStateFor(project.name);
  if (env.PHASEGATE_REUSE_STACK) {
    watchdog.enter('stack attach');
    log(`[stack] reusing the running project ${stack.projectName} (PHASEGATE_REUSE_STACK=1)`);
    started = await stack.attach();
  } else {
    watchdog.enter('stack up');
    started = await stack.up();
  }
  const dotenv = readDotenv(join(REFERENCE_COMPOSE_FILE, '..', '.env'));
  const secrets = [dotenv.INFLUXDB_TOKEN, dotenv.HOME_ASSISTANT_TOKEN, dotenv.API_KEY, dotenv.DOCKER_INFLUXDB_INIT_PASSWORD, dotenv.JWT_SECRET_KEY, dotenv.ADMIN_PASSWORD].filter((s): s is string => Boolean(s));
  secrets.forEach(registerSecret);
  const rebuilds = plan !== undefined && env.PHASEGATE_REBUILD !== false;
  watchdog.enter('measurements before the rebuild');
  const before = rebuilds ? await measureBeforeRebuild({ suite: project.name, plan: plan!, started, dotenv, baselineSource: loaded.config.baseline.source, log }) : { points: null };
  watchdog.enter('rebuild');
  // DEP-0: the deployment days claim zero downtime, so their rollout is probed continuously while it runs.
  const probe = rebuilds && project.name === DEPLOY_SUITE ? startAvailabilityProbe({ projectName: started.projectName, services, urls: started.urls(), healthOverrides: loaded.config.services }, log) : undefined;
  // P1-S3-AC6: Docker's own record of the restarts, watched live (its `since` buffer holds only 256 events).
  const watch = rebuilds ? await new DockerodeContainerInspector().watch(started.projectName) : undefined;
  let rebuild: PhaseRebuildResult | null;
  try {
    rebuild = await rebuildStep(plan, started, services, env, state, log, probe?.onRebuildEvent);
  } finally {
    project.provide('rebuildEvents', watch ? await watch.stop() : null);
    const availability = probe ? await probe.stop() : null;
    if (availability) log(`[availability] ${availabilityGaps(availability).length} gap(s) seen in ${((availability.endedAtMs - availability.startedAtMs) / 1000).toFixed(1)} s of rollout`);
    project.provide('availability', availability);
  }
  // suites/rebuild: 003's complete rebuild (prep, teardown, build, deploy, restore) instead of a phase plan.
  const repoRoot = resolve(dirname(loaded.path), loaded.config.audit.repoRootIsDefault ? referenceRepoRoot(state) : loaded.config.audit.repoRoot);
  const procedure = async (): Promise<ProcedureOptions> => ({
    started,
    services,
    inventory: loadInventory({ files: [REFERENCE_COMPOSE_FILE], projectName: started.projectName, driver: await started.compose.driver(), env: process.env }),
    influx: { url: started.url('influxdb'), org: dotenv.INFLUXDB_ORG ?? 'homeiq', bucket: dotenv.INFLUXDB_BUCKET ?? 'home_assistant_events', token: dotenv.INFLUXDB_TOKEN ?? '' },
    backupsDir: resolve(dirname(loaded.path), loaded.config.live.backupDir),
    repoRoot,
    buildArgs: referenceBuildArgs(state),
    log,
    healthOverrides: loaded.config.services,
  });
  let completeRebuild: CompleteRebuildOutcome | null = null;
  if (project.name === COMPLETE_REBUILD_SUITE && env.PHASEGATE_REBUILD !== false) {
    watchdog.enter('complete rebuild (003)');
    completeRebuild = await runCompleteRebuild(await procedure());
  }
  project.provide('completeRebuild', completeRebuild);
  // suites/rollback: the rollback procedures drilled (backup, deploy, emergency/full rollback with data restore, automatic rollback).
  let rollbackDrill: RollbackDrillOutcome | null = null;
  if (project.name === ROLLBACK_SUITE && env.PHASEGATE_REBUILD !== false) {
    watchdog.enter('rollback drill');
    rollbackDrill = await runRollbackDrill(await procedure());
  }
  project.provide('rollbackDrill', rollbackDrill);
  watchdog.enter('target description');
  const root = dirname(loaded.path);
  const baselineFile = baselinePath(root, 'reference', 'phase0');
  project.provide('baseline', await resolveBaselineSource({ mode: loaded.config.baseline.source, file: baselineFile, displayFile: relative(process.cwd(), baselineFile), ...(before.baseline ? { preRebuild: before.baseline } : {}) }));
  if (loaded.config.audit.repoRootIsDefault) log(`[audit] version audits read ${referenceRepoRoot(state)} (the HomeIQ code state ${project.name} ends in; set audit.repoRoot to audit another tree)`);
  const target: TargetDescription = {
    kind: 'reference',
    projectName: started.projectName,
    urls: started.urls(),
    services: [...services],
    influx: { url: started.url('influxdb'), org: dotenv.INFLUXDB_ORG ?? 'homeiq', bucket: dotenv.INFLUXDB_BUCKET ?? 'home_assistant_events', token: dotenv.INFLUXDB_TOKEN ?? '' },
    ha: { url: started.url('ha-simulator'), token: dotenv.HOME_ASSISTANT_TOKEN ?? '' },
    repoRoot,
    apiKey: dotenv.API_KEY ?? '',
    initialContainers: await started.containers(),
    initialSampledAt: Date.now(),
    secrets,
    healthOverrides: loaded.config.services,
  };
  project.provide('target', target);
  project.provide('rebuild', rebuild);
  project.provide('pointsBeforeRebuild', before.points);
  return async () => {
    try {
      if (env.PHASEGATE_KEEP_STACK || env.PHASEGATE_REUSE_STACK) {
        log(`[stack] left running (project ${started.projectName}); stop it with: docker-compose -p ${started.projectName} -f ${REFERENCE_COMPOSE_FILE} down -v`);
        return;
      }
      await started.down();
      log(`[stack] project ${started.projectName} taken down`);
    } finally {
      lock.release();
    }
  };
}

/**
 * The services the suite's reference target runs. Phase 1 gates the core (its documented figures); later phases add
 * their plan's services, which the core lacks (Phase 3's four ML services, Phase 2's batches), so the rebuild has
 * something to rebuild and the checks something to judge.
 */
function targetServicesOf(suite: string, plan: Plan | undefined): readonly string[] {
  if (suite === 'phase1') return CORE_SERVICES;
  const inventory = loadInventory({ files: [REFERENCE_COMPOSE_FILE], projectName: 'phasegate-ref', driver: 'v1', env: process.env });
  return suiteTargetServices(plan, inventory, CORE_SERVICES, suite);
}

/** Runs the suite's rebuild plan on the started stack (the setup hook); null when there is none or it is off. */
async function rebuildStep(plan: Plan | undefined, started: StartedReferenceStack, services: readonly string[], env: GateEnv, state: ReferenceState, log: (line: string) => void, onEvent?: (event: RebuildEvent) => void): Promise<PhaseRebuildResult | null> {
  if (!plan) return null;
  if (env.PHASEGATE_REBUILD === false) {
    log(`[rebuild] ${plan.id} plan skipped (PHASEGATE_REBUILD=0); its rebuild criteria will fail as not run`);
    return null;
  }
  const inventory = loadInventory({ files: [REFERENCE_COMPOSE_FILE], projectName: started.projectName, driver: await started.compose.driver(), env: process.env });
  const interrupt = interruptOnSignals({ log, what: 'the rebuild' });
  try {
    return await rebuildForPhase({
      plan,
      inventory,
      targetServices: services,
      compose: started.compose,
      inspector: started.inspector,
      project: started.projectName,
      store: new FileRebuildStateStore(started.projectName),
      // A freshly started stack has nothing left of an unfinished earlier run but its tags; a reused one is rolled back.
      unfinished: env.PHASEGATE_REBUILD_RESUME ? 'resume' : env.PHASEGATE_REUSE_STACK ? 'rollback' : 'discard',
      // The rebuilt twins report the package versions of the code state the gate stands for (lib/stack/reference-state.ts).
      buildArgs: (service: string) => ({ ...referenceBuildArgs(state), ...env.PHASEGATE_REBUILD_BUILD_ARGS?.[service] }),
      signal: interrupt.signal,
      ...(onEvent ? { onEvent } : {}),
    });
  } finally {
    interrupt.dispose();
  }
}
