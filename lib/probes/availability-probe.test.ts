import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { availabilityGaps, checkZeroDowntime } from '../checks/check-availability.js';
import { AvailabilityProbe } from './availability-probe.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(status: () => number): Promise<string> {
  server = createServer((_req, res) => res.writeHead(status()).end('{}'));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AvailabilityProbe', () => {
  it('should record a gap while the service answers 503 and the recreate window from rebuild events', async () => {
    let status = 200;
    const url = await serve(() => status);
    const probe = new AvailabilityProbe({ targets: [{ service: 'data-api', url }], intervalMs: 20, timeoutMs: 500 }).start();
    await pause(100);
    probe.onRebuildEvent({ kind: 'step-start', service: 'data-api', step: 'recreate' });
    status = 503;
    await pause(100);
    status = 200;
    probe.onRebuildEvent({ kind: 'step-end', service: 'data-api', step: 'recreate', ok: true, durationMs: 100 });
    await pause(100);
    const record = await probe.stop();
    const gaps = availabilityGaps(record);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ service: 'data-api', detail: 'HTTP 503', recovered: true });
    expect(record.changes).toMatchObject([{ service: 'data-api', step: 'recreate' }]);
    expect(record.changes[0]!.endMs).toBeGreaterThan(record.changes[0]!.startMs);
  });

  it('should keep a recreate window open until the service was seen ready, so a start-up gap belongs to its recreate', async () => {
    let status = 200;
    const url = await serve(() => status);
    const probe = new AvailabilityProbe({ targets: [{ service: 'data-api', url }], intervalMs: 20, timeoutMs: 500 }).start();
    await pause(60);
    probe.onRebuildEvent({ kind: 'step-start', service: 'data-api', step: 'recreate' });
    status = 503;
    probe.onRebuildEvent({ kind: 'step-end', service: 'data-api', step: 'recreate', ok: true, durationMs: 10 });
    probe.onRebuildEvent({ kind: 'step-start', service: 'data-api', step: 'ready' });
    await pause(100); // the container runs, the process does not answer yet
    status = 200;
    await pause(40);
    probe.onRebuildEvent({ kind: 'step-end', service: 'data-api', step: 'ready', ok: true, durationMs: 140 });
    await pause(60);
    const record = await probe.stop();
    const gap = availabilityGaps(record)[0]!;
    const window = record.changes[0]!;
    expect(window.endMs! - window.startMs).toBeGreaterThanOrEqual(130);
    expect(gap.toMs).toBeLessThanOrEqual(window.endMs! + record.intervalMs);
    expect(checkZeroDowntime(record, { criterionId: 'DEP-0', mode: 'recreate-gap' }).status).toBe('passed');
  });

  it('should open a window for each service of a wave recreated in one step ("a, b")', async () => {
    const url = await serve(() => 200);
    const probe = new AvailabilityProbe({ targets: [{ service: 'health-dashboard', url }, { service: 'ai-automation-ui', url }], intervalMs: 20, timeoutMs: 500 }).start();
    probe.onRebuildEvent({ kind: 'step-start', service: 'ai-automation-ui, health-dashboard', step: 'recreate' });
    probe.onRebuildEvent({ kind: 'step-end', service: 'ai-automation-ui, health-dashboard', step: 'recreate', ok: true, durationMs: 5 });
    probe.onRebuildEvent({ kind: 'step-end', service: 'health-dashboard', step: 'ready', ok: true, durationMs: 5 });
    const record = await probe.stop();
    expect(record.changes.map((w) => [w.service, w.step, w.endMs !== undefined])).toEqual([['ai-automation-ui', 'recreate', true], ['health-dashboard', 'recreate', true]]);
  });

  it("should mark a failed probe with how long the prober's own event loop was blocked while it was in flight", async () => {
    server = createServer(() => {}); // never answers: every probe times out
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
    const probe = new AvailabilityProbe({ targets: [{ service: 'data-api', url }], intervalMs: 20, timeoutMs: 150, lagTickMs: 20 }).start();
    await pause(400); // a few timeouts on a free event loop
    const until = performance.now() + 600;
    while (performance.now() < until); // then the loop is blocked for 600 ms with a request in flight
    await pause(300);
    const samples = (await probe.stop()).services[0]!.samples;
    expect(samples.every((s) => !s.ok && s.proberLagMs !== undefined)).toBe(true);
    expect(Math.min(...samples.map((s) => s.proberLagMs!))).toBeLessThan(100);
    expect(Math.max(...samples.map((s) => s.proberLagMs!))).toBeGreaterThanOrEqual(500);
  });

  it('should count a refused connection as unavailable and stop promptly', async () => {
    const url = await serve(() => 200);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const probe = new AvailabilityProbe({ targets: [{ service: 'jaeger', url }], intervalMs: 20, timeoutMs: 200 }).start();
    await pause(60);
    const t0 = performance.now();
    const record = await probe.stop();
    expect(performance.now() - t0).toBeLessThan(500);
    expect(record.services[0]!.samples.length).toBeGreaterThan(0);
    expect(record.services[0]!.samples.every((s) => !s.ok && /ECONNREFUSED/.test(s.detail ?? ''))).toBe(true);
  });
});
