import { describe, expect, it } from 'vitest';
import type { PhaseRebuildResult } from '../rebuild/phase-rebuild.js';
import type { RebuildState, TimelineEntry } from '../rebuild/state.js';
import { checkBuildResult } from './check-build-result.js';

const entry = (service: string, step: TimelineEntry['step'], ok = true, message?: string): TimelineEntry => ({ service, step, startedAt: '2026-12-02T07:00:00Z', durationMs: 12_000, ok, ...(message ? { message } : {}) });

function result(timeline: TimelineEntry[], over: Partial<RebuildState> = {}): PhaseRebuildResult {
  const state: RebuildState = {
    version: 1,
    runId: 'r1',
    planId: 'phase1',
    project: 'p',
    status: 'succeeded',
    startedAt: '2026-12-02T07:00:00Z',
    updatedAt: '2026-12-02T07:05:00Z',
    waves: [['data-api', 'admin-api', 'influxdb']],
    services: {
      'data-api': { wave: 0, planStep: 'P1-S4', action: 'rebuild', done: ['tag', 'build', 'recreate', 'ready'] },
      'admin-api': { wave: 0, planStep: 'P1-S4', action: 'rebuild', done: ['tag', 'build', 'recreate', 'ready'] },
      influxdb: { wave: 0, planStep: 'P1-S3', action: 'restart', done: ['restart', 'ready'] },
    },
    timeline,
    ...over,
  };
  return { state, findings: [], violations: [], steps: {}, criticalPathMs: 0, makespanMs: 0, startedAt: state.startedAt };
}

describe('checkBuildResult (RUN-M2)', () => {
  it('should pass when every service to rebuild was built without error, reporting the build time', () => {
    const r = checkBuildResult(result([entry('influxdb', 'restart'), entry('data-api', 'build'), entry('admin-api', 'build')]));
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/2 build\(s\) of rebuild r1 \(phase1\) succeeded: data-api, admin-api; build time 24.0 s/);
  });

  it('should fail quoting the failed build with its service and output tail', () => {
    const r = checkBuildResult(
      result([entry('data-api', 'build'), entry('admin-api', 'build', false, 'build of admin-api exited 1')], {
        status: 'rolled-back',
        failure: { wave: 0, service: 'admin-api', step: 'build', message: 'build of admin-api exited 1', detail: 'Step 5/9 : RUN pip install\nERROR: No matching distribution found for fastapi==9.9\n' },
      }),
    );
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/1 of 2 build\(s\) failed in rebuild r1: admin-api: build of admin-api exited 1 — build output of admin-api: .*No matching distribution found for fastapi==9.9.*hint:/);
  });

  it('should be "not run" when the setup hook built nothing', () => {
    const r = checkBuildResult(null, { notRunReason: 'the runbook suite has no rebuild plan' });
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/^not run: the runbook suite has no rebuild plan/);
    expect(checkBuildResult(result([entry('influxdb', 'restart')])).status).toBe('skipped');
  });

  it('should not decide when the run stopped before building every service', () => {
    const r = checkBuildResult(result([entry('data-api', 'build')], { status: 'failed', failure: { wave: 0, service: 'data-api', step: 'ready', message: 'data-api not healthy' } }));
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/never built .*admin-api/);
  });
});
