// Rebuild criteria (P1-S4-AC1 "data-api rebuilt + healthy", P1-S3-AC1 "InfluxDB restarted", …) decided from the
// setup hook's recorded run: every step done, in order, each service ready — and on failure, what happened instead.
import type { PhaseRebuildResult } from '../rebuild/phase-rebuild.js';
import type { RebuildState } from '../rebuild/state.js';
import type { CheckResult } from './check-result.js';

export interface RebuildStepCheckOptions {
  readonly criterionId: string;
  /** Plan step id (`P1-S4`). */
  readonly step: string;
  /** Only these services of the step (`P1-S4-AC1` is data-api alone). @default every service of the step in the target */
  readonly services?: readonly string[];
  /** Longest acceptable time from the first step of a service to ready, in ms (`P1-S3-AC3`: 120000). @default none */
  readonly maxReadyMs?: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Passed when every selected service of the step finished its action and became ready in this run. */
export function checkRebuildStep(result: PhaseRebuildResult | null, options: RebuildStepCheckOptions): CheckResult {
  const title = `rebuild step ${options.step}`;
  if (!result) return { criterionId: options.criterionId, title, status: 'failed', message: `${options.step}: no rebuild ran (the suite has no plan or PHASEGATE_REBUILD=0), so nothing proves it`, limit: 'rebuilt and ready' };
  const { state } = result;
  const services = options.services ?? result.steps[options.step] ?? [];
  if (services.length === 0) {
    return { criterionId: options.criterionId, title, status: 'error', message: `${options.step}: none of its services is part of the target, so the check has nothing to judge` };
  }
  const lines = services.map((s) => describeService(state, s));
  const failed = lines.filter((l) => !l.ok);
  const slowest = Math.max(...lines.map((l) => l.readyAfterMs));
  const tooSlow = options.maxReadyMs !== undefined && slowest > options.maxReadyMs;
  const evidence = lines.map((l) => ({ label: l.service, value: l.text }));
  if (failed.length > 0 || tooSlow) {
    const why = failed.length > 0 ? failed.map((l) => l.text).join('; ') : `slowest service ready after ${seconds(slowest)} (limit ${seconds(options.maxReadyMs!)})`;
    return { criterionId: options.criterionId, title, status: 'failed', measurement: `${lines.length - failed.length}/${lines.length} ready`, limit: 'every service rebuilt and ready', message: `${options.step}: ${why}${rollbackNote(state)}`, evidence };
  }
  return {
    criterionId: options.criterionId,
    title,
    status: 'passed',
    measurement: Math.round(slowest),
    limit: options.maxReadyMs === undefined ? 'rebuilt and ready' : `ready ≤ ${seconds(options.maxReadyMs)}`,
    message: `${options.step}: ${lines.map((l) => l.text).join('; ')}`,
    evidence,
  };
}

function describeService(state: RebuildState, service: string): { service: string; ok: boolean; text: string; readyAfterMs: number } {
  const p = state.services[service];
  if (!p) return { service, ok: false, text: `${service} is not in the rebuild`, readyAfterMs: 0 };
  const entries = state.timeline.filter((e) => e.service === service && e.step !== 'rollback' && e.step !== 'verify');
  const readyAfterMs = entries.length === 0 ? 0 : entries.reduce((ms, e) => ms + e.durationMs, 0);
  const needed = p.action === 'rebuild' ? (['build', 'recreate', 'ready'] as const) : (['restart', 'ready'] as const);
  const missing = needed.filter((step) => !p.done.includes(step));
  if (missing.length === 0) {
    const what = p.action === 'rebuild' ? 'rebuilt without cache, recreated' : 'restarted';
    return { service, ok: true, text: `${service} ${what} and ready after ${seconds(readyAfterMs)}`, readyAfterMs };
  }
  const f = state.failure;
  const cause = f && f.service === service ? `${f.step} failed: ${f.message}` : f ? `not reached: the run stopped at wave ${f.wave + 1} (${f.service} ${f.step})` : `stopped before ${missing[0]} (${state.status})`;
  return { service, ok: false, text: `${service} ${cause}`, readyAfterMs };
}

function rollbackNote(state: RebuildState): string {
  if (!state.rollback) return state.status === 'interrupted' ? ' (run interrupted; state saved for resume)' : '';
  const restored = state.rollback.services.map((r) => `${r.service}${r.verified ? '' : ' (NOT verified)'}`).join(', ');
  return `; rolled back ${state.rollback.verified ? 'and verified' : 'but NOT verified'}: ${restored || 'nothing to restore'}`;
}
