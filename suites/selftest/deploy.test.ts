// Self-test of the deployment-day checks (suites/deploy): each is proven able to FAIL on the reference stack (core
// services) through a fault knob, as in faults.test.ts — the availability probe sees a service that stops answering
// (DEP-0) and the crash trigger fires on two crashed services (DEP-RB-T1).
import { afterEach, describe, expect, it } from 'vitest';
import { checkCrashTrigger, checkZeroDowntime } from '../../lib/checks/index.js';
import { SystemClock } from '../../lib/common/clock.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { FaultClient, waitHealthy } from '../../lib/stack/index.js';
import { expectFails, target } from '../_setup/gate.js';
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
    const quiet = startAvailabilityProbe(['data-api', 'sports-api'], t.urls, () => {});
    await clock.sleep(1_500);
    expect(checkZeroDowntime(await quiet.stop(), { criterionId: 'DEP-0' })).toPassCheck();

    const probe = startAvailabilityProbe(['data-api', 'sports-api'], t.urls, () => {});
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
});
