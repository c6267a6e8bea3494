import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { Clock } from '../common/clock.js';
import type { FluxRow } from '../influx/annotated-csv.js';
import type { InfluxQueryClient } from '../influx/influx-query-client.js';
import { checkEndToEndEvent, checkEventsFlowing } from './check-events.js';

/** A clock whose sleep only advances time. */
class FakeClock implements Clock {
  t = Date.parse('2026-11-22T10:00:00Z');
  now(): number {
    return this.t;
  }
  monotonicMs(): number {
    return this.t;
  }
  sleep(ms: number): Promise<void> {
    this.t += ms;
    return Promise.resolve();
  }
}

/** Answers each query with the next scripted count (or error) and records the Flux. */
class FakeInflux implements InfluxQueryClient {
  readonly queries: string[] = [];
  constructor(private readonly answers: Array<number | Error>) {}
  query(flux: string): Promise<FluxRow[]> {
    this.queries.push(flux);
    const a = this.answers[Math.min(this.queries.length - 1, this.answers.length - 1)]!;
    return a instanceof Error ? Promise.reject(a) : Promise.resolve([{ result: '_result', table: 0, _value: a }]);
  }
}

let server: Server;
let base = '';
let received = 100;
let step = 5;
let events: Array<{ id: string }> = [];
let wss: WebSocketServer;
let haUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/health') {
      received += step;
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ status: 'healthy', subscription: { total_events_received: received } }));
    }
    if (req.url?.startsWith('/api/v1/events')) {
      if (req.headers.authorization !== 'Bearer data-api-key-77aa') {
        res.writeHead(401);
        return res.end('{"detail":"Not authenticated"}');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(events));
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({ type: 'auth_required', ha_version: '2025.10.1' }));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { type: string; id?: number; access_token?: string };
      if (msg.type === 'auth') ws.send(JSON.stringify({ type: msg.access_token === 'ha-token-31f0' ? 'auth_ok' : 'auth_invalid' }));
      if (msg.type === 'subscribe_events') {
        ws.send(JSON.stringify({ id: msg.id, type: 'result', success: true }));
        ws.send(JSON.stringify({ type: 'event', event: { event_type: 'state_changed', time_fired: '2026-11-22T10:00:00Z', context: { id: 'sim_1763805600000' }, data: { entity_id: 'sensor.bar_estimated_current' } } }));
      }
    });
  });
  await new Promise<void>((r) => wss.on('listening', r));
  haUrl = `http://127.0.0.1:${(wss.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => wss.close(r));
  await new Promise((r) => server.close(r));
});

const flowing = (influx: InfluxQueryClient) =>
  checkEventsFlowing({ criterionId: 'P1-SC6', ingestionHealthUrl: `${base}/health`, influx, bucket: 'home_assistant_events', windowMs: 3_000, clock: new FakeClock() });

describe('checkEventsFlowing', () => {
  it('should pass when the counter and the point count both rise, counting from a fixed start', async () => {
    step = 5;
    const influx = new FakeInflux([40, 45]);
    const r = await flowing(influx);
    expect(r).toMatchObject({ status: 'passed', measurement: 5 });
    expect(r.message).toBe('5 events received and 5 points written to home_assistant_events in 3s (45 points in the last 5 min)');
    expect(influx.queries[0]).toContain('range(start: 2026-11-22T09:55:00.000Z)');
    expect(influx.queries[1]).toBe(influx.queries[0]);
  });

  it('should fail the always-200 trap: healthy and receiving, but nothing written', async () => {
    step = 5;
    const r = await flowing(new FakeInflux([40, 40]));
    expect(r.status).toBe('failed');
    expect(r.message).toBe('websocket-ingestion received 5 events in 3s but InfluxDB bucket home_assistant_events gained 0 points (40 → 40). hint: writes are failing or dropped although /health may say healthy');
  });

  it('should fail when no events arrive', async () => {
    step = 0;
    const r = await flowing(new FakeInflux([40, 40]));
    expect(r.message).toBe(`websocket-ingestion received 0 events in 3s (counter ${received} → ${received}). hint: is it connected and subscribed to Home Assistant?`);
  });

  it('should be an error when InfluxDB cannot be queried', async () => {
    step = 5;
    const r = await flowing(new FakeInflux([new Error('InfluxDB query to http://127.0.0.1:8086/api/v2/query?org=homeiq answered 401: unauthorized access\nhint: the token is wrong')]));
    expect(r).toMatchObject({ status: 'error', message: 'cannot count points in InfluxDB bucket home_assistant_events: InfluxDB query to http://127.0.0.1:8086/api/v2/query?org=homeiq answered 401: unauthorized access' });
  });

  it('should fail when websocket-ingestion does not answer', async () => {
    const r = await checkEventsFlowing({ criterionId: 'P0-S2-AC3c', ingestionHealthUrl: `${base}/nothing`, influx: new FakeInflux([1, 2]), bucket: 'b', windowMs: 1_000, clock: new FakeClock() });
    expect(r.message).toBe(`websocket-ingestion (${base}/nothing) answered HTTP 404 with a body that is not JSON; cannot tell whether events arrive. hint: is websocket-ingestion up?`);
  });
});

describe('checkEndToEndEvent', () => {
  const e2e = (influx: InfluxQueryClient, over: { haToken?: string } = {}) =>
    checkEndToEndEvent({ criterionId: 'P1-S4-AC8', haUrl, haToken: over.haToken ?? 'ha-token-31f0', influx, bucket: 'home_assistant_events', dataApiUrl: base, apiKey: 'data-api-key-77aa', timeoutMs: 5_000, clock: new FakeClock() });

  it('should follow the event into InfluxDB and out of data-api', async () => {
    events = [{ id: 'sim_1763805600000' }];
    const influx = new FakeInflux([0, 1]);
    const r = await e2e(influx);
    expect(r.status).toBe('passed');
    expect(r.message).toBe('event sim_1763805600000 (sensor.bar_estimated_current) went HA → InfluxDB → data-api in 500ms');
    expect(influx.queries[0]).toContain('r._value == "sim_1763805600000"');
  });

  it('should fail when the event never reaches InfluxDB within the bound', async () => {
    const r = await e2e(new FakeInflux([0]));
    expect(r.message).toBe('event sim_1763805600000 (sensor.bar_estimated_current) seen at HA was not in InfluxDB bucket home_assistant_events after 5000ms (last answer: count 0). hint: websocket-ingestion is not writing');
  });

  it('should fail when data-api does not return it', async () => {
    events = [];
    const r = await e2e(new FakeInflux([1]));
    expect(r.message).toBe('event sim_1763805600000 is in InfluxDB but data-api /api/v1/events did not return it after 5000ms (last answer HTTP 200). hint: check data-api\'s InfluxDB settings and its API key');
  });

  it('should be an error when HA rejects the token', async () => {
    const r = await e2e(new FakeInflux([1]), { haToken: 'bad-token-0000' });
    expect(r.status).toBe('error');
    expect(r.message).toBe(`no event observed at Home Assistant: ${haUrl.replace('http', 'ws')}/api/websocket: HA answered auth_invalid (invalid token). hint: check the access token`);
  });
});
