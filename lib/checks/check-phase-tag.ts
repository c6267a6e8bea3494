// P1-DOC6 "Images tagged `phase1-complete`" (002 L818), judged from lib/rebuild/phase-tag.ts: every rebuilt service's
// tag exists and resolves to the image its container runs.
import type { PhaseTagOutcome } from '../rebuild/phase-tag.js';
import type { CheckResult } from './check-result.js';

/** Options of {@link checkPhaseTagged}. */
export interface PhaseTaggedCheck {
  /** @default 'P1-DOC6' */
  readonly criterionId?: string;
  /** @default 'phase1-complete' */
  readonly tag?: string;
}

/** Passed when every outcome has its tag and the tag resolves to the running image id. Pure. */
export function checkPhaseTagged(outcomes: readonly PhaseTagOutcome[], check: PhaseTaggedCheck = {}): CheckResult {
  const tag = check.tag ?? 'phase1-complete';
  const base = { criterionId: check.criterionId ?? 'P1-DOC6', title: `rebuilt images tagged :${tag}`, limit: `every rebuilt service's :${tag} = its running image id` };
  if (outcomes.length === 0) return { ...base, status: 'error', message: `no rebuilt service to tag :${tag}` };
  const evidence = outcomes.map((o) => ({ label: o.service, value: o.error ? `error: ${o.error}` : `${o.ref} → ${o.taggedImageId}` }));
  const bad = outcomes.flatMap((o) => {
    if (o.error) return [`${o.service}: ${o.error}`];
    if (o.taggedImageId !== o.runningImageId) return [`${o.service}: ${o.ref} is ${o.taggedImageId?.slice(0, 19)} but the container runs ${o.runningImageId?.slice(0, 19)}`];
    return [];
  });
  if (bad.length > 0) return { ...base, status: 'failed', measurement: bad.length, evidence, message: `${bad.length} of ${outcomes.length} rebuilt service(s) lack a correct :${tag} tag: ${bad.join('; ')}. hint: docker tag <running image id> <repo>:${tag} once the gate passes; a mismatch means the container was recreated from another image after tagging` };
  return { ...base, status: 'passed', measurement: outcomes.length, evidence, message: `${outcomes.length} rebuilt service(s) tagged :${tag}, each resolving to its running container's image (${outcomes.map((o) => o.ref).join(', ')})` };
}

/** Whether this run may tag (config), and why not. */
export interface PhaseTagging {
  readonly enabled: boolean;
  /** Why tagging is on or off (`reference target`, `live.tagPhaseComplete is false`). */
  readonly why: string;
}

/**
 * Why P1-DOC6 must not tag in this run, as its result, or undefined when it may: tagging switched off (skipped:
 * not decided), another check failed (failed: the phase is not complete), nothing else ran (skipped), or no
 * service was rebuilt (skipped). `precondition` is checkRunWithoutFailures over this run's records. Pure.
 */
export function phaseTagBlocker(tagging: PhaseTagging, precondition: CheckResult, rebuilt: readonly string[], options: PhaseTaggedCheck = {}): CheckResult | undefined {
  const tag = options.tag ?? 'phase1-complete';
  const base = { criterionId: options.criterionId ?? 'P1-DOC6', title: `rebuilt images tagged :${tag}` };
  if (!tagging.enabled) return { ...base, status: 'skipped', message: `not decided: the gate does not tag :${tag} here (${tagging.why})` };
  if (precondition.status === 'failed') return { ...base, status: 'failed', measurement: precondition.measurement ?? 0, limit: 'tagged after a run without failures', message: `not tagged :${tag}: the phase is not complete — ${precondition.message}` };
  if (precondition.status !== 'passed') return { ...base, status: 'skipped', message: `not decided: ${precondition.message}` };
  if (rebuilt.length === 0) return { ...base, status: 'skipped', message: `not decided: the setup hook rebuilt no service (no plan or PHASEGATE_REBUILD=0), so no image to tag :${tag}` };
  return undefined;
}
