// `phasegate rebuild <phase>` and `phasegate rollback`: the setup hooks' rebuild, by hand, with a dry run that
// prints the whole plan (waves, renames, order corrections) and touches nothing.
import { parseArgs } from 'node:util';
import { ExitCode } from '../common/exit-codes.js';
import { ConfigError, UnsafeTargetError } from '../common/errors.js';
import { loadInventory } from '../inventory/load-inventory.js';
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
    --compose <file>       read this compose file instead of the reference stack's (only with --dry-run:
                           rebuilding a live HomeIQ needs a verified backup gate, which this version lacks)
    --profile <name>       compose profile for --compose (repeatable)
    --build-arg svc:K=V    extra build arg for one service (reference fault knobs: data-api:BUILD_FAIL=1)
  rollback                 roll back the last rebuild of the reference stack to its recorded images, verified

phases with a plan: ${planIds().join(', ')} (deploy-dayN: deployment day N, the deploy suite's plans)`;

export async function rebuildCommand(command: 'rebuild' | 'rollback', args: readonly string[], out: (t: string) => void, err: (t: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      resume: { type: 'boolean', default: false },
      compose: { type: 'string' },
      profile: { type: 'string', multiple: true, default: [] },
      'build-arg': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    out(REBUILD_USAGE);
    return ExitCode.Ok;
  }
  const stack = new ReferenceStack({ services: 'core', progress: err });
  const plan = command === 'rebuild' ? phasePlan(positionals[0]) : undefined;
  if (plan && values.compose !== undefined && !values['dry-run']) {
    throw new UnsafeTargetError(`refusing to rebuild ${values.compose}: a rebuild of a live HomeIQ needs a verified backup gate, which this version does not have`, { hint: 'use --dry-run to see the plan for that compose file' });
  }
  if (plan && values['dry-run']) {
    const inventory = values.compose !== undefined
      ? loadInventory({ files: [values.compose], profiles: values.profile })
      : loadInventory({ files: [REFERENCE_COMPOSE_FILE], projectName: stack.projectName, driver: 'v1' });
    const resolved = resolvePlan(plan, inventory, values.compose === undefined ? { targetServices: CORE_SERVICES } : {});
    out(formatPlan(plan.title, resolved, schedule(resolved)));
    return resolved.findings.some((f) => f.severity === 'error') ? ExitCode.ConfigInvalid : ExitCode.Ok;
  }
  const buildArgs = parseBuildArgs(values['build-arg']);
  // One run per stack: refuses while a gate or another rebuild holds the project.
  const lock = RunLock.acquire(stack.projectName, { purpose: `phasegate ${command}` });
  const interrupt = interruptOnSignals({ log: err, what: `the ${command}` });
  try {
    const handle = await stack.handle();
    const inventory = loadInventory({ files: [REFERENCE_COMPOSE_FILE], projectName: handle.projectName, driver: await handle.compose.driver() });
    const store = new FileRebuildStateStore(handle.projectName);
    if (!plan) {
      const state = store.load();
      if (!state) throw new ConfigError(`nothing to roll back: no rebuild state at ${store.path}`, { file: store.path, hint: 'a rollback returns to the images recorded by `phasegate rebuild` or a gate run' });
      const stored = planById(state.planId);
      if (!stored) throw new ConfigError(`the stored rebuild ran plan "${state.planId}", which this version does not know`, { file: store.path });
      const resolved = resolvePlan(stored, inventory, { targetServices: CORE_SERVICES });
      const driver = new ComposeRebuildDriver({ compose: handle.compose, inspector: handle.inspector, services: rebuildTargets(inventory, Object.keys(state.services), handle.projectName) });
      const after = await rollbackRebuild(state, { driver, store, readiness: resolved.readiness, onProgress: createProgressPrinter({ write: (t) => process.stderr.write(t), tty: process.stderr.isTTY === true }) });
      out(`rollback of ${after.runId}: ${after.status}; ${after.rollback!.services.map((r) => `${r.service} ${r.verified ? 'verified' : 'NOT verified'}`).join(', ') || 'nothing to restore'}`);
      return after.status === 'rolled-back' ? ExitCode.Ok : ExitCode.GateFailed;
    }
    await stack.attach();
    const result = await rebuildForPhase({
      plan,
      inventory,
      targetServices: CORE_SERVICES,
      compose: handle.compose,
      inspector: handle.inspector,
      project: handle.projectName,
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
