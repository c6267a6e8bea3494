// Verdicts of a rollback drill (suites/rollback; 001 §Rollback Procedures, 004 L271-327), from the recorded rebuild
// run and what Docker reports afterwards. Pure: no I/O.
import type { PhaseRebuildResult } from '../rebuild/phase-rebuild.js';
import type { RebuildState } from '../rebuild/state.js';
import type { CheckResult } from './check-result.js';

/** DEP-RB-V1 / RUN-RB-2: after a rollback, the container of every restored service runs the image recorded before the run. */
export function checkRunningImages(containers: ReadonlyArray<{ readonly service: string; readonly imageId: string }>, result: PhaseRebuildResult, criterionId: string): CheckResult {
  const restored = result.state.rollback?.services ?? [];
  const base = { criterionId, title: 'running images are the recorded pre-deployment images', limit: 'container image id = recorded image id' };
  if (restored.length === 0) return { ...base, status: 'skipped', message: `not exercised: run ${result.state.runId} (${result.state.status}) restored no image` };
  const lines = restored.map((r) => {
    const running = containers.find((c) => c.service === r.service)?.imageId;
    return { ok: running === r.imageId, text: `${r.service} runs ${running?.slice(0, 19) ?? 'no container'}${running === r.imageId ? '' : `, expected ${r.imageId.slice(0, 19)}`}` };
  });
  const bad = lines.filter((l) => !l.ok);
  return bad.length > 0
    ? { ...base, status: 'failed', measurement: `${lines.length - bad.length}/${lines.length}`, message: `after the rollback of ${result.state.runId}: ${bad.map((l) => l.text).join('; ')}. hint: the retag or the recreate did not take effect` }
    : { ...base, status: 'passed', measurement: `${lines.length}/${lines.length}`, message: `after the rollback of ${result.state.runId}: ${lines.map((l) => l.text).join('; ')}` };
}

export interface HealthTriggeredCheck {
  readonly criterionId: string;
  /** The service whose new image was made to fail its health check. */
  readonly service: string;
}

/** RUN-RB-1's trigger: the run must have stopped at a failed health (readiness) check of `service`, not at a build. */
export function checkHealthTriggered(result: PhaseRebuildResult, check: HealthTriggeredCheck): CheckResult {
  const base = { criterionId: check.criterionId, title: 'the rollback was triggered by a failed health check', limit: `run failed at ${check.service}'s readiness check` };
  const { state } = result;
  if (state.status === 'succeeded') return { ...base, status: 'failed', message: `run ${state.runId} succeeded although ${check.service}'s new image fails its health check: the readiness gate let an unhealthy service through. hint: the executor must wait for Docker's health status` };
  const failure = state.failure;
  if (!failure || failure.step !== 'ready' || failure.service !== check.service) return { ...base, status: 'failed', message: `run ${state.runId} ended ${state.status} at ${failure ? `${failure.service} ${failure.step}: ${failure.message}` : 'no recorded step'}, not at ${check.service}'s health check` };
  return { ...base, status: 'passed', measurement: `${failure.service} ${failure.step}`, message: `run ${state.runId} stopped when ${failure.service} was not healthy (${failure.message.split('\n', 1)[0]}) and ended ${state.status}` };
}

export interface RollbackTrackedCheck {
  readonly criterionId: string;
  /** Where the state was read (for the message). */
  readonly path: string;
}

/** RUN-RB-2 "tracked": the stored state of the run records it with its id, its outcome and the services restored. */
export function checkRollbackTracked(stored: RebuildState | undefined, result: PhaseRebuildResult, check: RollbackTrackedCheck): CheckResult {
  const base = { criterionId: check.criterionId, title: 'the rollback is tracked', limit: 'the state file records the run id, its status and the rollback' };
  const { path } = check;
  if (!stored || stored.runId !== result.state.runId) return { ...base, status: 'failed', message: `${path} does not record run ${result.state.runId} (it holds ${stored ? stored.runId : 'nothing'}). hint: the state store must be written after the rollback` };
  if (!stored.rollback) return { ...base, status: stored.status === 'succeeded' ? 'skipped' : 'failed', message: `${path}: run ${stored.runId} ended ${stored.status} with no rollback recorded` };
  return { ...base, status: stored.rollback.verified ? 'passed' : 'failed', measurement: stored.status, message: `${path}: run ${stored.runId} ${stored.status}, rollback ${stored.rollback.verified ? 'verified' : 'NOT verified'} for ${stored.rollback.services.map((s) => s.service).join(', ') || 'no service'}` };
}
