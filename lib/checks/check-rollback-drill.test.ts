import { describe, expect, it } from 'vitest';
import type { PhaseRebuildResult } from '../rebuild/phase-rebuild.js';
import type { RebuildState } from '../rebuild/state.js';
import { checkHealthTriggered, checkRollbackTracked, checkRunningImages } from './check-rollback-drill.js';

const OLD = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';
const NEW = 'sha256:2222222222222222222222222222222222222222222222222222222222222222';
function result(over: Partial<RebuildState>): PhaseRebuildResult {
  const state: RebuildState = {
    version: 1,
    runId: 'r7',
    planId: 'rollback-drill',
    project: 'phasegate-ref',
    status: 'rolled-back',
    startedAt: '2026-12-02T00:00:00Z',
    updatedAt: '2026-12-02T00:05:00Z',
    waves: [['data-api'], ['admin-api']],
    services: {},
    timeline: [],
    failure: { wave: 1, service: 'admin-api', step: 'ready', message: 'admin-api unhealthy: health check answered 503' },
    rollback: { services: [{ service: 'admin-api', imageId: OLD, recreated: true, verified: true }, { service: 'data-api', imageId: OLD, recreated: true, verified: true }], verified: true, finishedAt: '2026-12-02T00:06:00Z' },
    ...over,
  };
  return { state, findings: [], violations: [], steps: {}, criticalPathMs: 0, makespanMs: 0, startedAt: state.startedAt };
}

describe('checkRunningImages', () => {
  it('should pass when every restored service runs its recorded image, and name the one that does not', () => {
    const ok = checkRunningImages([{ service: 'admin-api', imageId: OLD }, { service: 'data-api', imageId: OLD }], result({}), 'DEP-RB-V1');
    expect(ok).toMatchObject({ status: 'passed', measurement: '2/2' });
    const bad = checkRunningImages([{ service: 'admin-api', imageId: NEW }], result({}), 'DEP-RB-V1');
    expect(bad.status).toBe('failed');
    expect(bad.message).toBe('after the rollback of r7: admin-api runs sha256:222222222222, expected sha256:111111111111; data-api runs no container, expected sha256:111111111111. hint: the retag or the recreate did not take effect');
  });

  it('should leave a run that restored nothing undecided', () => {
    const { rollback: _, ...noRollback } = result({}).state;
    expect(checkRunningImages([], { ...result({}), state: { ...noRollback, status: 'succeeded' } }, 'DEP-RB-V1')).toMatchObject({ status: 'skipped', message: 'not exercised: run r7 (succeeded) restored no image' });
  });
});

describe('checkHealthTriggered', () => {
  const check = { criterionId: 'RUN-RB-1', service: 'admin-api' };
  it('should pass a run that stopped at the broken service\'s readiness check', () => {
    expect(checkHealthTriggered(result({}), check)).toMatchObject({ status: 'passed', message: 'run r7 stopped when admin-api was not healthy (admin-api unhealthy: health check answered 503) and ended rolled-back' });
  });

  it('should fail a run that succeeded (the readiness gate let the broken image through) or failed elsewhere', () => {
    expect(checkHealthTriggered(result({ status: 'succeeded' }), check).message).toMatch(/^run r7 succeeded although admin-api's new image fails its health check/);
    const atBuild = checkHealthTriggered(result({ failure: { wave: 0, service: 'data-api', step: 'build', message: 'exit 1' } }), check);
    expect(atBuild).toMatchObject({ status: 'failed', message: "run r7 ended rolled-back at data-api build: exit 1, not at admin-api's health check" });
  });
});

describe('checkRollbackTracked', () => {
  const check = { criterionId: 'RUN-RB-2', path: '/tmp/state.json' };
  it('should pass when the stored state records this run\'s verified rollback', () => {
    expect(checkRollbackTracked(result({}).state, result({}), check)).toMatchObject({ status: 'passed', message: '/tmp/state.json: run r7 rolled-back, rollback verified for admin-api, data-api' });
  });

  it('should fail a missing or foreign record and an unverified rollback', () => {
    expect(checkRollbackTracked(undefined, result({}), check).message).toBe('/tmp/state.json does not record run r7 (it holds nothing). hint: the state store must be written after the rollback');
    expect(checkRollbackTracked(result({ runId: 'r6' }).state, result({}), check).status).toBe('failed');
    const unverified = result({ status: 'rollback-failed', rollback: { services: [{ service: 'admin-api', imageId: OLD, recreated: true, verified: false }], verified: false, finishedAt: 'x' } });
    expect(checkRollbackTracked(unverified.state, unverified, check)).toMatchObject({ status: 'failed', message: '/tmp/state.json: run r7 rollback-failed, rollback NOT verified for admin-api' });
  });
});
