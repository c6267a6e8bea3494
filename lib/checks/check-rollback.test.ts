import { describe, expect, it } from 'vitest';
import type { PhaseRebuildResult } from '../rebuild/phase-rebuild.js';
import type { RebuildState, ServiceProgress } from '../rebuild/state.js';
import { checkRollback } from './check-rollback.js';

const OLD = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';
const progress = (step: string, done: ServiceProgress['done'] = ['tag', 'build', 'recreate', 'ready']): ServiceProgress => ({
  wave: 0,
  planStep: step,
  action: 'rebuild',
  imageRef: 'homeiq-x:reference',
  previousImageId: OLD,
  backupTag: 'homeiq-x:pre-rebuild-r1',
  done,
});
function result(over: Partial<RebuildState>): PhaseRebuildResult {
  const state: RebuildState = {
    version: 1,
    runId: 'r1',
    planId: 'phase3',
    project: 'phasegate-ref',
    status: 'succeeded',
    startedAt: '2026-12-02T00:00:00Z',
    updatedAt: '2026-12-02T00:05:00Z',
    waves: [['ml-service'], ['ai-pattern-service']],
    services: { 'ml-service': progress('P3-S6.1'), 'ai-pattern-service': progress('P3-S6.2') },
    timeline: [],
    ...over,
  };
  return { state, findings: [], violations: [], steps: {}, criticalPathMs: 0, makespanMs: 0, startedAt: state.startedAt };
}
const services = ['ml-service', 'ai-pattern-service'];

describe('checkRollback', () => {
  it('should leave a succeeded run undecided once every backup tag resolves to the recorded image', async () => {
    const r = await checkRollback(result({}), { criterionId: 'P3-RB', services, imageId: () => Promise.resolve(OLD) });
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/^not exercised: the phase3 run succeeded, so nothing was rolled back; the rollback target exists for every service \(ml-service: homeiq-x:pre-rebuild-r1 → sha256:1111111111/);
  });

  it('should fail a succeeded run whose backup tag is gone or moved', async () => {
    const r = await checkRollback(result({}), { criterionId: 'P3-RB', services, imageId: (ref) => Promise.resolve(ref ? undefined : OLD) });
    expect(r).toMatchObject({ status: 'failed', measurement: '0/2' });
    expect(r.message).toBe('rollback target missing: ml-service: homeiq-x:pre-rebuild-r1 does not exist; ai-pattern-service: homeiq-x:pre-rebuild-r1 does not exist');
  });

  it('should pass a failed run that was rolled back and verified', async () => {
    const r = await checkRollback(
      result({
        status: 'rolled-back',
        services: { 'ml-service': progress('P3-S6.1'), 'ai-pattern-service': progress('P3-S6.2', ['tag']) },
        failure: { wave: 1, service: 'ai-pattern-service', step: 'build', message: 'exit 1' },
        rollback: { services: [{ service: 'ai-pattern-service', imageId: OLD, recreated: false, verified: true }, { service: 'ml-service', imageId: OLD, recreated: true, verified: true }], verified: true, finishedAt: '2026-12-02T00:06:00Z' },
      }),
      { criterionId: 'P3-RB', services, imageId: () => Promise.reject(new Error('not asked')) },
    );
    expect(r).toMatchObject({ status: 'passed', measurement: '2/2' });
    expect(r.message).toMatch(/^the phase3 run failed \(ai-pattern-service build\) and was rolled back: ml-service → sha256:1{12} restored and healthy/);
  });

  it('should fail a rollback that was not verified, and a failed run never rolled back', async () => {
    const unverified = await checkRollback(
      result({ status: 'rollback-failed', rollback: { services: [{ service: 'ml-service', imageId: OLD, recreated: true, verified: false, message: 'unhealthy' }], verified: false, finishedAt: 'x' } }),
      { criterionId: 'P3-RB', services, imageId: () => Promise.resolve(OLD) },
    );
    expect(unverified.status).toBe('failed');
    expect(unverified.message).toMatch(/^the phase3 run ended rollback-failed; its rollback failed: ml-service → sha256:1{12} NOT verified: unhealthy; ai-pattern-service not restored/);
    const notRolledBack = await checkRollback(result({ status: 'failed', failure: { wave: 0, service: 'ml-service', step: 'ready', message: 'unhealthy' } }), { criterionId: 'P3-RB', services, imageId: () => Promise.resolve(OLD) });
    expect(notRolledBack).toMatchObject({ status: 'failed', message: 'the phase3 run ended failed (ml-service ready: unhealthy) and was not rolled back. hint: phasegate rollback' });
  });

  it('should fail without a rebuild and give error when none of the services was rebuilt', async () => {
    expect((await checkRollback(null, { criterionId: 'P3-RB', services, imageId: () => Promise.resolve(OLD) })).status).toBe('failed');
    expect((await checkRollback(result({}), { criterionId: 'P3-RB', services: ['other'], imageId: () => Promise.resolve(OLD) })).status).toBe('error');
  });
});
