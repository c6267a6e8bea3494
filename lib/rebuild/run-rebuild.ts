// Runs a scheduled rebuild wave by wave: backup gate → tag the current images → build without cache (bounded
// parallelism) → recreate without dependencies → wait until ready (health, never a fixed sleep) → next wave.
// The state is saved after every step; a failed wave stops the run (and rolls back), an abort leaves it resumable.
import { availableParallelism } from 'node:os';
import type { Readiness, ResolvedPlan } from '../plans/resolve-plan.js';
import type { BackupGate, RebuildDriver, StepOutcome } from './driver.js';
import { RebuildError } from './errors.js';
import type { RebuildEvent } from './events.js';
import { rollbackRebuild } from './rollback.js';
import type { Schedule } from './schedule.js';
import { backupTags, nextWave, type RebuildState, type StepName } from './state.js';
import type { RebuildStateStore } from './state-store.js';

export interface RunRebuildOptions {
  readonly plan: ResolvedPlan;
  readonly schedule: Schedule;
  readonly driver: RebuildDriver;
  readonly store: RebuildStateStore;
  /** Compose project the rebuild acts on (recorded in the state; a resume on another project is refused). */
  readonly project: string;
  /** Run id (lower-case letters, digits, `-`), part of the backup tags. @default a UTC timestamp like `20261201-221530` */
  readonly runId?: string;
  /** Continue the stored interrupted or failed run instead of starting a new one. @default false */
  readonly resume?: boolean;
  /** Checked before every wave. @default none (the reference stack passes its volume + tag gate) */
  readonly backupGate?: BackupGate;
  /** Builds running at once within a wave. @default os.availableParallelism() */
  readonly buildConcurrency?: number;
  /** How long one service may take to become ready after recreate/restart, in ms. @default 120000 */
  readonly readyTimeoutMs?: number;
  /** Roll back (verified) when a wave fails. @default true */
  readonly rollbackOnFailure?: boolean;
  /** Stops between two steps; the run ends `interrupted` and can be resumed. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: RebuildEvent) => void;
  /** Build with `--no-cache`, as the plans do. @default true */
  readonly buildNoCache?: boolean;
}

