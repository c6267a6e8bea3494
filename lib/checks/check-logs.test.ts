import { describe, expect, it } from 'vitest';
import { checkNoErrorLogs, INFLUX_WRITE_ERROR_PATTERNS, type LogSource } from './check-logs.js';

/** Serves fixed log tails per service; a service mapped to an Error fails to read. */
class FakeLogSource implements LogSource {
  readonly asked: Array<[string, number]> = [];
  constructor(private readonly logs: Record<string, readonly string[] | Error>) {}
  tail(service: string, lines: number) {
    this.asked.push([service, lines]);
    const l = this.logs[service];
    if (l instanceof Error) return Promise.reject(l);
    return Promise.resolve(l ? { container: `homeiq-${service}`, lines: l.slice(-lines) } : undefined);
  }
}

const quiet = ['INFO: Uvicorn running on http://0.0.0.0:8006', 'INFO: 127.0.0.1 - "GET /health HTTP/1.1" 200 OK'];

describe('checkNoErrorLogs', () => {
  it('should pass quiet logs and read the asked tail', async () => {
    const source = new FakeLogSource({ 'data-api': quiet, 'admin-api': quiet });
    const r = await checkNoErrorLogs(source, { criterionId: 'P1-SC2', services: ['data-api', 'admin-api'], tail: 100 });
    expect(r).toMatchObject({ status: 'passed', measurement: 0, message: 'no error lines in the last 100 log lines of 2 services' });
    expect(source.asked).toEqual([['data-api', 100], ['admin-api', 100]]);
  });

  it('should fail naming the service, container, count and first line', async () => {
    const source = new FakeLogSource({
      'data-api': quiet,
      'admin-api': [...quiet, '2026-11-22 10:00:01 ERROR admin-api InfluxDB write failed token=abcd1234efgh', 'Traceback (most recent call last):'],
    });
    const r = await checkNoErrorLogs(source, { criterionId: 'P1-S4-AC7', services: ['data-api', 'admin-api'], tail: 50 });
    expect(r).toMatchObject({ status: 'failed', measurement: 2, limit: '0 error lines in the last 50 lines' });
    expect(r.message).toBe('admin-api (homeiq-admin-api): 2 error line(s), first: 2026-11-22 10:00:01 ERROR admin-api InfluxDB write failed token=***. hint: docker logs --tail 50 <container>');
    expect(r.evidence?.[0]?.value).toBe('3: 2026-11-22 10:00:01 ERROR admin-api InfluxDB write failed token=***\n4: Traceback (most recent call last):');
  });

  it('should ignore allowlisted lines and flag a missing container', async () => {
    const source = new FakeLogSource({ 'websocket-ingestion': ['ERROR discovery: Unknown message type: config/device_registry/list'] });
    const r = await checkNoErrorLogs(source, { criterionId: 'P0-S2-AC3b', services: ['websocket-ingestion', 'ha-simulator'], tail: 500, allow: [/Unknown message type: config\//] });
    expect(r.message).toBe('ha-simulator: no container. hint: docker logs --tail 500 <container>');
  });

  it('should be an error when logs cannot be read and nothing was found', async () => {
    const r = await checkNoErrorLogs(new FakeLogSource({ a: new Error('Docker API call "logs" did not answer within 10000ms') }), { criterionId: 'P1-SC2', services: ['a'], tail: 100 });
    expect(r.status).toBe('error');
    expect(r.message).toBe('could not read the logs of 1/1 services: a: Docker API call "logs" did not answer within 10000ms. hint: is the Docker daemon reachable?');
  });

  it('should accept lib/docker\'s inspector with a states sample', async () => {
    const inspector = { logsTail: (id: string) => Promise.resolve(id === 'c1' ? [{ text: 'CRITICAL giving up' }] : []) };
    const states = [{ id: 'c1', name: 'homeiq-websocket', service: 'websocket-ingestion', state: 'running', health: 'healthy', restartCount: 0, startedAt: 'x' }];
    const r = await checkNoErrorLogs(inspector, states, { criterionId: 'P0-S2-AC3b', services: ['websocket-ingestion'], tail: 500 });
    expect(r.message).toBe('websocket-ingestion (homeiq-websocket): 1 error line(s), first: CRITICAL giving up. hint: docker logs --tail 500 <container>');
  });

  it('should look only for the given patterns and name them (P2-SC5 InfluxDB write errors)', async () => {
    const source = new FakeLogSource({
      'websocket-ingestion': [...quiet, 'ERROR discovery: Unknown message type', '2026-12-02T01:00:00Z ERROR InfluxDB write failed: connect ECONNREFUSED 172.18.0.2:8086'],
      'data-api': ['ERROR [data-api] events query failed: timeout'],
    });
    const r = await checkNoErrorLogs(source, { criterionId: 'P2-SC5', services: ['websocket-ingestion', 'data-api'], tail: 500, patterns: INFLUX_WRITE_ERROR_PATTERNS, what: 'InfluxDB write-error' });
    expect(r).toMatchObject({ status: 'failed', measurement: 1, title: 'no InfluxDB write-error lines in the last 500 log lines', limit: '0 InfluxDB write-error lines in the last 500 lines' });
    expect(r.message).toMatch(/^websocket-ingestion \(homeiq-websocket-ingestion\): 1 InfluxDB write-error line\(s\), first: .*InfluxDB write failed/);
  });
});

describe('INFLUX_WRITE_ERROR_PATTERNS', () => {
  const matches = (line: string) => INFLUX_WRITE_ERROR_PATTERNS.some((p) => p.test(line));
  it.each([
    'ERROR InfluxDB write failed: unauthorized',
    'Error writing points to InfluxDB: timed out',
    'influxdb_client.rest.ApiException: (401) Reason: Unauthorized',
    'WARNING batch of 500 points rejected by the server',
    'influxdb_client_3.exceptions.InfluxDBError: write failed',
  ])('should match a write error: %s', (line) => {
    expect(matches(line)).toBe(true);
  });
  it.each(['INFO wrote 100 points to home_assistant_events', '"processing_stats": {"write_failures": 0}', 'INFO: 127.0.0.1 - "GET /health HTTP/1.1" 200 OK', 'ERROR events query failed: timeout', 'ERROR [data-retention] InfluxDB query failed: 500', 'GET /api/endpoints failed'])(
    'should not match an ordinary line: %s',
    (line) => {
      expect(matches(line)).toBe(false);
    },
  );
});

describe('checkNoErrorLogs since a time (PD-D1-3 "in the past hour")', () => {
  const inspector = {
    logsTail: async () => [
      { text: 'ERROR: old failure before the hour', timestamp: '2026-12-01T00:10:00.000000000Z' },
      { text: 'INFO: fine', timestamp: '2026-12-01T01:30:00.000000000Z' },
    ],
  };
  const states = [{ service: 'data-api', name: 'homeiq-data-api', state: 'running', health: 'healthy', restartCount: 0, startedAt: '2026-12-01T00:00:00Z' }];

  it('should ignore error lines older than sinceMs and say since when', async () => {
    const r = await checkNoErrorLogs(inspector, states, { criterionId: 'PD-D1-3', services: ['data-api'], tail: 100, sinceMs: Date.parse('2026-12-01T01:00:00Z') });
    expect(r).toMatchObject({ status: 'passed', message: 'no error lines in the last 100 log lines of 1 services (lines since 2026-12-01T01:00:00.000Z)' });
  });

  it('should count them without sinceMs', async () => {
    expect((await checkNoErrorLogs(inspector, states, { criterionId: 'PD-D1-3', services: ['data-api'], tail: 100 })).status).toBe('failed');
  });
});
