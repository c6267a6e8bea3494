import { describe, expect, it } from 'vitest';
import { checkCrashTrigger } from './check-crash-trigger.js';
import type { ContainerSnapshot } from './container-state-source.js';

const c = (service: string, over: Partial<ContainerSnapshot> = {}): ContainerSnapshot => ({ service, name: `homeiq-${service}`, state: 'running', health: 'healthy', restartCount: 0, startedAt: '2026-12-01T00:00:00Z', exitCode: 0, ...over });
const services = ['data-api', 'admin-api', 'weather-api'];
const before = services.map((s) => c(s));

describe('checkCrashTrigger', () => {
  it('should pass with nothing crashed', () => {
    expect(checkCrashTrigger(before, before, { criterionId: 'DEP-RB-T1', services })).toMatchObject({ status: 'passed', measurement: 0, message: 'trigger not fired: 0 of 3 services crashed or restarting' });
  });

  it('should not fire on one crash but name it', () => {
    const now = [c('data-api', { state: 'restarting', restartCount: 3 }), c('admin-api'), c('weather-api')];
    expect(checkCrashTrigger(before, now, { criterionId: 'DEP-RB-T1', services })).toMatchObject({ status: 'passed', measurement: 1, message: 'trigger not fired: 1 of 3 services crashed or restarting (data-api (homeiq-data-api) is restarting (RestartCount 3))' });
  });

  it('should fire on two crashes: a non-zero exit and a restart since the first sample; exit 0 is no crash', () => {
    const now = [c('data-api', { state: 'exited', exitCode: 137 }), c('admin-api', { restartCount: 2 }), c('weather-api', { state: 'exited', exitCode: 0 })];
    const r = checkCrashTrigger(before, now, { criterionId: 'DEP-RB-T1', services });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^emergency rollback trigger fired: 2 of 3 services crashed or restarting: data-api \(homeiq-data-api\) exited with code 137; admin-api \(homeiq-admin-api\) restarted 2 time\(s\) since the first sample\./);
  });

  it('should count a missing container as a crash', () => {
    expect(checkCrashTrigger(before, [c('weather-api')], { criterionId: 'DEP-RB-T1', services }).status).toBe('failed');
  });
});
