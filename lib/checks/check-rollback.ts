// ROLLBACK mechanics of a phase (P3-RB "tag latest→phase3-failed, phase2-backup→latest, up; images restored,
// healthy"), decided from the setup hook's recorded run. A run that failed must have been rolled back and verified;
// a run that succeeded was never rolled back, so the criterion stays undecided (`skipped`) once its precondition —
// a backup tag per rebuilt service that still resolves to the recorded pre-rebuild image — is proven, and fails
// when that precondition is missing (the plans' own `:phase2-backup` is never created, D7.1).
import type { PhaseRebuildResult } from '../rebuild/phase-rebuild.js';
import type { CheckResult } from './check-result.js';

export interface RollbackCheckOptions {
  readonly criterionId: string;
  /** Services whose rollback the criterion is about (P3-RB: the four ML services). */
  readonly services: readonly string[];
  /** Image id a reference resolves to, or undefined when there is none (lib/docker's `inspector.imageId`). */
  readonly imageId: (ref: string) => Promise<string | undefined>;
}

export async function checkRollback(result: PhaseRebuildResult | null, options: RollbackCheckOptions): Promise<CheckResult> {
  const base = { criterionId: options.criterionId, title: `rollback of ${options.services.length} services`, limit: 'images restored and healthy (or a verified rollback target per service)' };
  if (!result) return { ...base, status: 'failed', message: 'no rebuild ran (PHASEGATE_REBUILD=0 or the suite has no plan), so there is nothing to roll back to' };
  const { state } = result;
  const inRun = options.services.filter((s) => state.services[s]);
  const absent = options.services.filter((s) => !state.services[s]);
  if (inRun.length === 0) return { ...base, status: 'error', message: `none of ${options.services.join(', ')} is in the rebuild, so the check has nothing to judge` };
  const absentNote = absent.length ? ` (not in the rebuild: ${absent.join(', ')})` : '';
  if (state.rollback) {
    const restored = new Map(state.rollback.services.map((r) => [r.service, r]));
    const lines = inRun.filter((s) => state.services[s]!.done.length > 0 && state.services[s]!.previousImageId).map((s) => {
      const r = restored.get(s);
      return { service: s, ok: r?.verified === true, text: r ? `${s} → ${r.imageId.slice(0, 19)} ${r.verified ? 'restored and healthy' : `NOT verified${r.message ? `: ${r.message}` : ''}`}` : `${s} not restored` };
    });
    const bad = lines.filter((l) => !l.ok);
    const evidence = lines.map((l) => ({ label: l.service, value: l.text }));
    if (!state.rollback.verified || bad.length > 0) return { ...base, status: 'failed', measurement: `${lines.length - bad.length}/${lines.length}`, evidence, message: `the ${state.planId} run ended ${state.status}; its rollback failed: ${(bad.length ? bad : lines).map((l) => l.text).join('; ')}${absentNote}` };
    return { ...base, status: 'passed', measurement: `${lines.length}/${lines.length}`, evidence, message: `the ${state.planId} run ${state.failure ? `failed (${state.failure.service} ${state.failure.step})` : 'was rolled back on request (no step failed)'}${state.failure ? ' and was rolled back' : ''}: ${lines.map((l) => l.text).join('; ') || 'nothing had changed yet'}${absentNote}` };
  }
  if (state.status !== 'succeeded') {
    return { ...base, status: 'failed', message: `the ${state.planId} run ended ${state.status}${state.failure ? ` (${state.failure.service} ${state.failure.step}: ${state.failure.message})` : ''} and was not rolled back${absentNote}. hint: phasegate rollback` };
  }
  const lines = await Promise.all(
    inRun.map(async (s) => {
      const p = state.services[s]!;
      if (!p.backupTag || !p.previousImageId) return { service: s, ok: false, text: `${s}: no backup tag recorded` };
      const id = await options.imageId(p.backupTag).catch((e: unknown) => `error: ${(e as Error).message}`);
      if (id === p.previousImageId) return { service: s, ok: true, text: `${s}: ${p.backupTag} → ${id.slice(0, 19)}` };
      return { service: s, ok: false, text: `${s}: ${p.backupTag} ${id === undefined ? 'does not exist' : `resolves to ${id.slice(0, 19)}, not the recorded ${p.previousImageId.slice(0, 19)}`}` };
    }),
  );
  const bad = lines.filter((l) => !l.ok);
  const evidence = lines.map((l) => ({ label: l.service, value: l.text }));
  if (bad.length > 0) return { ...base, status: 'failed', measurement: `${lines.length - bad.length}/${lines.length}`, evidence, message: `rollback target missing: ${bad.map((l) => l.text).join('; ')}${absentNote}` };
  return {
    ...base,
    status: 'skipped',
    measurement: `${lines.length}/${lines.length}`,
    evidence,
    message: `not exercised: the ${state.planId} run succeeded, so nothing was rolled back; the rollback target exists for every service (${lines.map((l) => l.text).join('; ')})${absentNote}. hint: \`phasegate rollback\` restores it; the fault self-test exercises the restore`,
  };
}
