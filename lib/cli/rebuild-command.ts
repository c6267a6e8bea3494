// `phasegate rebuild <phase>` and `phasegate rollback`: the setup hooks' rebuild, by hand, with a dry run that
// prints the whole plan (waves, renames, order corrections) and touches nothing. On a live HomeIQ (`--compose`, or
// config target "live") a real run needs the destructive guards (lib/target) and takes the project's lock.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ExitCode } from '../common/exit-codes.js';
import { ConfigError } from '../common/errors.js';
import type { ComposeClient } from '../compose/compose-client.js';
import { CONFIG_FILE_NAMES, loadConfig, type LoadedConfig } from '../config/load-config.js';
import { PhasegateConfigSchema } from '../config/schema.js';
import type { ContainerInspector } from '../docker/container-inspector.js';
import { DockerodeContainerInspector } from '../docker/index.js';
import { loadInventory } from '../inventory/load-inventory.js';
import type { Inventory } from '../inventory/types.js';
import { describeGuards, destructiveRequestFor, DockerodeContainerLabelSource, liveComposeClient, prepareLiveRun, restoreTestedBackupVerifier, type BackupVerifier, type ContainerLabelSource } from '../target/index.js';
import { planById, planIds } from '../plans/registry.js';
import { resolvePlan } from '../plans/resolve-plan.js';
import type { Plan } from '../plans/schema.js';
import { RunLock } from '../system/run-lock.js';
import { interruptOnSignals } from '../system/interrupt.js';
import { ComposeRebuildDriver, rebuildTargets } from '../rebuild/compose-rebuild-driver.js';
import { rebuildForPhase } from '../rebuild/phase-rebuild.js';
import { createProgressPrinter } from '../rebuild/progress.js';
import { rollbackRebuild } from '../rebuild/rollback.js';
import { schedule } from '../rebuild/schedule.js';
import { FileRebuildStateStore } from '../rebuild/state-store.js';
import { CORE_SERVICES, REFERENCE_COMPOSE_FILE, ReferenceStack } from '../stack/index.js';

export const REBUILD_USAGE = `usage: phasegate rebuild <phase> [options]
       phasegate rollback [options]

  rebuild <phase>          run the phase's rebuild plan on the running reference stack (phasegate stack up first):
                           health-gated waves, images tagged :pre-rebuild-<runId>, verified rollback on failure
    --dry-run              print the plan (waves, renames, order corrections) and change nothing
    --resume               continue an interrupted or failed run
    --compose <file>       a live HomeIQ: this compose file instead of the reference stack's (also: config
                           target "live"). --dry-run reads it and says which guards would block a real run;
                           a real rebuild/rollback needs live.allowDestructive in the config, --allow-destructive
                           (or PHASEGATE_ALLOW_DESTRUCTIVE=1) and a verified backup under live.backupDir
                           no older than live.backupMaxAgeMs (docs/live.md)
    --allow-destructive    the per-run permission for a rebuild/rollback of a live HomeIQ
    --profile <name>       compose profile for --compose (repeatable)
    --build-arg svc:K=V    extra build arg for one service (reference fault knobs: data-api:BUILD_FAIL=1)
  rollback                 roll back the last rebuild (reference stack, or --compose live) to its recorded images, verified

phases with a plan: ${planIds().join(', ')} (deploy-dayN: deployment day N, the deploy suite's plans)`;

/** What `phasegate rebuild|rollback` needs besides its arguments; the adapters are replaceable for tests. */
export interface RebuildCommandContext {
  /** Environment (`PHASEGATE_ALLOW_DESTRUCTIVE`, config overrides). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Directory searched for the config. @default process.cwd() */
  readonly cwd?: string;
  /** Verifies a backup before a live rebuild/rollback. @default {@link restoreTestedBackupVerifier} (lib/backup's verify with the restore test) */
  readonly verifyBackup?: BackupVerifier;
  /** Compose labels of the live containers. @default new DockerodeContainerLabelSource() */
  readonly labels?: ContainerLabelSource;
}

