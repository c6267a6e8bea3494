import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, PhasegateError, TimeoutError } from '../common/errors.js';
import { countPoints, fluxRange, lastPoint } from './flux-queries.js';
import { HttpInfluxQueryClient } from './influx-query-client.js';

const TOKEN = 'influx-token-9c2e71';
// count() per series, as InfluxDB answers it with the official client's dialect.
const COUNT_CSV = [
  '#group,false,false,true,true,true,true,true',
  '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,long,string,string',
  '#default,_result,,,,,,',
  ',result,table,_start,_stop,_value,_field,_measurement',
  ',,0,2026-11-22T10:00:00Z,2026-11-22T10:05:00Z,3,context_id,home_assistant_events',
  ',,1,2026-11-22T10:00:00Z,2026-11-22T10:05:00Z,4,context_id,home_assistant_events',
  '',
  '',
].join('\r\n');
// last() per series: the newest is in the second table.
const LAST_CSV = [
  '#group,false,false,true,true,false,false,true,true,true',
  '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,string,string,string,string',
  '#default,_result,,,,,,,,',
  ',result,table,_start,_stop,_time,_value,_field,_measurement,entity_id',
  ',,0,2026-11-22T10:00:00Z,2026-11-22T10:05:00Z,2026-11-22T10:01:00Z,ctx-a,context_id,home_assistant_events,sensor.a',
  ',,1,2026-11-22T10:00:00Z,2026-11-22T10:05:00Z,2026-11-22T10:04:59.5Z,ctx-b,context_id,home_assistant_events,sensor.b',
  '',
  '',
].join('\r\n');

let server: Server;
let base = '';
const sockets = new Set<Socket>();
let answer: (req: IncomingMessage, body: string) => [number, string] | 'hang' | 'huge';
let seen: { method?: string; url?: string; auth?: string; body?: { query: string; type: string; dialect?: unknown } } = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen = { method: req.method, url: req.url, auth: req.headers.authorization, body: JSON.parse(body) as typeof seen.body };
      if (req.headers.authorization !== `Token ${TOKEN}`) {
        res.writeHead(401, { 'content-type': 'application/json' });
        return res.end('{"code":"unauthorized","message":"unauthorized access"}');
      }
      const a = answer(req, body);
      if (a === 'hang') return;
      if (a === 'huge') {
        res.writeHead(200, { 'content-type': 'text/csv' });
        return res.end('x'.repeat(4096));
      }
      res.writeHead(a[0], { 'content-type': a[0] === 200 ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8' });
      res.end(a[1]);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  answer = () => [200, COUNT_CSV];
});

const client = (over: Partial<ConstructorParameters<typeof HttpInfluxQueryClient>[0]> = {}) => new HttpInfluxQueryClient({ url: base, token: TOKEN, org: 'homeiq', ...over });

describe('HttpInfluxQueryClient', () => {
  it('should POST Flux with the token and the annotation dialect and return typed rows', async () => {
    const rows = await client().query('from(bucket: "b") |> range(start: -5m) |> count()');
    expect(seen).toEqual({
      method: 'POST',
      url: '/api/v2/query?org=homeiq',
      auth: `Token ${TOKEN}`,
      body: { query: 'from(bucket: "b") |> range(start: -5m) |> count()', type: 'flux', dialect: { header: true, annotations: ['datatype', 'group', 'default'] } },
    });
    expect(rows.map((r) => r._value)).toEqual([3, 4]);
  });

  it('should surface a 401 with the server message and a hint, token masked', async () => {
    const error = await client({ token: 'wrong-token-44d1' }).query('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhasegateError);
    expect((error as Error).message).toBe(`InfluxDB query to ${base}/api/v2/query?org=homeiq answered 401: unauthorized access\nhint: the token is wrong or lacks read access to the bucket`);
  });

  it('should surface 400 and 404 with the server message', async () => {
    answer = () => [400, '{"code":"invalid","message":"error @1:48: function pivot() is not supported"}'];
    await expect(client().query('x')).rejects.toThrow(`InfluxDB query to ${base}/api/v2/query?org=homeiq answered 400: error @1:48: function pivot() is not supported\nhint: the Flux is invalid for this server (see the message for the position)`);
    answer = () => [404, '{"code":"not found","message":"failed to initialize execute state: could not find bucket \\"nope\\""}'];
    await expect(client().query('x')).rejects.toThrow('answered 404: failed to initialize execute state: could not find bucket "nope"\nhint: the org or bucket does not exist');
  });

  it('should bound a query that never answers', async () => {
    answer = () => 'hang';
    const started = performance.now();
    const error = await client({ timeoutMs: 300 }).query('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe(`InfluxDB query to ${base}/api/v2/query?org=homeiq did not complete within 300ms\nhint: is InfluxDB overloaded or the port black-holed?`);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('should refuse an answer above the size cap', async () => {
    answer = () => 'huge';
    await expect(client({ maxResponseBytes: 1024 }).query('x')).rejects.toThrow('InfluxDB answered more than 1024 bytes\nhint: narrow the range or aggregate in Flux');
  });

  it('should report a refused connection', async () => {
    // fetch refuses "bad ports" such as 9 itself, so use a port that was just freed.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(new HttpInfluxQueryClient({ url: `http://127.0.0.1:${port}`, token: TOKEN, org: 'homeiq' }).query('x')).rejects.toThrow(
      `InfluxDB query to http://127.0.0.1:${port}/api/v2/query?org=homeiq failed: connect ECONNREFUSED 127.0.0.1:${port}\nhint: is InfluxDB up on that port?`,
    );
  });
});

describe('countPoints / lastPoint', () => {
  it('should count per series and sum, over a relative range', async () => {
    expect(await countPoints(client(), { bucket: 'home_assistant_events', measurement: 'home_assistant_events', field: 'context_id', range: '-5m' })).toBe(7);
    expect(seen.body?.query).toBe(
      'from(bucket: "home_assistant_events") |> range(start: -5m) |> filter(fn: (r) => r._measurement == "home_assistant_events" and r._field == "context_id") |> count()',
    );
  });

  it('should write absolute bounds as RFC3339', async () => {
    await countPoints(client(), { bucket: 'b', measurement: 'm', range: { start: '2026-11-22T10:00:00Z', stop: new Date('2026-11-22T10:05:00Z') } });
    expect(seen.body?.query).toBe('from(bucket: "b") |> range(start: 2026-11-22T10:00:00.000Z, stop: 2026-11-22T10:05:00.000Z) |> filter(fn: (r) => r._measurement == "m") |> count()');
  });

  it('should pick the newest point across tables', async () => {
    answer = () => [200, LAST_CSV];
    expect(await lastPoint(client(), { bucket: 'b', measurement: 'home_assistant_events', field: 'context_id', range: '-1h' })).toEqual({
      time: '2026-11-22T10:04:59.5Z',
      value: 'ctx-b',
      field: 'context_id',
      tags: { entity_id: 'sensor.b' },
    });
    answer = () => [200, '\r\n'];
    expect(await lastPoint(client(), { bucket: 'b', measurement: 'm', range: '-1h' })).toBeUndefined();
  });

  it('should reject a malformed range before sending anything', () => {
    expect(() => fluxRange('5m')).toThrow(new ConfigError('Flux range must be a negative duration like "-5m" or "-1h" (received "5m")'));
    expect(() => fluxRange({ start: 'yesterday' })).toThrow('Flux range start must be a date or RFC3339 time (received "yesterday")');
    expect(fluxRange('-1h30m')).toBe('range(start: -1h30m)');
  });
});
