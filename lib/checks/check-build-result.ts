// RUN-M2 "`docker compose build --parallel` with no build errors" (004 Step 2 L91-102), judged from the build steps
// the suite's setup hook recorded (PhaseRebuildResult.state.timeline): every build succeeded, or the failed ones
// are quoted with their service. phasegate builds per plan step (a parallel step builds its services in one call),
// not one `build --parallel` of the whole project; the build time is reported, not judged (004's "5-15 min" is an
// expectation, not a limit). No build in this run is "not run" with the reason, never a pass.
import { maskSecrets } from '../common/secrets.js';
import type { PhaseRebuildResult } from '../rebuild/phase-rebuild.js';
import type { CheckResult } from './check-result.js';

/** Options of {@link checkBuildResult}. */
export interface BuildResultCheck {
  /** @default 'RUN-M2' */
  readonly criterionId?: string;
  /** Why nothing was built when `rebuild` is null (`the runbook suite has no rebuild plan`). @default 'the setup hook ran no rebuild' */
  readonly notRunReason?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Passed when every build step of the recorded rebuild succeeded and every service meant to be rebuilt was built. Pure. */
export function checkBuildResult(rebuild: PhaseRebuildResult | null, check: BuildResultCheck = {}): CheckResult {
  const base = { criterionId: check.criterionId ?? 'RUN-M2', title: 'image builds without errors', limit: 'every build step exits 0' };
  if (!rebuild) return { ...base, status: 'skipped', message: `not run: ${check.notRunReason ?? 'the setup hook ran no rebuild'}, so no build result exists to judge. hint: run a gate whose setup hook rebuilds (suites/phase1 … phase4, deploy, rebuild)` };
  const { state } = rebuild;
  const builds = state.timeline.filter((e) => e.step === 'build');
  const toBuild = Object.entries(state.services).filter(([, p]) => p.action === 'rebuild').map(([s]) => s);
  if (builds.length === 0) return { ...base, status: 'skipped', message: `not run: rebuild ${state.runId} (${state.planId}, ${state.status}) ran no build step${toBuild.length ? ` (${toBuild.length} service(s) to rebuild never reached it)` : ' (its plan only restarts)'}` };
  const totalMs = builds.reduce((ms, e) => ms + e.durationMs, 0);
  const evidence = builds.map((e) => ({ label: `build ${e.service}`, value: `${e.ok ? 'ok' : 'FAILED'} in ${seconds(e.durationMs)}${e.message ? `: ${e.message}` : ''}` }));
  const failed = builds.filter((e) => !e.ok);
  if (failed.length > 0) {
    const detail = state.failure?.step === 'build' && state.failure.detail ? ` — build output of ${state.failure.service}: ${state.failure.detail.split('\n').filter((l) => l.trim()).slice(-5).join(' | ')}` : '';
    return { ...base, status: 'failed', measurement: failed.length, evidence, message: maskSecrets(`${failed.length} of ${builds.length} build(s) failed in rebuild ${state.runId}: ${failed.map((e) => `${e.service}: ${e.message ?? 'failed'}`).join('; ')}${detail}. hint: fix the Dockerfile or requirements of the service named and rebuild it with docker compose build --no-cache <service>`) };
  }
  const built = new Set(builds.map((e) => e.service));
  const missing = toBuild.filter((s) => !built.has(s));
  if (missing.length > 0) {
    return { ...base, status: 'skipped', measurement: missing.length, evidence, message: `not decided: ${builds.length} build(s) succeeded, but ${missing.length} service(s) to rebuild were never built (run ${state.status}${state.failure ? ` at ${state.failure.service} ${state.failure.step}: ${state.failure.message}` : ''}): ${missing.join(', ')}` };
  }
  return { ...base, status: 'passed', measurement: Math.round(totalMs), evidence, message: `${builds.length} build(s) of rebuild ${state.runId} (${state.planId}) succeeded: ${[...built].join(', ')}; build time ${seconds(totalMs)} in total (004 expects 5-15 min for the whole project; reported, not judged)` };
}
