// Self-test of the deployment-day checks (suites/deploy): each is proven able to FAIL on the reference stack (core
// services) through a fault knob, as in faults.test.ts — the availability probe sees a service that stops answering
// (DEP-0), the crash trigger fires on two crashed services (DEP-RB-T1), and the Day 2 data-flow check names a source
// whose service stopped writing to InfluxDB (D2-3).
import { afterEach, describe, expect, it } from 'vitest';
import { checkCrashTrigger, checkDataSources, checkZeroDowntime } from '../../lib/checks/index.js';
import { SystemClock } from '../../lib/common/clock.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { FluxClient } from '../../lib/influx/index.js';
import { FaultClient, waitHealthy } from '../../lib/stack/index.js';
import { dataSourceSettings, expectFails, target } from '../_setup/gate.js';
import { startAvailabilityProbe } from '../_setup/availability.js';

const t = target();
const faults = (service: string) => new FaultClient(service, t.urls[service]!);
const inspector = new DockerodeContainerInspector();
const clock = new SystemClock();
const touched = new Set<string>();
async function inject(service: string, knobs: Record<string, unknown>): Promise<void> {
  touched.add(service);
  await faults(service).set(knobs);
}

describe('self-test: the deployment-day checks fail on their faults', () => {
  afterEach(async () => {
    for (const service of touched) await faults(service).clear();
    touched.clear();
  });

  it('DEP-0 passes while nothing changes, and fails when a service answers 503 for 2 s during the "rollout"', async (ctx) => {
    const quiet = startAvailabilityProbe({ ...t, services: ['data-api', 'sports-api'] }, () => {});
    await clock.sleep(1_500);
    expect(checkZeroDowntime(await quiet.stop(), { criterionId: 'DEP-0' })).toPassCheck();

    const probe = startAvailabilityProbe({ ...t, services: ['data-api', 'sports-api'] }, () => {});
    await clock.sleep(1_000);
    await inject('sports-api', { healthHttpStatus: 503 });
    await clock.sleep(2_000);
    await faults('sports-api').clear();
    await clock.sleep(1_000);
    const r = checkZeroDowntime(await probe.stop(), { criterionId: 'DEP-0' });
    expectFails(ctx, r, /^1 availability gap\(s\) in .*: sports-api unavailable \d+\.\d s \(\d+ failed probe\(s\), HTTP 503\) outside any recreate of it/);
  });

  it('DEP-RB-T1 fires when two services crash and are restarted', async (ctx) => {
    const before = await inspector.listProject(t.projectName);
    const crashed = ['weather-api', 'sports-api'];
    for (const service of crashed) await faults(service).set({ crashAfterMs: 50 }); // the knob dies with the process
    for (let i = 0; i < 80; i++) {
      const now = await inspector.listProject(t.projectName);
      if (crashed.every((s) => (now.find((c) => c.service === s)?.restartCount ?? 0) > (before.find((c) => c.service === s)?.restartCount ?? 0))) break;
      await clock.sleep(250);
    }
    const after = await inspector.listProject(t.projectName);
    await waitHealthy(inspector, t.projectName, clock, 60_000);
    const r = checkCrashTrigger(before, after, { criterionId: 'DEP-RB-T1', services: before.map((c) => c.service) });
    expectFails(ctx, r, /^emergency rollback trigger fired: 2 of \d+ services crashed or restarting: .*weather-api.*sports-api|^emergency rollback trigger fired: 2 of \d+ services crashed or restarting: .*sports-api.*weather-api/);
  });

  it('D2-3 passes while weather-api writes, and fails naming weather-api and weather_data when it stops writing for 10 s (maxAge 8 s)', async (ctx) => {
    const weather = dataSourceSettings().sources.find((s) => s.service === 'weather-api');
    expect(weather, 'config dataSources has no source written by weather-api').toBeDefined();
    const flux = new FluxClient({ url: t.influx.url, token: t.influx.token, org: t.influx.org });
    // The twin writes one point every 5 s (INFLUX_WRITE_INTERVAL_MS): a newest point at most 8 s old means it writes.
    const check = () => checkDataSources({ criterionId: 'D2-3', influx: flux.typed, bucket: t.influx.bucket, sources: [weather!], windowMs: 3_600_000, maxAgeMs: 8_000, runningServices: t.services });
    expect(await check()).toPassCheck();

    await inject('weather-api', { stopWriting: true });
    await clock.sleep(10_000);
    expectFails(ctx, await check(), /^1 of 1 data source\(s\) not flowing into bucket \S+ \(window -1h\): weather \(service weather-api, measurement weather_data\): \d+ point\(s\) in the last 1 h but newest \d+(\.\d)? s old; limit 8 s\. hint: weather-api stopped writing weather_data/);

    await faults('weather-api').clear();
    await clock.sleep(6_000); // the next tick of the writer (every 5 s) writes again
    expect(await check()).toPassCheck();
  });
});
