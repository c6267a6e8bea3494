// Verified rollback: re-tag each rebuilt service's recorded image, recreate it in reverse wave order and run the
// readiness gate again. Volumes are never touched. The record says what was restored and whether it was verified.
import type { Readiness } from '../plans/resolve-plan.js';
import type { RebuildDriver } from './driver.js';
import { RebuildError } from './errors.js';
import type { RebuildEvent } from './events.js';
import { backupTags, type RebuildState, type RollbackRecord } from './state.js';
import type { RebuildStateStore } from './state-store.js';

export interface RollbackOptions {
  readonly driver: RebuildDriver;
  readonly store: RebuildStateStore;
  /** Readiness per service (from the resolved plan); `healthy` when missing. */
  readonly readiness: ReadonlyMap<string, Readiness>;
  /** How long a restored service may take to be ready again, in ms. @default 120000 */
  readonly readyTimeoutMs?: number;
  readonly onProgress?: (event: RebuildEvent) => void;
}

/**
 * Rolls back every service whose image the run replaced (a build finished), newest wave first, and verifies each
 * with the readiness gate. Mutates and saves `state` (status `rolled-back` or `rollback-failed`) and returns it.
 */
export async function rollbackRebuild(state: RebuildState, options: RollbackOptions): Promise<RebuildState> {
  if (state.status === 'rolled-back') throw new RebuildError(`rebuild ${state.runId} is already rolled back`, { hint: 'nothing to do' });
  const emit = options.onProgress ?? (() => {});
  const affected = Object.entries(state.services)
    .filter(([, p]) => p.action === 'rebuild' && p.previousImageId && p.imageRef && p.done.includes('tag') && (p.done.includes('build') || p.done.includes('recreate')))
    .sort(([a, pa], [b, pb]) => pb.wave - pa.wave || a.localeCompare(b));
  const restored: RollbackRecord['services'] = [];
  for (const [service, progress] of affected) {
    const imageId = progress.previousImageId!;
    emit({ kind: 'step-start', service, step: 'rollback' });
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    let message: string | undefined;
    let recreated = false;
    try {
      await options.driver.tagImage(imageId, progress.imageRef!);
      const recreate = await options.driver.recreate([service]);
      recreated = recreate.ok;
      if (!recreate.ok) message = recreate.message ?? 'recreate failed';
    } catch (error) {
      message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
    const rollbackMs = performance.now() - t0;
    state.timeline.push({ service, step: 'rollback', startedAt, durationMs: rollbackMs, ok: recreated, ...(message ? { message } : {}) });
    emit({ kind: 'step-end', service, step: 'rollback', ok: recreated, durationMs: rollbackMs, ...(message ? { message } : {}) });
    let verified = false;
    if (recreated) {
      emit({ kind: 'step-start', service, step: 'verify' });
      const verifyStartedAt = new Date().toISOString();
      const t1 = performance.now();
      const ready = await options.driver.waitReady(service, options.readiness.get(service) ?? 'healthy', { timeoutMs: options.readyTimeoutMs ?? 120_000 });
      const running = ready.ok ? await options.driver.currentImage(service) : undefined;
      verified = ready.ok && running?.id === imageId;
      if (!verified) message = ready.ok ? `${service} runs ${running?.id ?? 'no image'} after the rollback, expected ${imageId}` : (ready.message ?? 'not ready after the rollback');
      const verifyMs = performance.now() - t1;
      state.timeline.push({ service, step: 'verify', startedAt: verifyStartedAt, durationMs: verifyMs, ok: verified, ...(message && !verified ? { message } : {}) });
      emit({ kind: 'step-end', service, step: 'verify', ok: verified, durationMs: verifyMs, ...(message && !verified ? { message } : {}) });
    }
    restored.push({ service, imageId, recreated, verified, ...(message ? { message } : {}) });
    state.updatedAt = new Date().toISOString();
    options.store.save(state);
  }
  const allVerified = restored.every((r) => r.verified);
  state.rollback = { services: restored, verified: allVerified, finishedAt: new Date().toISOString() };
  state.status = allVerified ? 'rolled-back' : 'rollback-failed';
  if (allVerified) {
    // The images are back under their own references; the backup tags have done their job.
    for (const tag of backupTags(state)) await options.driver.untagImage(tag);
  }
  state.updatedAt = new Date().toISOString();
  options.store.save(state);
  return state;
}
