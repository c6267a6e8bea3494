import { describe, expect, it } from 'vitest';
import type { CheckResult } from './check-result.js';
import { checkMemoryWindow } from './check-memory-window.js';
import type { ContainerSnapshot } from './container-state-source.js';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const H = 3_600_000;
const state = (service: string, upMs: number, over: Partial<ContainerSnapshot> = {}): ContainerSnapshot => ({
  service,
  name: `homeiq-${service}`,
  state: 'running',
  health: 'healthy',
  restartCount: 0,
  startedAt: new Date(NOW - upMs).toISOString(),
  ...over,
});
const trend = (service: string, status: CheckResult['status'] = 'passed', slope = 12): CheckResult => ({
  criterionId: 'P3-SC5',
  title: `${service} memory trend`,
  status,
  measurement: slope,
  message: status === 'failed' ? `${service} memory grows 2.00 MiB/s` : `${service} memory trend flat`,
});
const services = ['ml-service', 'ai-pattern-service'];

describe('checkMemoryWindow', () => {
  it('should pass when every container ran the whole window without a restart and memory is flat', () => {
    const r = checkMemoryWindow({ criterionId: 'P3-SC5', services, states: [state('ml-service', 30 * H), state('ai-pattern-service', 25 * H)], trends: services.map((s) => trend(s)), requiredWindowMs: 24 * H, nowMs: NOW });
    expect(r).toMatchObject({ status: 'passed', limit: '0 restarts and no memory growth in 24.0 h' });
    expect(r.message).toBe('every service has run at least 25.0 h (youngest: ai-pattern-service) with RestartCount 0, so no OOM kill or crash in 24.0 h; memory flat now in 2 services (ml-service: 12 bytes/s, ai-pattern-service: 12 bytes/s)');
  });

  it('should report a window that is not over yet as skipped (not yet provable), never passed', () => {
    const r = checkMemoryWindow({ criterionId: 'P3-SC5', services, states: [state('ml-service', 30 * H), state('ai-pattern-service', 12 * 60_000)], trends: services.map((s) => trend(s)), requiredWindowMs: 24 * H, nowMs: NOW });
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/^not yet provable: ai-pattern-service has been up 12\.0 min since its last start \(criterion asks 24\.0 h\)/);
  });

  it('should fail at once on a growing memory, even before the window is over', () => {
    const r = checkMemoryWindow({ criterionId: 'P3-SC5', services, states: services.map((s) => state(s, 60_000)), trends: [trend('ml-service', 'failed'), trend('ai-pattern-service')], requiredWindowMs: 24 * H, nowMs: NOW });
    expect(r).toMatchObject({ status: 'failed', message: 'ml-service memory grows 2.00 MiB/s' });
  });

  it('should fail on a restart, a stopped or a missing container', () => {
    const r = checkMemoryWindow({
      criterionId: 'P3-SC5',
      services: [...services, 'rule-recommendation-ml'],
      states: [state('ml-service', 30 * H, { restartCount: 2 }), state('ai-pattern-service', 30 * H, { state: 'exited' })],
      trends: services.map((s) => trend(s)),
      requiredWindowMs: 24 * H,
      nowMs: NOW,
    });
    expect(r.status).toBe('failed');
    expect(r.message).toBe('ml-service (homeiq-ml-service) restarted 2 time(s) (RestartCount; an OOM kill or crash); ai-pattern-service (homeiq-ai-pattern-service) is exited; rule-recommendation-ml has no container');
  });

  it('should leave a slope sampled during heap warm-up undecided, naming it', () => {
    const warming: CheckResult = { ...trend('ml-service'), status: 'skipped', message: 'not yet decidable: ml-service memory grows 0.03 MiB/s (…), but the container has run only 3.0 min' };
    const r = checkMemoryWindow({ criterionId: 'P3-SC5', services, states: [state('ml-service', 3 * 60_000), state('ai-pattern-service', 3 * 60_000)], trends: [warming, trend('ai-pattern-service')], requiredWindowMs: 24 * H, nowMs: NOW });
    expect(r).toMatchObject({ status: 'skipped', message: 'not yet provable: no restart, but ml-service memory grows 0.03 MiB/s (…), but the container has run only 3.0 min' });
  });

  it('should give error when a trend could not be sampled', () => {
    const r = checkMemoryWindow({ criterionId: 'P3-SC5', services, states: services.map((s) => state(s, 30 * H)), trends: [{ ...trend('ml-service', 'error'), message: 'cannot read the memory of ml-service' }], requiredWindowMs: 24 * H, nowMs: NOW });
    expect(r).toMatchObject({ status: 'error', message: 'cannot read the memory of ml-service; ai-pattern-service: no memory trend sampled' });
  });
});