export async function rebuildCommand(command: 'rebuild' | 'rollback', args: readonly string[], out: (t: string) => void, err: (t: string) => void, context: RebuildCommandContext = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      resume: { type: 'boolean', default: false },
      compose: { type: 'string' },
      'allow-destructive': { type: 'boolean', default: false },
      profile: { type: 'string', multiple: true, default: [] },
      'build-arg': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    out(REBUILD_USAGE);
    return ExitCode.Ok;
  }
  const env = context.env ?? process.env;
  const cwd = context.cwd ?? process.cwd();
  const plan = command === 'rebuild' ? phasePlan(positionals[0]) : undefined;
  const live = await liveConfig(values.compose, values.profile, cwd, env);
  const verify = context.verifyBackup ?? restoreTestedBackupVerifier;
  const runFlag = values['allow-destructive'] || isTruthy(env.PHASEGATE_ALLOW_DESTRUCTIVE);
  if (plan && values['dry-run']) {
    const stack = new ReferenceStack({ services: 'core', progress: err });
    const inventory = live
      ? loadInventory({ files: live.config.compose.files.map((f) => resolve(dirname(live.path), f)), profiles: live.config.compose.profiles, ...(live.config.compose.envFile ? { envFile: resolve(dirname(live.path), live.config.compose.envFile) } : {}) })
      : loadInventory({ files: [REFERENCE_COMPOSE_FILE], projectName: stack.projectName, driver: 'v1' });
    const resolved = resolvePlan(plan, inventory, live ? {} : { targetServices: CORE_SERVICES });
    out(formatPlan(plan.title, resolved, schedule(resolved)));
    if (live) {
      const request = await destructiveRequestFor(live, { projectName: inventory.projectName, composeFiles: inventory.files.slice(0, 1).map((f) => resolve(f)) }, { action: 'rebuild', runFlag, verify, cwd });
      out(describeGuards(request).join('\n'));
    }
    return resolved.findings.some((f) => f.severity === 'error') ? ExitCode.ConfigInvalid : ExitCode.Ok;
  }
  const buildArgs = parseBuildArgs(values['build-arg']);
  const target = live
    ? await liveTarget(live, command, { runFlag, verify, labels: context.labels ?? new DockerodeContainerLabelSource(), env })
    : await referenceTarget(command, err);
  const { lock, projectName, compose, inspector, inventory, targetServices } = target;
  const interrupt = interruptOnSignals({ log: err, what: `the ${command}` });
  try {
    const store = new FileRebuildStateStore(projectName);
    if (!plan) {
      const state = store.load();
      if (!state) throw new ConfigError(`nothing to roll back: no rebuild state at ${store.path}`, { file: store.path, hint: 'a rollback returns to the images recorded by `phasegate rebuild` or a gate run' });
      const stored = planById(state.planId);
      if (!stored) throw new ConfigError(`the stored rebuild ran plan "${state.planId}", which this version does not know`, { file: store.path });
      const resolved = resolvePlan(stored, inventory, { targetServices });
      const driver = new ComposeRebuildDriver({ compose, inspector, services: rebuildTargets(inventory, Object.keys(state.services), projectName) });
      const after = await rollbackRebuild(state, { driver, store, readiness: resolved.readiness, onProgress: createProgressPrinter({ write: (t) => process.stderr.write(t), tty: process.stderr.isTTY === true }) });
      out(`rollback of ${after.runId}: ${after.status}; ${after.rollback!.services.map((r) => `${r.service} ${r.verified ? 'verified' : 'NOT verified'}`).join(', ') || 'nothing to restore'}`);
      return after.status === 'rolled-back' ? ExitCode.Ok : ExitCode.GateFailed;
    }
    await target.attach();
    const result = await rebuildForPhase({
      plan,
      inventory,
      targetServices,
      compose,
      inspector,
      project: projectName,
      store,
      unfinished: values.resume ? 'resume' : 'refuse',
      ...(buildArgs.size > 0 ? { buildArgs: (s: string) => buildArgs.get(s) } : {}),
      signal: interrupt.signal,
    });
    const { state } = result;
    out(`rebuild ${state.runId}: ${state.status} in ${(result.makespanMs / 1000).toFixed(1)} s (critical path ${(result.criticalPathMs / 1000).toFixed(1)} s)`);
    if (state.failure) out(`failed: wave ${state.failure.wave + 1}, ${state.failure.service}, ${state.failure.step}: ${state.failure.message}\n${state.failure.detail ?? ''}`);
    return state.status === 'succeeded' ? ExitCode.Ok : state.status === 'interrupted' ? ExitCode.Interrupted : ExitCode.GateFailed;
  } finally {
    interrupt.dispose();
    lock.release();
  }
}

/** The stack a real rebuild/rollback works on, with its lock held. */
interface CommandTarget {
  readonly lock: RunLock;
  readonly projectName: string;
  readonly compose: ComposeClient;
  readonly inspector: ContainerInspector;
  readonly inventory: Inventory;
  readonly targetServices: readonly string[];
  /** Waits until the running stack is usable (reference: healthy); a live stack is taken as it is. */
  readonly attach: () => Promise<unknown>;
}

