import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FluxClient, parseAnnotatedCsv } from './flux-client.js';

// Two tables as InfluxDB 2 answers them (annotations, CRLF, blank line between tables, a quoted cell).
const CSV = [
  '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,long,string,string,string',
  '#group,false,false,true,true,false,true,true,true',
  '#default,_result,,,,,,,',
  ',result,table,_start,_stop,_value,_field,_measurement,entity_id',
  ',,0,2026-11-22T00:00:00Z,2026-11-22T01:00:00Z,3,context_id,home_assistant_events,sensor.a',
  ',,1,2026-11-22T00:00:00Z,2026-11-22T01:00:00Z,4,context_id,home_assistant_events,"sensor.b,x"',
  '',
  '',
].join('\r\n');

let server: Server;
let base = '';
let lastAuth = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    lastAuth = req.headers.authorization ?? '';
    if (req.headers.authorization !== 'Token good-token-123') {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end('{"code":"unauthorized","message":"unauthorized access"}');
    }
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.end(CSV);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('parseAnnotatedCsv', () => {
  it('should read every table and unquote cells', () => {
    expect(parseAnnotatedCsv(CSV).map((r) => [r.table, r._value, r.entity_id])).toEqual([
      ['0', '3', 'sensor.a'],
      ['1', '4', 'sensor.b,x'],
    ]);
  });
});

describe('FluxClient', () => {
  it('should sum counts over tables', async () => {
    const client = new FluxClient({ url: base, token: 'good-token-123', org: 'homeiq' });
    expect(await client.countPoints('home_assistant_events', 'home_assistant_events', 'context_id', '-5m')).toBe(7);
    expect(lastAuth).toBe('Token good-token-123');
  });

  it('should surface a 401 with the server message and a hint, without the token', async () => {
    const client = new FluxClient({ url: base, token: 'wrong-token-456', org: 'homeiq' });
    const error = await client.query('from(bucket: "x") |> range(start: -1m)').catch((e: Error) => e);
    expect((error as Error).message).toBe(`InfluxDB query to ${base}/api/v2/query?org=homeiq answered 401: unauthorized access\nhint: the token is wrong or lacks read access to the bucket`);
  });
});
