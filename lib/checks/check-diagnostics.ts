// DEP-RB-P2 "pre-rollback: diagnostics captured (logs + inspect saved)" (001 L1497), decided from the setup hook's
// recorded run: a failed step must carry its attribution (build log tail, health log, container log tail) in the
// saved state before anything is rolled back. A run that did not fail needed no diagnostics: undecided (skipped).
import type { PhaseRebuildResult } from '../rebuild/phase-rebuild.js';
import type { CheckResult } from './check-result.js';

export function checkDiagnosticsCaptured(result: PhaseRebuildResult | null, options: { readonly criterionId: string }): CheckResult {
  const base = { criterionId: options.criterionId, title: 'diagnostics captured before the rollback', limit: 'a failed step carries its log tails and health log' };
  if (!result) return { ...base, status: 'failed', message: 'no rollout ran (PHASEGATE_REBUILD=0 or the suite has no plan), so nothing shows diagnostics would be captured' };
  const { state } = result;
  const f = state.failure;
  if (!f) {
    return { ...base, status: 'skipped', message: `not exercised: the ${state.planId} run ended ${state.status} without a failed step, so no rollback and no diagnostics were needed. hint: the fault self-test (PHASEGATE_REBUILD_BUILD_ARGS) makes a step fail` };
  }
  const where = `${f.service} ${f.step} (wave ${f.wave + 1})`;
  const detail = f.detail?.trim() ?? '';
  if (detail === '') {
    return { ...base, status: 'failed', message: `the ${state.planId} run failed at ${where}: ${f.message}, but saved no diagnostics (no log tail, no health log) with it` };
  }
  const lines = detail.split('\n').length;
  return {
    ...base,
    status: 'passed',
    measurement: lines,
    evidence: [{ label: `${f.service} diagnostics`, value: detail.slice(0, 2_000) }],
    message: `the ${state.planId} run failed at ${where}: ${f.message}; ${lines} line(s) of diagnostics saved in the rebuild state before the rollback${state.rollback ? ` (rollback ${state.rollback.verified ? 'verified' : 'NOT verified'})` : ''}`,
  };
}
