import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealthBody } from './check-health-body.js';

let server: Server;
let base = '';
const bodies: Record<string, [number, string]> = {
  '/degraded': [200, '{"status":"degraded","subscription":{"total_events_received":0}}'],
  '/ok': [200, '{"status":"healthy","dependencies":{"influxdb":{"status":"connected"}}}'],
  '/html': [200, '<html>nginx</html>'],
  '/503': [503, '{"status":"unhealthy"}'],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const [code, body] = bodies[req.url ?? ''] ?? [404, 'no'];
    res.writeHead(code);
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('checkHealthBody', () => {
  it('should fail an always-200 endpoint whose body says degraded', async () => {
    const r = await checkHealthBody({ criterionId: 'P0-S2-AC3a', service: 'websocket-ingestion', url: `${base}/degraded`, rule: { field: 'status', equals: 'healthy' } });
    expect(r.status).toBe('failed');
    expect(r.message).toBe(`websocket-ingestion (${base}/degraded) answered HTTP 200 but status = "degraded"; expected 2xx and status == "healthy". hint: HTTP 200 alone does not mean healthy here`);
  });

  it('should pass a nested field rule', async () => {
    const r = await checkHealthBody({ criterionId: 'P1-S4-V2', service: 'data-api', url: `${base}/ok`, rule: { field: 'dependencies.influxdb.status', equals: 'connected' } });
    expect(r.status).toBe('passed');
    expect(r.measurement).toBe('connected');
  });

  it('should fail clearly on a non-JSON body for a JSON rule', async () => {
    const r = await checkHealthBody({ criterionId: 'X', service: 'svc', url: `${base}/html`, rule: { field: 'status', equals: 'healthy' } });
    expect(r.message).toBe(`svc (${base}/html) answered 200 but the body is not JSON; expected 2xx and status == "healthy"`);
  });

  it('should fail a non-2xx answer and report the status', async () => {
    const r = await checkHealthBody({ criterionId: 'X', service: 'svc', url: `${base}/503`, rule: { any: true } });
    expect(r).toMatchObject({ status: 'failed', measurement: 503, message: `svc (${base}/503) answered HTTP 503; expected 2xx` });
  });
});
