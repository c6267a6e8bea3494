import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLoadBudget } from './check-load-budget.js';

let server: Server;
let base = '';
let received = 0;

beforeAll(async () => {
  // `/fast` answers at once, `/slow` holds each answer 40 ms with a timer (the event loop stays free).
  server = createServer((req, res) => {
    received++;
    setTimeout(() => res.end('{"status":"healthy"}'), req.url === '/slow' ? 40 : 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('checkLoadBudget', () => {
  it('should pass when every budget holds, with the k6-style lines in the message', async () => {
    const r = await checkLoadBudget({ criterionId: 'P1-SC3', name: 'data-api /health', url: `${base}/fast`, budgets: { http_req_duration: ['p(95)<2000'], http_req_failed: ['rate<0.01'] }, ratePerSec: 50, durationMs: 400, warmupMs: 0 });
    expect(r).toMatchObject({ criterionId: 'P1-SC3', title: 'data-api /health under load', limit: 'p(95)<2000, rate<0.01' });
    expect(r.message).toMatch(/^data-api \/health \(http:\/\/127\.0\.0\.1:\d+\/fast\): ✓ 'p\(95\)<2000' p\(95\)=\d+\.\d\dms {2}✓ 'rate<0\.01' rate=0\.00% over 20 requests at 50\/s open loop/);
  });

  it('should fail when a budget is exceeded, naming the measured value', async () => {
    const r = await checkLoadBudget({ criterionId: 'P1-SC3', name: 'data-api /slow', url: `${base}/slow`, budgets: { http_req_duration: ['p(95)<10'] }, ratePerSec: 50, durationMs: 400, warmupMs: 0 });
    expect(r.status).toBe('failed');
    expect(r.measurement).toBeGreaterThan(10);
    expect(r.message).toMatch(/✗ 'p\(95\)<10' p\(95\)=\d+\.\d\dms over \d+ requests/);
    expect(r.message).not.toContain('aborted');
  });

  it('should stop the load early when an abortOnFail budget fails, and say so', async () => {
    const before = received;
    const r = await checkLoadBudget({
      criterionId: 'P1-SC3',
      name: 'data-api /slow',
      url: `${base}/slow`,
      budgets: { http_req_duration: [{ threshold: 'p(95)<10', abortOnFail: true, delayAbortEval: '200ms' }] },
      ratePerSec: 50,
      durationMs: 30_000,
      warmupMs: 0,
    });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/; run aborted after \d+ms by abortOnFail: http_req_duration: ✗ 'p\(95\)<10' p\(95\)=\d+\.\d\dms/);
    // 30 s at 50/s would be 1500 requests (capped at 2000); the abort comes after the first evaluation past 200 ms.
    expect(received - before).toBeLessThan(500);
  });
});