async function referenceTarget(command: 'rebuild' | 'rollback', err: (t: string) => void): Promise<CommandTarget> {
  const stack = new ReferenceStack({ services: 'core', progress: err });
  // One run per stack: refuses while a gate or another rebuild holds the project.
  const lock = RunLock.acquire(stack.projectName, { purpose: `phasegate ${command}` });
  try {
    const handle = await stack.handle();
    const inventory = loadInventory({ files: [REFERENCE_COMPOSE_FILE], projectName: handle.projectName, driver: await handle.compose.driver() });
    return { lock, projectName: handle.projectName, compose: handle.compose, inspector: handle.inspector, inventory, targetServices: CORE_SERVICES, attach: () => stack.attach() };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** A live HomeIQ, after its guards: lock keyed by project, the destructive permission, its own containers. */
async function liveTarget(loaded: LoadedConfig, command: 'rebuild' | 'rollback', options: { runFlag: boolean; verify: BackupVerifier; labels: ContainerLabelSource; env: Readonly<Record<string, string | undefined>> }): Promise<CommandTarget> {
  const run = await prepareLiveRun({ loaded, env: options.env, destructive: command, runFlag: options.runFlag, labels: options.labels, verify: options.verify, purpose: `phasegate ${command} (live)` });
  const { target } = run;
  const compose = liveComposeClient(run, loaded.config.compose.driver);
  return { lock: run.lock, projectName: target.projectName, compose, inspector: new DockerodeContainerInspector(), inventory: run.inventory, targetServices: target.services, attach: async () => undefined };
}

/**
 * The live config of this command, or undefined for the reference stack: `--compose` (with `--profile`) makes the
 * run live, else the config's `target` decides. Without a config file, `--compose` alone is a live target with
 * every default (nothing destructive allowed).
 */
async function liveConfig(composeFile: string | undefined, profiles: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<LoadedConfig | undefined> {
  const hasConfig = CONFIG_FILE_NAMES.some((name) => existsSync(join(cwd, name)));
  if (composeFile === undefined) {
    if (!hasConfig) return undefined;
    const loaded = await loadConfig({ cwd, env });
    return loaded.config.target === 'live' ? loaded : undefined;
  }
  const file = resolve(cwd, composeFile);
  if (!hasConfig) {
    const config = PhasegateConfigSchema.parse({ target: 'live', compose: { files: [file], profiles: [...profiles] } });
    return { path: join(cwd, 'phasegate.config.ts'), file: 'phasegate.config.ts (none found)', config, contradictions: [] };
  }
  const loaded = await loadConfig({ cwd, env });
  if (loaded.config.target === 'live') {
    return { ...loaded, config: { ...loaded.config, compose: { ...loaded.config.compose, files: [file], ...(profiles.length > 0 ? { profiles: [...profiles] } : {}) } } };
  }
  // A reference config's compose settings and audit.repoRoot point into fixtures: the live checkout gets defaults.
  const compose = { files: [file], profiles: [...profiles], driver: loaded.config.compose.driver };
  return { ...loaded, config: { ...loaded.config, target: 'live', compose, audit: { repoRoot: dirname(file), repoRootIsDefault: true } } };
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

function phasePlan(phase: string | undefined): Plan {
  const plan = phase === undefined ? undefined : planById(phase);
  if (!plan) throw new ConfigError(`${phase === undefined ? 'no phase given' : `no rebuild plan for "${phase}"`}`, { hint: `phases with a plan: ${planIds().join(', ')}` });
  return plan;
}

/** `svc:NAME=value` → service → { NAME: value }. Pure. */
export function parseBuildArgs(specs: readonly string[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const spec of specs) {
    const m = /^([^:=\s]+):([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(spec);
    if (!m) throw new ConfigError(`--build-arg "${spec}" must look like service:NAME=value`, { path: '--build-arg', hint: 'e.g. --build-arg data-api:BUILD_FAIL=1' });
    out.set(m[1]!, { ...out.get(m[1]!), [m[2]!]: m[3]! });
  }
  return out;
}

/** The dry-run listing: waves with their plan steps, then renames, skips and order corrections. Pure. */
export function formatPlan(title: string, resolved: ReturnType<typeof resolvePlan>, s: ReturnType<typeof schedule>): string {
  const lines = [`${title}: ${s.waves.length} wave(s), ${s.stepOf.size} service(s)`];
  for (const w of s.waves) {
    const services = w.services.map((svc) => `${svc} [${s.stepOf.get(svc)} ${s.actionOf.get(svc)}]`);
    lines.push(`  wave ${w.index + 1}: ${services.join(', ')}`);
  }
  if (s.violations.length > 0) lines.push('order corrections:', ...s.violations.map((v) => `  ${v.message}`));
  const skipped = new Map<string, string[]>();
  for (const f of resolved.findings) if (f.kind === 'not-in-target') skipped.set(f.step, [...(skipped.get(f.step) ?? []), f.service]);
  const other = resolved.findings.filter((f) => f.kind !== 'not-in-target');
  if (other.length > 0) lines.push('findings:', ...other.map((f) => `  ${f.severity.padEnd(7)} ${f.message}`));
  if (skipped.size > 0) lines.push('not in the target (skipped):', ...[...skipped].map(([step, services]) => `  ${step}: ${services.join(', ')}`));
  lines.push('each rebuild: tag the running image :pre-rebuild-<runId> → build --no-cache → up -d --no-deps --force-recreate → wait until ready (no fixed sleeps); volumes untouched');
  return lines.join('\n');
}
