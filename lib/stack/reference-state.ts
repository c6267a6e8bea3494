// The HomeIQ code state each reference gate stands for: which fixture tree its version audits read and which build arg
// its setup hook's rebuild passes, so the rebuilt twins report that state's package versions (shims/pip-versions.<state>.txt).
// A healthy reference stack of Phase 3 is "HomeIQ after Phase 3": audits of the Phase 1 tree there would fail by design.

/** A fixture tree under fixtures/homeiq-tree that a reference gate audits. */
export type ReferenceState = 'after-phase1' | 'after-phase2' | 'after-phase3';

/**
 * Suite → state. Phase 0 and Phase 1 audit the tree Phase 1 produces (Phase 0 documents it); Phase 2 its own; Phase 3
 * and everything after it (Phase 4's conservative path changes no pin beyond Phase 1's npm updates; deployment,
 * post-deployment, the runbook and the complete rebuild ship the final code) the Phase 3 tree.
 */
const STATE_OF_SUITE: Readonly<Record<string, ReferenceState>> = { phase0: 'after-phase1', phase1: 'after-phase1', phase2: 'after-phase2' };

/** The state a reference gate suite stands for. @default 'after-phase3' for suites after Phase 2 */
export function referenceStateFor(suite: string): ReferenceState {
  return STATE_OF_SUITE[suite] ?? 'after-phase3';
}

/** The fixture tree of a state, relative to the phasegate root (where phasegate.config.ts lives). */
export function referenceRepoRoot(state: ReferenceState): string {
  return `fixtures/homeiq-tree/${state}`;
}

/** The build args a reference rebuild passes to every service so the new image reports the state's versions. */
export function referenceBuildArgs(state: ReferenceState): Readonly<Record<string, string>> {
  return state === 'after-phase1' ? {} : { HOMEIQ_STATE: state };
}
