import { describe, expect, it } from 'vitest';
import type { PhaseRebuildResult } from '../rebuild/phase-rebuild.js';
import type { RebuildState } from '../rebuild/state.js';
import { checkDiagnosticsCaptured } from './check-diagnostics.js';

function result(over: Partial<RebuildState>): PhaseRebuildResult {
  const state: RebuildState = { version: 1, runId: 'r1', planId: 'deploy-day1', project: 'phasegate-ref', status: 'succeeded', startedAt: '2026-12-02T00:00:00Z', updatedAt: '2026-12-02T00:05:00Z', waves: [['data-api']], services: {}, timeline: [], ...over };
  return { state, findings: [], violations: [], steps: {}, criticalPathMs: 0, makespanMs: 0, startedAt: state.startedAt };
}
const failure = { wave: 0, service: 'data-api', step: 'ready' as const, message: 'unhealthy after 120 s' };

describe('checkDiagnosticsCaptured', () => {
  it('should leave a run without a failure undecided', () => {
    expect(checkDiagnosticsCaptured(result({}), { criterionId: 'DEP-RB-P2' })).toMatchObject({ status: 'skipped', message: expect.stringMatching(/^not exercised: the deploy-day1 run ended succeeded without a failed step/) });
  });

  it('should pass a failed run that saved its log tails, and say whether the rollback was verified', () => {
    const r = checkDiagnosticsCaptured(result({ status: 'rolled-back', failure: { ...failure, detail: 'health log:\nexit 1: 503\nlog tail:\nERROR boom' }, rollback: { services: [], verified: true, finishedAt: '2026-12-02T00:06:00Z' } }), { criterionId: 'DEP-RB-P2' });
    expect(r).toMatchObject({ status: 'passed', measurement: 4, message: 'the deploy-day1 run failed at data-api ready (wave 1): unhealthy after 120 s; 4 line(s) of diagnostics saved in the rebuild state before the rollback (rollback verified)' });
  });

  it('should fail a failed run without diagnostics, and a gate without a rollout', () => {
    expect(checkDiagnosticsCaptured(result({ status: 'failed', failure }), { criterionId: 'DEP-RB-P2' }).status).toBe('failed');
    expect(checkDiagnosticsCaptured(null, { criterionId: 'DEP-RB-P2' }).status).toBe('failed');
  });
});
