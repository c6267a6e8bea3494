import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpProbe } from '../probes/http-probe.js';
import { checkHealthSweep } from './check-health-sweep.js';

let server: Server;
let base = '';
let inFlight = 0;
let peak = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    const delay = req.url === '/slow' ? 80 : 5;
    setTimeout(() => {
      inFlight -= 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url === '/degraded' ? '{"status":"degraded"}' : '{"status":"healthy"}');
    }, delay);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const healthy = { field: 'status', equals: 'healthy' } as const;

describe('checkHealthSweep', () => {
  it('should judge every body, in endpoint order, with at most `concurrency` requests in flight', async () => {
    peak = 0;
    const endpoints = Array.from({ length: 6 }, (_, i) => ({ service: `svc-${i}`, url: `${base}/${i === 4 ? 'degraded' : 'ok'}`, rule: healthy }));
    const seen: number[] = [];
    const out = await checkHealthSweep(endpoints, { criterionId: 'P1-SC1', concurrency: 2, onProgress: (p) => seen.push(p.done) });
    expect(out.results.map((r) => r.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'failed', 'passed']);
    expect(out.results[4]!.message).toBe(`svc-4 (${base}/degraded) answered HTTP 200 but status = "degraded"; expected 2xx and status == "healthy". hint: HTTP 200 alone does not mean healthy here`);
    expect(peak).toBeLessThanOrEqual(2);
    expect(out.peakInFlight).toBe(2);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('should fail an endpoint at the hard bound when its probe does not end, naming both bounds', async () => {
    const stuck = { get: () => new Promise<never>(() => {}) } as unknown as HttpProbe;
    const out = await checkHealthSweep([{ service: 'data-api', url: 'http://user:s3cretpw@127.0.0.1:1/health', rule: healthy }], { criterionId: 'P1-SC1', probe: stuck, timeoutMs: 20, hardTimeoutMs: 60 });
    expect(out.results[0]).toMatchObject({ status: 'failed', measurement: 60, limit: '2xx and status == "healthy"' });
    expect(out.results[0]!.message).toBe('data-api (http://user:***@127.0.0.1:1/health) gave no verdict within the sweep\'s hard bound of 60ms (its own request bound: 20ms); expected 2xx and status == "healthy". hint: the probe itself hung; is a proxy or the Docker port forwarder holding the connection?');
  });
});
