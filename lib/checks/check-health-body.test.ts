import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealthBody } from './check-health-body.js';

let server: Server;
let base = '';
const bodies: Record<string, [number, string, number?]> = {
  '/degraded': [200, '{"status":"degraded","subscription":{"total_events_received":0}}'],
  '/ok': [200, '{"status":"healthy","dependencies":{"influxdb":{"status":"connected"}}}'],
  '/html': [200, '<html>nginx</html>'],
  '/503': [503, '{"status":"unhealthy"}'],
  '/retention': [200, '{"status":"healthy","service_status":{"policy_count":0}}'],
  '/slow': [200, '{"status":"healthy"}', 120],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const [code, body, delayMs] = bodies[req.url ?? ''] ?? [404, 'no'];
    setTimeout(() => {
      res.writeHead(code);
      res.end(body);
    }, delayMs ?? 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('checkHealthBody', () => {
  it('should fail an always-200 endpoint whose body says degraded', async () => {
    const r = await checkHealthBody({ criterionId: 'P0-S2-AC3a', service: 'websocket-ingestion', url: `${base}/degraded`, rule: { field: 'status', equals: 'healthy' } });
    expect(r).toMatchObject({ criterionId: 'P0-S2-AC3a', status: 'failed', measurement: 'degraded', limit: '2xx and status == "healthy"' });
    expect(r.message).toBe(`websocket-ingestion (${base}/degraded) answered HTTP 200 but status = "degraded"; expected 2xx and status == "healthy". hint: HTTP 200 alone does not mean healthy here`);
  });

  it('should pass a nested field rule', async () => {
    const r = await checkHealthBody({ criterionId: 'P1-S4-V2', service: 'data-api', url: `${base}/ok`, rule: { field: 'dependencies.influxdb.status', equals: 'connected' } });
    expect(r.status).toBe('passed');
    expect(r.measurement).toBe('connected');
    expect(r.message).toMatch(new RegExp(`^data-api \\(${base}/ok\\) dependencies\\.influxdb\\.status = "connected" \\(HTTP 200, \\d+\\.\\dms\\)$`));
  });

  it('should fail data-retention with no policies (P1-S4-V5)', async () => {
    const r = await checkHealthBody({ criterionId: 'P1-S4-V5', service: 'data-retention', url: `${base}/retention`, rule: { field: 'service_status.policy_count', greaterThan: 0 } });
    expect(r.message).toBe(`data-retention (${base}/retention) answered HTTP 200 but service_status.policy_count = 0; expected 2xx and service_status.policy_count > 0. hint: HTTP 200 alone does not mean healthy here`);
    expect(r.measurement).toBe(0);
  });

  it('should fail clearly on a non-JSON body for a JSON rule', async () => {
    const r = await checkHealthBody({ criterionId: 'X', service: 'svc', url: `${base}/html`, rule: { json: true } });
    expect(r.message).toBe(`svc (${base}/html) answered HTTP 200 but the body is not JSON; expected 2xx and a JSON body. hint: is something else (nginx, a proxy) answering on that port?`);
  });

  it('should fail a non-2xx answer and report the status', async () => {
    const r = await checkHealthBody({ criterionId: 'X', service: 'svc', url: `${base}/503`, rule: { any: true } });
    expect(r).toMatchObject({ status: 'failed', measurement: 503, message: `svc (${base}/503) answered HTTP 503; expected 2xx` });
  });

  it('should fail a healthy answer slower than its latency budget', async () => {
    const r = await checkHealthBody({ criterionId: 'P1-S4-AC5', service: 'svc', url: `${base}/slow`, rule: { field: 'status', oneOf: ['healthy'] }, latencyBudgetMs: 50 });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(new RegExp(`^svc \\(${base}/slow\\) status = "healthy" but took \\d+\\.\\dms; expected 2xx and status in \\["healthy"\\] within 50ms\\. hint: a slow health answer`));
    expect(r.measurement).toBeGreaterThanOrEqual(100);
  });

  it('should report a dead port as a failure within the bound and mask credentials', async () => {
    const r = await checkHealthBody({ criterionId: 'P1-S3-AC4', service: 'influxdb', url: 'http://admin:s3cret-pw@127.0.0.1:9/health', rule: { field: 'status', equals: 'pass' }, timeoutMs: 1_000 });
    expect(r.status).toBe('failed');
    expect(r.message).toBe('influxdb (http://admin:***@127.0.0.1:9/health) did not answer: connect ECONNREFUSED 127.0.0.1:9; expected 2xx and status == "pass". hint: is the container running and bound to that port?');
  });

  it('should be an error, not a verdict, when the URL is unusable', async () => {
    const r = await checkHealthBody({ criterionId: 'X', service: 'svc', url: 'localhost:8006/health', rule: { any: true } });
    expect(r.status).toBe('error');
    expect(r.message).toBe('svc (localhost:8006/health) cannot be probed: invalid URL: unsupported protocol localhost:. hint: check the URL in the target config');
  });
});