/** Default run id: the UTC time to the second. */
export function defaultRunId(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Runs (or resumes) the rebuild and returns its final state. Never throws for a failed step: the state says so. */
export async function runRebuild(options: RunRebuildOptions): Promise<RebuildState> {
  const emit = options.onProgress ?? (() => {});
  const started = performance.now();
  const state = await prepareState(options);
  const readiness = options.plan.readiness;
  const save = () => {
    state.updatedAt = new Date().toISOString();
    options.store.save(state);
  };
  save();
  emit({ kind: 'start', runId: state.runId, waves: state.waves, resumed: options.resume === true });

  // `service` labels the progress event; `timelineServices` get one timeline bar each (a batch shares its call).
  const timed = async (service: string, step: StepName | 'backup', call: () => Promise<StepOutcome>, timelineServices: readonly string[] = [service]): Promise<StepOutcome> => {
    emit({ kind: 'step-start', service, step });
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    let outcome: StepOutcome;
    try {
      outcome = await call();
    } catch (error) {
      outcome = { ok: false, message: `${step} of ${service} threw: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, detail: error instanceof Error ? error.message : undefined };
    }
    const durationMs = performance.now() - t0;
    if (step !== 'backup') for (const s of timelineServices) state.timeline.push({ service: s, step, startedAt, durationMs, ok: outcome.ok, ...(outcome.message ? { message: outcome.message } : {}) });
    emit({ kind: 'step-end', service, step, ok: outcome.ok, durationMs, ...(outcome.message ? { message: outcome.message } : {}) });
    return outcome;
  };
  const interrupted = () => {
    if (!options.signal?.aborted) return false;
    state.status = 'interrupted';
    save();
    return true;
  };
  const fail = (wave: number, service: string, step: StepName | 'backup', outcome: StepOutcome) => {
    // A step that failed because the run was interrupted (Ctrl-C also reaches `docker-compose build` in the same
    // process group) is not a failure: the run stops resumable, nothing is rolled back, the step is redone on resume.
    if (interrupted()) return;
    state.status = 'failed';
    state.failure = { wave, service, step, message: outcome.message ?? `${step} of ${service} failed`, ...(outcome.detail ? { detail: outcome.detail } : {}) };
    save();
  };

  for (let w = nextWave(state); w !== undefined; w = nextWave(state)) {
    if (interrupted()) break;
    const pending = state.waves[w]!.filter((s) => !state.services[s]!.done.includes('ready'));
    emit({ kind: 'wave', index: w, total: state.waves.length, services: pending });

    if (options.backupGate) {
      const gate = options.backupGate;
      const outcome = await timed(gate.name, 'backup', () => gate.verify(pending));
      if (!outcome.ok) {
        fail(w, pending[0]!, 'backup', { ...outcome, message: `backup gate "${gate.name}" failed before wave ${w + 1}: ${outcome.message ?? 'not verified'}` });
        break;
      }
    }

    // 1. Record the image each service runs now, as a tag the rollback can return to.
    let failed = false;
    for (const service of pending) {
      const progress = state.services[service]!;
      if (progress.action !== 'rebuild' || progress.done.includes('tag')) continue;
      if (interrupted()) return finish();
      const outcome = await timed(service, 'tag', async () => {
        const { ref, id } = await options.driver.currentImage(service);
        if (!id) return { ok: false, message: `${service}: no image ${ref} to back up (was the service ever built?)`, detail: 'a rebuild needs the current image as its rollback target; start the stack first' };
        const backupTag = `${ref.replace(/:[^:/]*$/, '')}:pre-rebuild-${state.runId}`;
        await options.driver.tagImage(id, backupTag);
        const check = await options.driver.imageId(backupTag);
        if (check !== id) return { ok: false, message: `${service}: backup tag ${backupTag} points at ${check ?? 'nothing'}, expected ${id}` };
        progress.imageRef = ref;
        progress.previousImageId = id;
        progress.backupTag = backupTag;
        return { ok: true };
      });
      if (!outcome.ok) {
        fail(w, service, 'tag', outcome);
        failed = true;
        break;
      }
      progress.done.push('tag');
      save();
    }
    if (failed) break;

    // 2. Build without cache, bounded parallelism; a failed build stops the wave before anything is recreated.
    const toBuild = pending.filter((s) => state.services[s]!.action === 'rebuild' && !state.services[s]!.done.includes('build'));
    const buildFailures: Array<{ service: string; outcome: StepOutcome }> = [];
    await mapBounded(toBuild, options.buildConcurrency ?? availableParallelism(), async (service) => {
      if (options.signal?.aborted || buildFailures.length > 0) return;
      const outcome = await timed(service, 'build', () => options.driver.build(service, { noCache: options.buildNoCache ?? true }));
      if (outcome.ok) {
        state.services[service]!.done.push('build');
        save();
      } else buildFailures.push({ service, outcome });
    });
    if (buildFailures.length > 0) {
      const first = buildFailures[0]!;
      fail(w, first.service, 'build', first.outcome);
      break;
    }
    if (interrupted()) break;

    // 3. Recreate the rebuilt services of the wave with one `up -d --no-deps` (the plans' single `up` per batch),
    //    then restart the restart-only ones.
    const toRecreate = pending.filter((s) => state.services[s]!.action === 'rebuild' && !state.services[s]!.done.includes('recreate'));
    if (toRecreate.length > 0) {
      if (interrupted()) return finish();
      const label = toRecreate.join(', ');
      const outcome = await timed(label, 'recreate', () => options.driver.recreate(toRecreate), toRecreate);
      if (!outcome.ok) {
        fail(w, toRecreate[0]!, 'recreate', outcome);
        break;
      }
      for (const s of toRecreate) state.services[s]!.done.push('recreate');
      save();
    }
    for (const service of pending) {
      const progress = state.services[service]!;
      if (progress.action !== 'restart' || progress.done.includes('restart')) continue;
      if (interrupted()) return finish();
      const outcome = await timed(service, 'restart', () => options.driver.restart(service));
      if (!outcome.ok) {
        fail(w, service, 'restart', outcome);
        failed = true;
        break;
      }
      progress.done.push('restart');
      save();
    }
    if (failed) break;

    // 4. Wait until every service of the wave is ready, in parallel; the next wave starts the moment they are.
    const readyFailures: Array<{ service: string; outcome: StepOutcome }> = [];
    await Promise.all(
      pending.map(async (service) => {
        const outcome = await timed(service, 'ready', () =>
          options.driver.waitReady(service, readiness.get(service) ?? ('healthy' as Readiness), { timeoutMs: options.readyTimeoutMs ?? 120_000, ...(options.signal ? { signal: options.signal } : {}) }),
        );
        if (outcome.ok) state.services[service]!.done.push('ready');
        else readyFailures.push({ service, outcome });
      }),
    );
    save();
    if (readyFailures.length > 0) {
      if (interrupted()) break;
      const first = readyFailures[0]!;
      fail(w, first.service, 'ready', first.outcome);
      break;
    }
  }
  return finish();

  async function finish(): Promise<RebuildState> {
    if (state.status === 'running' && nextWave(state) === undefined) {
      state.status = 'succeeded';
      save();
    }
    if (state.status === 'failed' && (options.rollbackOnFailure ?? true)) {
      await rollbackRebuild(state, { driver: options.driver, store: options.store, readiness, readyTimeoutMs: options.readyTimeoutMs ?? 120_000, onProgress: emit });
    }
    emit({ kind: 'end', status: state.status, elapsedMs: performance.now() - started });
    return state;
  }
}

async function prepareState(options: RunRebuildOptions): Promise<RebuildState> {
  const existing = options.store.load();
  if (options.resume) {
    if (!existing) throw new RebuildError(`nothing to resume: no rebuild state at ${options.store.path}`, { hint: 'start a rebuild without --resume' });
    if (existing.project !== options.project) throw new RebuildError(`the stored rebuild ${existing.runId} belongs to project "${existing.project}", not "${options.project}"`, { hint: 'resume it with the project it was started on' });
    if (existing.planId !== options.plan.plan.id) throw new RebuildError(`the stored rebuild ${existing.runId} runs plan "${existing.planId}", not "${options.plan.plan.id}"`, { hint: 'resume it with its own plan, or roll it back first' });
    if (existing.status === 'rolled-back' || existing.status === 'rollback-failed') {
      throw new RebuildError(`rebuild ${existing.runId} was ${existing.status === 'rolled-back' ? 'rolled back' : 'partly rolled back'}; it cannot be resumed`, { hint: 'start a new rebuild (without --resume)' });
    }
    const { failure: _failure, ...rest } = existing;
    return { ...rest, status: existing.status === 'succeeded' ? 'succeeded' : 'running' };
  }
  if (existing && (existing.status === 'running' || existing.status === 'interrupted' || existing.status === 'failed' || existing.status === 'rollback-failed')) {
    throw new RebuildError(`rebuild ${existing.runId} of project "${existing.project}" is ${existing.status} (state: ${options.store.path})`, {
      hint: existing.status === 'failed' ? 'fix the cause and resume it (--resume), or roll it back (phasegate rollback)' : 'resume it (--resume) or roll it back (phasegate rollback) before starting another',
    });
  }
  if (existing) {
    // The previous run is final: its backup tags are superseded by this run's.
    for (const tag of backupTags(existing)) await options.driver.untagImage(tag);
  }
  const runId = options.runId ?? defaultRunId();
  const now = new Date().toISOString();
  const services: RebuildState['services'] = {};
  options.schedule.waves.forEach((wave) => {
    for (const s of wave.services) services[s] = { wave: wave.index, planStep: options.schedule.stepOf.get(s)!, action: options.schedule.actionOf.get(s)!, done: [] };
  });
  return { version: 1, runId, planId: options.plan.plan.id, project: options.project, status: 'running', startedAt: now, updatedAt: now, waves: options.schedule.waves.map((w) => [...w.services]), services, timeline: [] };
}

async function mapBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
