import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, UnsafeTargetError } from '../common/errors.js';
import { evaluateBudgets, formatBudgetResult } from '../budgets/evaluate-budgets.js';
import { resolveBudgets } from '../budgets/budget-schema.js';
import { LatencyHistogram } from '../stats/latency-histogram.js';
import { assertLoopbackTarget, isLoopbackHost } from './assert-loopback-target.js';
import { AutocannonRunner } from './load-runner.js';
import { toBudgetMetrics } from './load-summary.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A loopback server; `handler` answers each request. Counts requests received. */
async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void = (_q, res) => res.end('{"ok":true}')): Promise<{ url: string; received: () => number; server: Server }> {
  let received = 0;
  const server = createServer((req, res) => {
    received++;
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/health`, received: () => received, server };
}

/**
 * Blocks this process's event loop for `stallMs` at `firstAtMs` and then every `periodMs` (measured from
 * the start, so the schedule does not drift), like a GC pause or a synchronous call.
 */
function startStalls(stallMs: number, periodMs: number, firstAtMs: number): () => void {
  const start = performance.now();
  let k = 0;
  let timer: ReturnType<typeof setTimeout>;
  const schedule = () => {
    timer = setTimeout(() => {
      const until = performance.now() + stallMs;
      while (performance.now() < until) {
        // busy-wait on purpose
      }
      k++;
      schedule();
    }, Math.max(0, start + firstAtMs + k * periodMs - performance.now()));
  };
  schedule();
  return () => clearTimeout(timer);
}

describe('assertLoopbackTarget', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.12.0.5', true],
    ['localhost', true],
    ['[::1]', true],
    ['10.0.0.5', false],
    ['172.18.0.2', false],
    ['128.0.0.1', false],
    ['example.com', false],
    ['127.0.0.1.nip.io', false],
    ['[::ffff:a00:5]', false],
  ])('should classify %s as loopback=%s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it('should refuse a bridge IP with the URL and the rule, masking credentials', () => {
    expect(() => assertLoopbackTarget('http://admin:s3cret-pass@172.18.0.2:8086/health')).toThrowError(
      new UnsafeTargetError('refusing to send load to http://admin:***@172.18.0.2:8086/health: host "172.18.0.2" is not loopback; load targets must be loopback: 127.0.0.0/8, localhost or ::1', {
        hint: 'publish the service on 127.0.0.1 (ports: "127.0.0.1:8001:8001") and target http://127.0.0.1:<port>',
      }),
    );
  });
});

describe('AutocannonRunner', () => {
  it('should refuse a plan with any non-loopback target before sending anything', async () => {
    const target = await startServer();
    const run = new AutocannonRunner().run({
      mode: 'open',
      ratePerSec: 100,
      durationMs: 200,
      endpoints: [
        { name: 'local', url: target.url },
        { name: 'remote', url: 'http://10.0.0.5:8080/x' },
      ],
    });
    await expect(run).rejects.toBeInstanceOf(UnsafeTargetError);
    await expect(run).rejects.toThrowError('refusing to send load to http://10.0.0.5:8080/x: host "10.0.0.5" is not loopback; load targets must be loopback: 127.0.0.0/8, localhost or ::1');
    expect(target.received()).toBe(0);
  });

  it('should reject an open-loop plan without a rate', async () => {
    await expect(new AutocannonRunner().run({ mode: 'open', durationMs: 100, endpoints: [{ name: 'x', url: 'http://127.0.0.1:1/' }] })).rejects.toThrowError(
      new ConfigError('invalid load plan: ratePerSec: open-loop mode needs ratePerSec (intended requests per second)', { path: 'ratePerSec' }),
    );
  });

  it('should send at the intended rate in open loop, excluding the warm-up', async () => {
    const target = await startServer();
    const summary = await new AutocannonRunner().run({ mode: 'open', ratePerSec: 200, warmupMs: 200, durationMs: 500, endpoints: [{ name: 'health', url: target.url }] });
    const e = summary.endpoints[0]!;
    expect(summary.passed).toBe(true);
    expect(e.requests.sent).toBe(140);
    expect(e.requests.measured).toBe(100);
    expect(e.statusCodes).toEqual({ 200: 100 });
    expect(e.errorRate).toBe(0);
    expect(e.intendedRate).toBe(200);
    expect(e.achievedRate).toBeGreaterThan(190);
    expect(e.route).toBe('GET /api/health');
    expect(LatencyHistogram.decode(e.histogram).count).toBe(100);
    expect(e.latency.p95Ms).toBeGreaterThan(0);
    expect(e.latency.p95Ms).toBeLessThan(100);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('should measure fractional-millisecond latencies in closed loop through autocannon', async () => {
    const target = await startServer();
    // A 300 ms warm-up: on the loaded 2-core box autocannon's first responses took over 100 ms (sent == responses, 996).
    const summary = await new AutocannonRunner().run({ mode: 'closed', connections: 4, warmupMs: 300, durationMs: 400, endpoints: [{ name: 'health', url: target.url }] });
    const e = summary.endpoints[0]!;
    expect(e.mode).toBe('closed');
    expect(e.requests.responses).toBeGreaterThan(50);
    // Responses completed in the warm-up count as sent, never as measured.
    expect(e.requests.sent).toBeGreaterThan(e.requests.responses);
    expect(e.errorRate).toBe(0);
    expect(e.latency.p50Ms).toBeLessThan(50);
    // Whole-ms values would all be integers; real ones are not.
    expect(Number.isInteger(e.latency.p50Ms)).toBe(false);
    expect(summary.passed).toBe(true);
  });

  it('should stop at maxRequests before the duration ends', async () => {
    const target = await startServer();
    const open = await new AutocannonRunner().run({ mode: 'open', ratePerSec: 1000, durationMs: 2000, maxRequests: 50, endpoints: [{ name: 'h', url: target.url }] });
    expect(open.endpoints[0]!.requests.sent).toBe(50);
    expect(open.durationMs).toBeLessThan(1000);
    const closed = await new AutocannonRunner().run({ mode: 'closed', connections: 2, durationMs: 2000, maxRequests: 30, endpoints: [{ name: 'h', url: target.url }] });
    expect(closed.durationMs).toBeLessThan(1500);
    expect(closed.endpoints[0]!.requests.sent).toBeLessThanOrEqual(40);
  });

  it('should fail the run when the achieved rate is below 95% of the intended rate', async () => {
    // Two sockets and 50 ms per response: at most 40 req/s, against 200 intended.
    const target = await startServer((_q, res) => setTimeout(() => res.end('slow'), 50));
    const summary = await new AutocannonRunner().run({ mode: 'open', ratePerSec: 200, connections: 2, durationMs: 500, timeoutMs: 700, endpoints: [{ name: 'slow', url: target.url }] });
    const e = summary.endpoints[0]!;
    expect(summary.passed).toBe(false);
    expect(e.achievedRate).toBeLessThan(60);
    expect(e.failures).toHaveLength(1);
    expect(e.failures[0]).toMatch(
      new RegExp(`^slow \\(http://127\\.0\\.0\\.1:\\d+/api/health\\): achieved \\d+\\.\\d req/s, below 95% of the intended 200 req/s; the server \\(or this machine\\) could not sustain the rate, so the latencies describe an overloaded system$`),
    );
    expect(e.errors.timeout).toBeGreaterThan(0);
    // Queued requests wait for a socket; that wait is part of their latency.
    expect(e.latency.maxMs).toBeGreaterThan(300);
  });

  it('should end a request whose response drips forever at its timeout, not at the end of the run', async () => {
    // Headers, then one byte every 50 ms: the socket never goes idle, so only a bound on the whole exchange ends it.
    const target = await startServer((_q, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const started = performance.now();
    const summary = await new AutocannonRunner().run({ mode: 'open', ratePerSec: 1, durationMs: 1_000, timeoutMs: 300, endpoints: [{ name: 'drip', url: target.url }] });
    expect(summary.endpoints[0]!.errors).toEqual({ timeout: 1 });
    // The run's hard bound would be 1000 + 300 ms; the request's own bound ends it after about 300 ms.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('should count connection errors by kind', async () => {
    const target = await startServer();
    await new Promise((r) => target.server.close(r));
    servers.length = 0;
    const summary = await new AutocannonRunner().run({ mode: 'open', ratePerSec: 100, durationMs: 200, endpoints: [{ name: 'gone', url: target.url }] });
    const e = summary.endpoints[0]!;
    expect(e.errors).toEqual({ ECONNREFUSED: 20 });
    expect(e.errorRate).toBe(1);
    expect(e.failures[0]).toMatch(/^gone \(http:\/\/127\.0\.0\.1:\d+\/api\/health\): no response in the measured \d+ms window; errors: \{"ECONNREFUSED":20\}\. hint: is the service up and answering on that port\? a request still open when the window ends counts as a timeout$/);
  });

  it('should expose k6-named metrics that budgets evaluate', async () => {
    const target = await startServer((req, res) => {
      res.statusCode = req.url === '/api/health' ? 200 : 500;
      res.end();
    });
    const summary = await new AutocannonRunner().run({
      mode: 'open',
      ratePerSec: 100,
      durationMs: 300,
      endpoints: [{ name: 'health', url: target.url }, { name: 'broken', url: target.url.replace('/api/health', '/api/broken') }],
    });
    const results = evaluateBudgets(toBudgetMetrics(summary), resolveBudgets({
      'http_req_duration{route:GET /api/health}': ['p(95)<500'],
      'http_req_failed{endpoint:broken}': ['rate<0.01'],
      http_req_failed: ['rate<=0.5'],
      http_reqs: ['count==60'],
    }));
    expect(results.map((r) => [r.metric, r.passed])).toEqual([
      ['http_req_duration{route:GET /api/health}', true],
      ['http_req_failed{endpoint:broken}', false],
      ['http_req_failed', true],
      ['http_reqs', true],
    ]);
    expect(formatBudgetResult(results[1]!)).toBe("✗ 'rate<0.01' rate=100.00%");
  });
});

describe('abortOnFail (k6 semantics)', () => {
  /** A server that holds every response `holdMs` with a timer (no blocking), on its own loopback port. */
  const slowServer = (holdMs: number) => startServer((_q, res) => setTimeout(() => res.end('{"ok":true}'), holdMs));
  const twoEndpoints = (url: string) => [{ name: 'slow', url }, { name: 'next', url: url.replace('/api/health', '/api/next') }];

  it('should stop an open-loop run early when an abortOnFail budget fails, and skip the endpoints after it', async () => {
    const target = await slowServer(40);
    const budgets = resolveBudgets({ 'http_req_duration{endpoint:slow}': [{ threshold: 'p(95)<10', abortOnFail: true }] });
    // Planned: 100/s for 5 s per endpoint = 1000 requests over both endpoints.
    const summary = await new AutocannonRunner().run({ mode: 'open', ratePerSec: 100, durationMs: 5_000, endpoints: twoEndpoints(target.url) }, { budgets, abortEvalIntervalMs: 100 });
    expect(summary.passed).toBe(false);
    expect(summary.aborted).toMatchObject({ endpoint: 'slow' });
    expect(summary.aborted!.budgets).toHaveLength(1);
    expect(summary.aborted!.budgets[0]).toMatch(/^http_req_duration\{endpoint:slow\}: ✗ 'p\(95\)<10' p\(95\)=\d+\.\d\dms$/);
    expect(summary.endpoints.map((e) => e.name)).toEqual(['slow']);
    expect(summary.endpoints[0]!.requests.responses).toBeGreaterThan(0);
    expect(summary.endpoints[0]!.requests.sent).toBeLessThan(250);
    expect(target.received()).toBeLessThan(250);
  });

  it('should not evaluate an abortOnFail budget before its delayAbortEval', async () => {
    const target = await slowServer(40);
    const budgets = resolveBudgets({ latency: [{ threshold: 'p(95)<10', abortOnFail: true, delayAbortEval: '600ms' }] });
    const summary = await new AutocannonRunner().run({ mode: 'open', ratePerSec: 100, durationMs: 5_000, endpoints: [{ name: 'slow', url: target.url }] }, { budgets, abortEvalIntervalMs: 100 });
    expect(summary.aborted).toBeDefined();
    expect(summary.aborted!.afterMs).toBeGreaterThanOrEqual(600);
    // Requests are due every 10 ms: by 600 ms about 60 were sent.
    expect(summary.endpoints[0]!.requests.sent).toBeGreaterThanOrEqual(50);
    expect(summary.endpoints[0]!.requests.sent).toBeLessThan(500);
  });

  it('should run to the end when only budgets without abortOnFail fail', async () => {
    const target = await slowServer(40);
    const budgets = resolveBudgets({ latency: ['p(95)<10', { threshold: 'p(95)<5000', abortOnFail: true }] });
    const summary = await new AutocannonRunner().run({ mode: 'open', ratePerSec: 100, durationMs: 600, endpoints: twoEndpoints(target.url) }, { budgets, abortEvalIntervalMs: 100 });
    expect(summary.aborted).toBeUndefined();
    expect(summary.endpoints.map((e) => e.requests.sent)).toEqual([60, 60]);
  });

  it('should stop a closed-loop (autocannon) run early too', async () => {
    const target = await slowServer(40);
    const budgets = resolveBudgets({ http_req_duration: [{ threshold: 'p(95)<10', abortOnFail: true }] });
    // Two connections, 40 ms per response: ~50 req/s, ~250 requests in the planned 5 s.
    const summary = await new AutocannonRunner().run({ mode: 'closed', connections: 2, durationMs: 5_000, endpoints: [{ name: 'slow', url: target.url }] }, { budgets, abortEvalIntervalMs: 100 });
    expect(summary.aborted?.budgets[0]).toMatch(/^http_req_duration: ✗ 'p\(95\)<10' p\(95\)=/);
    expect(summary.passed).toBe(false);
    expect(summary.endpoints[0]!.requests.sent).toBeLessThan(125);
  });
});

describe('coordinated omission', () => {
  it('should see a 100 ms-per-second stall in open loop that closed loop hides', async () => {
    const target = await startServer();
    // Stalls at 300 ms and every 1000 ms after the start of each run: one in the closed run (1 s),
    // two in the open run (1.5 s).
    let stop = startStalls(100, 1000, 300);
    const closed = await new AutocannonRunner().run({ mode: 'closed', connections: 10, durationMs: 1000, endpoints: [{ name: 'h', url: target.url }] }).finally(stop);
    stop = startStalls(100, 1000, 300);
    const open = await new AutocannonRunner().run({ mode: 'open', ratePerSec: 500, connections: 64, durationMs: 1500, endpoints: [{ name: 'h', url: target.url }] }).finally(stop);
    const c = closed.endpoints[0]!.latency;
    const o = open.endpoints[0]!.latency;
    const seen = `open p95=${o.p95Ms}ms p99=${o.p99Ms}ms, closed p95=${c.p95Ms}ms p99=${c.p99Ms}ms`;
    // Analytic truth at a fixed rate with 200 ms of stall in 1.5 s: 13% of arrivals wait U(0, 100 ms),
    // so p95 ≈ 62 ms and p99 ≈ 92 ms.
    expect(o.p99Ms, seen).toBeGreaterThan(60);
    expect(o.p95Ms, seen).toBeGreaterThan(25);
    expect(o.p99Ms, seen).toBeGreaterThan(4 * c.p99Ms);
  });
});
