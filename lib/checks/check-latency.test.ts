import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLatencyBudget } from './check-latency.js';

let server: Server;
let base = '';
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits += 1;
    const delay = req.url === '/slow' ? 60 : 0;
    setTimeout(() => {
      res.writeHead(req.url === '/500' ? 500 : 200);
      res.end('{"status":"healthy"}');
    }, delay);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('checkLatencyBudget', () => {
  it('should pass a fast endpoint and state the sample size', async () => {
    hits = 0;
    const r = await checkLatencyBudget({ criterionId: 'P1-S11-AC3', name: 'data-api /health', url: `${base}/fast`, limitMs: 500, samples: 5 });
    expect(hits).toBe(5);
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(new RegExp(`^data-api /health \\(${base}/fast\\): p\\(95\\)=\\d+\\.\\dms max=\\d+\\.\\dms over 5 sequential requests; limit p\\(95\\) < 500ms$`));
    expect(r.evidence).toContainEqual({ label: 'sample size', value: 5, unit: 'requests' });
  });

  it('should fail when p(95) is above the budget', async () => {
    const r = await checkLatencyBudget({ criterionId: 'P1-SC3', name: 'slow', url: `${base}/slow`, limitMs: 20, samples: 3 });
    expect(r.status).toBe('failed');
    expect(r.measurement).toBeGreaterThanOrEqual(55);
    expect(r.message).toMatch(/^slow \(http:\/\/127\.0\.0\.1:\d+\/slow\): p\(95\)=\d+\.\dms max=\d+\.\dms over 3 sequential requests; limit p\(95\) < 20ms\. hint: compare with the baseline; a slow dependency \(InfluxDB, SQLite\) is the usual cause$/);
  });

  it('should fail fast answers that are errors', async () => {
    const r = await checkLatencyBudget({ criterionId: 'P1-SC4', name: 'ui', url: `${base}/500`, limitMs: 3_000, maxLimitMs: 5_000, samples: 2 });
    expect(r.status).toBe('failed');
    expect(r.limit).toBe('p(95) < 3000 ms, max < 5000 ms');
    expect(r.message).toMatch(/over 2 sequential requests; limit p\(95\) < 3000ms, max < 5000ms; 2 request\(s\) failed: HTTP 500\. hint: the endpoint errors; see the first failure$/);
  });
});
