// Prepares the gate's target once per vitest project and hands its description to the tests.
// reference: builds and starts the HomeIQ twin (or reuses a running one), downs it afterwards.
import { dirname, join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ConfigError } from '../../lib/common/errors.js';
import { registerSecret } from '../../lib/common/secrets.js';
import { CORE_SERVICES, REFERENCE_COMPOSE_FILE, ReferenceStack, type StartedReferenceStack } from '../../lib/stack/index.js';
import { readDotenv } from './dotenv.js';
import { readGateEnv } from './env.js';
import type { TargetDescription } from './target.js';
import { loadConfig } from '../../lib/config/load-config.js';
import { loadInventory } from '../../lib/inventory/load-inventory.js';
import { planForSuite } from '../../lib/plans/registry.js';
import { rebuildForPhase, type PhaseRebuildResult } from '../../lib/rebuild/phase-rebuild.js';
import { FileRebuildStateStore } from '../../lib/rebuild/state-store.js';
import type { GateEnv } from './env.js';
import { RunLock } from '../../lib/system/run-lock.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = readGateEnv();
  if (env.PHASEGATE_TARGET === 'live') {
    throw new ConfigError('target "live" is not implemented yet: phasegate can only gate the embedded reference stack in this version', {
      hint: 'unset PHASEGATE_TARGET (see README "Limits")',
    });
  }
  // The config is read before anything starts: an invalid one stops the gate with exit code 78 and nothing to undo.
  const loaded = await loadConfig({ env: process.env });
  project.provide('contradictions', loaded.contradictions.map((c) => ({
    id: c.id,
    question: c.question,
    choice: `${c.choice}: ${c.meaning} (${c.isDefault ? `default — ${c.why}` : `switched in ${loaded.file}`})`,
    alternatives: c.alternatives.map((a) => `${a.choice}: ${a.meaning}`),
  })));
  const th = loaded.config.thresholds;
  project.provide('thresholds', { apiLatencyP95Ms: th.apiLatencyP95Ms, healthLatencyMs: th.healthLatencyMs, dashboardLoadMs: th.dashboardLoadMs, restartWindowMs: th.restartWindowMs, pythonMinVersion: th.pythonMinVersion });
  project.provide('versionChoices', { 'D8.3': loaded.config.contradictions['D8.3'], 'D8.9': loaded.config.contradictions['D8.9'] });
  const repoRoot = resolve(dirname(loaded.path), loaded.config.audit.repoRoot);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const stack = new ReferenceStack({ services: 'core', startupTimeoutMs: env.PHASEGATE_STARTUP_TIMEOUT_MS, progress: log });
  // One run per stack: a second gate (or `phasegate rebuild`) on the same project stops here, before touching it.
  const lock = RunLock.acquire(stack.projectName, { purpose: `vitest suites/${project.name}` });
  try {
    return await prepareTarget(project, stack, env, log, lock, repoRoot);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function prepareTarget(project: TestProject, stack: ReferenceStack, env: GateEnv, log: (line: string) => void, lock: RunLock, repoRoot: string): Promise<() => Promise<void>> {
  let started: StartedReferenceStack;
  if (env.PHASEGATE_REUSE_STACK) {
    log(`[stack] reusing the running project ${stack.projectName} (PHASEGATE_REUSE_STACK=1)`);
    started = await stack.attach();
  } else {
    started = await stack.up();
  }
  const rebuild = await rebuildStep(project.name, started, env, log);
  const dotenv = readDotenv(join(REFERENCE_COMPOSE_FILE, '..', '.env'));
  const secrets = [dotenv.INFLUXDB_TOKEN, dotenv.HOME_ASSISTANT_TOKEN, dotenv.API_KEY, dotenv.DOCKER_INFLUXDB_INIT_PASSWORD].filter((s): s is string => Boolean(s));
  secrets.forEach(registerSecret);
  const target: TargetDescription = {
    kind: 'reference',
    projectName: started.projectName,
    urls: started.urls(),
    services: [...CORE_SERVICES],
    influx: { url: started.url('influxdb'), org: dotenv.INFLUXDB_ORG ?? 'homeiq', bucket: dotenv.INFLUXDB_BUCKET ?? 'home_assistant_events', token: dotenv.INFLUXDB_TOKEN ?? '' },
    ha: { url: started.url('ha-simulator'), token: dotenv.HOME_ASSISTANT_TOKEN ?? '' },
    repoRoot,
    apiKey: dotenv.API_KEY ?? '',
    initialContainers: await started.containers(),
    initialSampledAt: Date.now(),
    secrets,
  };
  project.provide('target', target);
  project.provide('rebuild', rebuild);
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

/** Runs the suite's rebuild plan on the started stack (the setup hook); null when there is none or it is off. */
async function rebuildStep(suite: string, started: StartedReferenceStack, env: GateEnv, log: (line: string) => void): Promise<PhaseRebuildResult | null> {
  const plan = planForSuite(suite);
  if (!plan) return null;
  if (env.PHASEGATE_REBUILD === false) {
    log(`[rebuild] ${plan.id} plan skipped (PHASEGATE_REBUILD=0); its rebuild criteria will fail as not run`);
    return null;
  }
  const inventory = loadInventory({ files: [REFERENCE_COMPOSE_FILE], projectName: started.projectName, driver: await started.compose.driver(), env: process.env });
  const controller = new AbortController();
  const onSignal = () => {
    log('[rebuild] interrupt: finishing the current step, then stopping (state saved; the next run rolls it back or resumes it)');
    controller.abort(new Error('interrupted'));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await rebuildForPhase({
      plan,
      inventory,
      targetServices: CORE_SERVICES,
      compose: started.compose,
      inspector: started.inspector,
      project: started.projectName,
      store: new FileRebuildStateStore(started.projectName),
      // A freshly started stack has nothing left of an unfinished earlier run but its tags; a reused one is rolled back.
      unfinished: env.PHASEGATE_REBUILD_RESUME ? 'resume' : env.PHASEGATE_REUSE_STACK ? 'rollback' : 'discard',
      ...(env.PHASEGATE_REBUILD_BUILD_ARGS ? { buildArgs: (service: string) => env.PHASEGATE_REBUILD_BUILD_ARGS?.[service] } : {}),
      signal: controller.signal,
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
