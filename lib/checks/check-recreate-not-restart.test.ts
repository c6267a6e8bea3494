import { describe, expect, it } from 'vitest';
import { definePlan } from '../plans/define-plan.js';
import { PHASE1_PLAN } from '../plans/phase1.js';
import { checkRecreateNotRestart } from './check-recreate-not-restart.js';

const UPSTREAM = new Set(['influxdb', 'jaeger']);
const runsOwnCode = (s: string) => !UPSTREAM.has(s);

const plan = (action: 'rebuild' | 'restart', services: string[]) =>
  definePlan({ id: 'p', title: 'p', source: 's', renames: { 'calendar-service': { to: 'calendar', reason: 'r' } }, steps: [{ id: 'S1', title: 'step', action, services, source: 's' }] });

describe('checkRecreateNotRestart (RUN-M3b)', () => {
  it('should pass when restarts only touch upstream-image services and code is rebuilt', () => {
    const r = checkRecreateNotRestart([PHASE1_PLAN], { runsOwnCode });
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/restart steps only touch upstream-image services \(influxdb, jaeger\)/);
  });

  it('should fail a step that would only restart a FastAPI service, naming plan, step and service', () => {
    const r = checkRecreateNotRestart([plan('restart', ['data-api'])], { runsOwnCode });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/p step S1 \("step"\) only restarts data-api, which runs HomeIQ's own code.*hint: make the step action 'rebuild'/);
  });

  it('should resolve plan renames before judging', () => {
    const r = checkRecreateNotRestart([plan('restart', ['calendar-service'])], { runsOwnCode: (s) => (s === 'calendar' ? true : undefined) });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/only restarts calendar/);
  });

  it('should not decide a restarted service the compose file does not know', () => {
    expect(checkRecreateNotRestart([plan('restart', ['mystery'])], { runsOwnCode: () => undefined }).status).toBe('skipped');
  });
});
