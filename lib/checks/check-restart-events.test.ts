import { describe, expect, it } from 'vitest';
import { checkRestartEvents } from './check-restart-events.js';

const at = (s: number) => Date.parse('2026-12-02T02:00:00.000Z') + s * 1000;
const window = { since: new Date(at(0)), until: new Date(at(60)) };
const e = (service: string, action: string, s: number) => ({ timeMs: at(s), action, service, container: `homeiq-${service}` });

describe('checkRestartEvents', () => {
  it('should pass when each service went down and started again, naming the times', () => {
    const r = checkRestartEvents({ criterionId: 'P1-S3-AC6', services: ['influxdb', 'jaeger'], events: [e('influxdb', 'kill', 1), e('influxdb', 'die', 1.2), e('influxdb', 'start', 2), e('jaeger', 'die', 5), e('jaeger', 'start', 6)], window });
    expect(r).toMatchObject({ status: 'passed', measurement: 2 });
    expect(r.message).toBe('Docker recorded the restart of influxdb (kill 02:00:01.000, start 02:00:02.000), jaeger (die 02:00:05.000, start 02:00:06.000) in 2026-12-02T02:00:00.000Z → 2026-12-02T02:01:00.000Z');
  });

  it('should fail a service that only started (never went down) or has no events at all', () => {
    const r = checkRestartEvents({ criterionId: 'P1-S3-AC6', services: ['influxdb', 'jaeger'], events: [e('influxdb', 'start', 2)], window });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/lacks the restart of influxdb: only start; jaeger: no events\. hint/);
  });
});
