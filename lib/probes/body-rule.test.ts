import { describe, expect, it } from 'vitest';
import { describeRule, evaluateBodyRule, readPath } from './body-rule.js';

const ws = '{"status":"degraded","subscription":{"total_events_received":0}}';
const dataApi = '{"status":"healthy","dependencies":{"influxdb":{"status":"connected"}}}';

describe('evaluateBodyRule', () => {
  it('should fail a 200 body whose status is degraded', () => {
    expect(evaluateBodyRule({ field: 'status', equals: 'healthy' }, ws)).toEqual({ ok: false, actual: 'degraded', shown: '"degraded"', reason: 'status = "degraded"' });
  });

  it('should pass a nested field rule', () => {
    expect(evaluateBodyRule({ field: 'dependencies.influxdb.status', equals: 'connected' }, dataApi)).toMatchObject({ ok: true, actual: 'connected' });
  });

  it('should accept one of several values and reject others', () => {
    expect(evaluateBodyRule({ field: 'status', oneOf: ['healthy', 'warning'] }, '{"status":"warning"}').ok).toBe(true);
    expect(evaluateBodyRule({ field: 'status', oneOf: ['healthy', 'warning'] }, '{"status":"critical"}').reason).toBe('status = "critical"');
  });

  it('should report a missing field as missing', () => {
    expect(evaluateBodyRule({ field: 'service_status.policy_count', greaterThan: 0 }, '{"status":"healthy"}')).toMatchObject({ ok: false, reason: 'service_status.policy_count = missing' });
  });

  it('should fail a non-JSON body for a JSON rule instead of throwing', () => {
    expect(evaluateBodyRule({ json: true }, '<html>nginx</html>')).toEqual({ ok: false, reason: 'the body is not JSON' });
    expect(evaluateBodyRule({ field: 'status', equals: 'healthy' }, '{"status":"heal', { truncated: true }).reason).toBe('the body is not JSON (truncated at the size cap)');
  });

  it('should check raw content and plain JSON', () => {
    expect(evaluateBodyRule({ contains: 'nginx' }, '<html>nginx</html>').ok).toBe(true);
    expect(evaluateBodyRule({ contains: 'root' }, '<html>nginx</html>').reason).toBe('the body lacks "root"');
    expect(evaluateBodyRule({ lacks: 'HTTP 404' }, '{"services":{"websocket-ingestion":{"error":"HTTP 404"}}}').reason).toBe('the body contains "HTTP 404"');
    expect(evaluateBodyRule({ lacks: 'HTTP 404' }, '{"total_events":12}').ok).toBe(true);
    expect(describeRule({ lacks: 'HTTP 404' })).toBe('2xx and body lacks "HTTP 404"');
    expect(evaluateBodyRule({ json: true }, '[]').ok).toBe(true);
  });

  it('should render objects as JSON measurements', () => {
    expect(evaluateBodyRule({ field: 'subscription', equals: 'x' }, ws).actual).toBe('{"total_events_received":0}');
  });
});

describe('describeRule', () => {
  it('should write each rule as its limit', () => {
    expect([
      describeRule({ field: 'status', equals: 'healthy' }),
      describeRule({ field: 'status', oneOf: ['healthy', 'warning'] }),
      describeRule({ field: 'n', greaterThan: 0 }),
      describeRule({ json: true }),
      describeRule({ contains: 'ok' }),
      describeRule({ any: true }),
    ]).toEqual(['2xx and status == "healthy"', '2xx and status in ["healthy","warning"]', '2xx and n > 0', '2xx and a JSON body', '2xx and body contains "ok"', '2xx']);
  });
});

describe('readPath', () => {
  it('should stop at non-objects', () => {
    expect(readPath({ a: 'x' }, 'a.length')).toBeUndefined();
    expect(readPath(null, 'a')).toBeUndefined();
  });
});
