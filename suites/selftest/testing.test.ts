// Self-test of the testing & validation gate (suites/testing): each new criterion check is proven able to FAIL on
// the reference stack. One fault per scenario through the twins' knobs, cleared after each test.
import { totalmem } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAuth, checkEndToEndEvent, checkMemoryPercent } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { FluxClient } from '../../lib/influx/index.js';
import { FaultClient } from '../../lib/stack/index.js';
import { expectFails, securityPolicy, target } from '../_setup/gate.js';
import { checkTargetPorts } from '../_setup/project-inspection.js';

const t = target();
const faults = (service: string) => new FaultClient(service, t.urls[service]!);
const inspector = new DockerodeContainerInspector();
const flux = new FluxClient({ url: t.influx.url, token: t.influx.token, org: t.influx.org });
const touched = new Set<string>();
async function inject(service: string, knobs: Record<string, unknown>): Promise<void> {
  touched.add(service);
  await faults(service).set(knobs);
}
const MIB = 1024 * 1024;

describe('self-test: the testing & validation checks fail on their faults', () => {
  afterEach(async () => {
    for (const service of touched) await faults(service).clear();
    touched.clear();
  });

  it('TV-S3 fails when data-api answers /api/devices without a key and with an invalid X-API-Key', async (ctx) => {
    await inject('data-api', { authBypass: true });
    const attempts = [{ label: 'no key' }, { label: 'X-API-Key: invalid', headers: { 'X-API-Key': 'invalid' } }];
    const r = await checkAuth({ criterionId: 'TV-S3', service: 'data-api', url: `${t.urls['data-api']}/api/devices`, expect: 'rejected', attempts });
    expectFails(ctx, r, /no key → HTTP 200, X-API-Key: invalid → HTTP 200; expected HTTP 401 or 403/);
  });

  it('TV-S3 does not count the 404 of the plan\'s /api/v1/devices as a rejection (D3.2)', async (ctx) => {
    const r = await checkAuth({ criterionId: 'TV-S3', service: 'data-api', url: `${t.urls['data-api']}/api/v1/devices`, expect: 'rejected', attempts: [{ label: 'no key' }] });
    expectFails(ctx, r, /no key → HTTP 40[14]/);
    expect(r.message).not.toMatch(/HTTP 401;/);
  });

  it('TV-I1 fails when websocket-ingestion stops writing: the HA event never reaches InfluxDB', async (ctx) => {
    await inject('websocket-ingestion', { stopWriting: true });
    const r = await checkEndToEndEvent({ criterionId: 'TV-I1', haUrl: t.ha.url, haToken: t.ha.token, flux, bucket: t.influx.bucket, dataApiUrl: t.urls['data-api']!, apiKey: t.apiKey, timeoutMs: 8_000 });
    expectFails(ctx, r, /InfluxDB/);
  });

  it('TV-A1 fails when weather-api fills its 128 MiB mem_limit past 90%', async (ctx) => {
    const [container] = (await inspector.listProject(t.projectName)).filter((s) => s.service === 'weather-api');
    const before = await inspector.stats(container!.id);
    // Grow to ~94% of the limit from what the process holds now, below the OOM kill at 100%.
    const capMiB = Math.max(8, Math.floor((before.memoryLimitBytes * 0.94 - before.memoryUsageBytes) / MIB));
    await inject('weather-api', { memoryGrowthMiBPerS: 40, memoryCapMiB: capMiB });
    let reading = before;
    for (let i = 0; i < 20 && reading.memoryUsageBytes / reading.memoryLimitBytes < 0.9; i++) {
      await new Promise((r) => setTimeout(r, 500));
      reading = await inspector.stats(container!.id);
    }
    const r = checkMemoryPercent([{ service: 'weather-api', usageBytes: reading.memoryUsageBytes, limitBytes: reading.memoryLimitBytes }], { criterionId: 'TV-A1', maxPercent: 90, hostMemoryBytes: totalmem() });
    expectFails(ctx, r, /weather-api \d+ MiB of 128 MiB \(9\d\.\d%\)/);
  });

  it('TV-S4 (and RB-CL-SEC4, the same check) fails when data-api opens a port the compose file does not name', async (ctx) => {
    // 28431: outside HomeIQ's ports and the ephemeral range; bound on 127.0.0.1 only (loopback rule).
    await inject('data-api', { extraListenPort: 28_431 });
    await new Promise((r) => setTimeout(r, 500));
    const r = await checkTargetPorts('TV-S4', t, inspector, securityPolicy());
    expectFails(ctx, r, /data-api listens on 127\.0\.0\.1:28431 \(socket\), which is not one of its intended ports/);
  });
});
