import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceBuildArgs, referenceRepoRoot, referenceStateFor } from './reference-state.js';

describe('referenceStateFor: the code state a reference gate stands for', () => {
  it('phases 0-1 audit the Phase 1 tree, Phase 2 its own, everything later the Phase 3 tree', () => {
    expect(['phase0', 'phase1', 'phase2', 'phase3', 'phase4', 'deploy', 'postdeploy', 'runbook', 'testing', 'rebuild'].map(referenceStateFor)).toEqual([
      'after-phase1', 'after-phase1', 'after-phase2', 'after-phase3', 'after-phase3', 'after-phase3', 'after-phase3', 'after-phase3', 'after-phase3', 'after-phase3',
    ]);
  });

  it('every state has its fixture tree and, past Phase 1, a pip overlay the rebuild selects by build arg', () => {
    for (const state of ['after-phase1', 'after-phase2', 'after-phase3'] as const) {
      expect(existsSync(referenceRepoRoot(state)), referenceRepoRoot(state)).toBe(true);
      const args = referenceBuildArgs(state);
      if (state === 'after-phase1') expect(args).toEqual({});
      else {
        expect(args).toEqual({ HOMEIQ_STATE: state });
        expect(existsSync(`fixtures/reference/shims/pip-versions.${state}.txt`)).toBe(true);
      }
    }
  });
});
