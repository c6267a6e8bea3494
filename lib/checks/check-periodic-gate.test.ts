import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWorkflow, type Workflow } from '../ci/workflow-schema.js';
import { checkPeriodicGate, cronFieldValues, cronMaxIntervalMin } from './check-periodic-gate.js';

const wf = (on: Workflow['on'], run = 'npx vitest run "suites/$PHASE"'): Workflow => ({ name: 'w', on, jobs: { gate: { 'runs-on': 'ubuntu-24.04', steps: [{ name: 'Gate', run }] } } }) as Workflow;

describe('cron intervals', () => {
  it('should read the fields GitHub takes', () => {
    expect(cronFieldValues('*/15', 0, 59)).toEqual([0, 15, 30, 45]);
    expect(cronFieldValues('1-3,10', 0, 23)).toEqual([1, 2, 3, 10]);
    expect(cronFieldValues('MON', 0, 6)).toBeUndefined();
  });

  it('should give the longest gap between runs, wrap-around included', () => {
    expect(cronMaxIntervalMin('*/5 * * * *')).toBe(5);
    expect(cronMaxIntervalMin('17 2 * * *')).toBe(1440);
    expect(cronMaxIntervalMin('0 8-17 * * *')).toBe(15 * 60);
    expect(cronMaxIntervalMin('*/5 * * * 1-5')).toBe(1440);
  });
});

describe('checkPeriodicGate (RUN-MON-2)', () => {
  it('should pass for a gate scheduled every 5 min', () => {
    const r = checkPeriodicGate(wf({ schedule: [{ cron: '*/5 * * * *' }] }), { file: 'w.yml' });
    expect(r.status).toBe('passed');
    expect(r.measurement).toBe(5);
  });

  it('should fail without a schedule', () => {
    const r = checkPeriodicGate(wf({ workflow_dispatch: null }), { file: 'w.yml' });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/no on.schedule cron.*hint: add on.schedule/);
  });

  it('should fail when the scheduled jobs run no gate', () => {
    const r = checkPeriodicGate(wf({ schedule: [{ cron: '*/5 * * * *' }] }, 'echo hello'), { file: 'w.yml' });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/no step runs a gate/);
  });

  it('should fail a nightly schedule against the 5 min interval, naming both', () => {
    const r = checkPeriodicGate(wf({ schedule: [{ cron: '17 2 * * *' }] }), { file: 'w.yml' });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/cron '17 2 \* \* \*': every 1440 min at most, limit 5 min/);
  });

  it('should judge the repository\'s nightly workflow as parsed by lib/ci (nightly, so not every 5 min)', () => {
    const file = fileURLToPath(new URL('../../.github/workflows/nightly.yml', import.meta.url));
    const nightly = parseWorkflow(readFileSync(file, 'utf8'), 'nightly.yml');
    expect(checkPeriodicGate(nightly, { file: 'nightly.yml', maxIntervalMin: 1440 }).status).toBe('passed');
    expect(checkPeriodicGate(nightly, { file: 'nightly.yml' }).status).toBe('failed');
  });
});
