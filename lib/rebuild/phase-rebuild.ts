// The setup hook of a phase gate: resolve the phase's plan against the target, refuse a plan with unknown services,
// settle an unfinished earlier run, rebuild, and hand back a serializable result for the checks and the report.
import { ConfigError } from '../common/errors.js';
import type { ComposeClient } from '../compose/compose-client.js';
import type { ContainerInspector } from '../docker/container-inspector.js';
import type { Inventory } from '../inventory/types.js';
import { resolvePlan, type PlanFinding } from '../plans/resolve-plan.js';
import type { Plan } from '../plans/schema.js';
import { ComposeRebuildDriver, rebuildTargets } from './compose-rebuild-driver.js';
import type { BackupGate } from './driver.js';
import type { RebuildEvent } from './events.js';
import { createProgressPrinter } from './progress.js';
import { rollbackRebuild } from './rollback.js';
import { runRebuild } from './run-rebuild.js';
import { criticalPathMs, schedule, type OrderViolation } from './schedule.js';
import { backupTags, type RebuildState } from './state.js';
import type { RebuildStateStore } from './state-store.js';

/** What a phase's checks get from its setup hook (through vitest `provide`/`inject`). */
export interface PhaseRebuildResult {
  readonly state: RebuildState;
  readonly findings: readonly PlanFinding[];
  readonly violations: readonly OrderViolation[];
  /** Plan step id → services of the target it covers (after renames and the target filter). */
  readonly steps: Readonly<Record<string, readonly string[]>>;
  /** Critical-path lower bound of the makespan, from the measured per-service times, in ms. */
  readonly criticalPathMs: number;
  /** Wall time of the rebuild (including a rollback), in ms. */
  readonly makespanMs: number;
  /** ISO time the rebuild started (containers started before it were not recreated by it). */
  readonly startedAt: string;
}

export interface PhaseRebuildOptions {
  readonly plan: Plan;
  readonly inventory: Pick<Inventory, 'services' | 'inactiveServices'>;
  /** Services the target runs (the reference stack's selection). @default every active service */
  readonly targetServices?: readonly string[];
  readonly compose: ComposeClient;
  readonly inspector: ContainerInspector;
  /** Compose project (as labelled on the containers). */
  readonly project: string;
  readonly store: RebuildStateStore;
  /**
   * A stored run that did not finish: `rollback` it (verified) and start anew, `resume` it, `discard` it (its
   * containers are gone: the stack was started afresh; its backup tags are removed), or `refuse` with an error
   * (live targets). @default 'refuse'
   */
  readonly unfinished?: 'rollback' | 'resume' | 'discard' | 'refuse';
  /** Checked before every wave. @default none */
  readonly backupGate?: BackupGate;
  /** Extra `--build-arg`s per service (fault knobs). @default none */
  readonly buildArgs?: (service: string) => Readonly<Record<string, string>> | undefined;
  /** Per-service readiness bound, in ms. @default 120000 */
  readonly readyTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Progress output. @default stderr */
  readonly write?: (text: string) => void;
  /** Live status line. @default process.stderr.isTTY */
  readonly tty?: boolean;
  /** Every progress event, after the printer (DEP-0's availability probe marks recreate windows with it). @default none */
  readonly onEvent?: (event: RebuildEvent) => void;
}

export async function rebuildForPhase(options: PhaseRebuildOptions): Promise<PhaseRebuildResult> {
  const resolved = resolvePlan(options.plan, options.inventory, options.targetServices ? { targetServices: options.targetServices } : {});
  const errors = resolved.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    throw new ConfigError(`plan ${options.plan.id} does not fit the compose file:\n${errors.map((f) => `  ${f.message}`).join('\n')}`, { file: `plan ${options.plan.id}`, hint: 'fix the service names in the plan (or add renames) before rebuilding' });
  }
  const sched = schedule(resolved);
  const driver = new ComposeRebuildDriver({
    compose: options.compose,
    inspector: options.inspector,
    services: rebuildTargets(options.inventory, sched.stepOf.keys(), options.project),
    ...(options.buildArgs ? { buildArgs: options.buildArgs } : {}),
  });
  const write = options.write ?? ((t: string) => process.stderr.write(t));
  const printer = createProgressPrinter({ write, tty: options.tty ?? process.stderr.isTTY === true });
  const onProgress = options.onEvent
    ? (event: RebuildEvent) => {
        printer(event);
        options.onEvent!(event);
      }
    : printer;
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const stored = options.store.load();
  const unfinished = stored && ['running', 'interrupted', 'failed', 'rollback-failed'].includes(stored.status) ? stored : undefined;
  let resume = false;
  if (unfinished) {
    const mode = options.unfinished ?? 'refuse';
    if (mode === 'rollback') {
      write(`[rebuild] run ${unfinished.runId} did not finish (${unfinished.status}); rolling it back before a new run\n`);
      await rollbackRebuild(unfinished, { driver, store: options.store, readiness: resolved.readiness, readyTimeoutMs, onProgress });
    } else if (mode === 'discard') {
      write(`[rebuild] run ${unfinished.runId} did not finish (${unfinished.status}) on an earlier stack; discarding its state and backup tags\n`);
      for (const tag of backupTags(unfinished)) await driver.untagImage(tag);
      options.store.clear();
    } else if (mode === 'resume') resume = true;
  }
  for (const v of sched.violations) write(`[rebuild] order: ${v.message}\n`);
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const state = await runRebuild({
    plan: resolved,
    schedule: sched,
    driver,
    store: options.store,
    project: options.project,
    resume,
    readyTimeoutMs,
    onProgress,
    ...(options.backupGate ? { backupGate: options.backupGate } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const makespanMs = performance.now() - t0;
  const perService = new Map<string, number>();
  for (const e of state.timeline) if (e.step !== 'rollback' && e.step !== 'verify') perService.set(e.service, (perService.get(e.service) ?? 0) + e.durationMs);
  return {
    state,
    findings: resolved.findings,
    violations: sched.violations,
    steps: Object.fromEntries(resolved.steps.map((s) => [s.id, [...s.services]])),
    criticalPathMs: criticalPathMs(sched, perService),
    makespanMs,
    startedAt,
  };
}
