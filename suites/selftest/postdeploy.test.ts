// Self-test of the post-deployment checks (suites/postdeploy): each is proven able to FAIL on the reference stack
// (core services) through a fault knob, as in faults.test.ts.
import { afterEach, describe, it } from 'vitest';
import { checkHealthBody, checkNoErrorLogs } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { FaultClient } from '../../lib/stack/index.js';
import { expectFails, target } from '../_setup/gate.js';

const t = target();
const faults = (service: string) => new FaultClient(service, t.urls[service]!);
const inspector = new DockerodeContainerInspector();
const touched = new Set<string>();
async function inject(service: string, knobs: Record<string, unknown>): Promise<void> {
  touched.add(service);
  await faults(service).set(knobs);
}

describe('self-test: the post-deployment checks fail on their faults', () => {
  afterEach(async () => {
    for (const service of touched) await faults(service).clear();
    touched.clear();
  });

  it('PD-D1-8 fails when data-api answers its events query with an empty list', async (ctx) => {
    await inject('data-api', { eventsEmpty: true });
    const r = await checkHealthBody({ criterionId: 'PD-D1-8', service: 'data-api', url: `${t.urls['data-api']}/api/v1/events?limit=1`, rule: { field: 'length', greaterThan: 0 }, headers: { authorization: `Bearer ${t.apiKey}` } });
    expectFails(ctx, r, /answered HTTP 200 but length = 0; expected 2xx and length > 0/);
  });

  it('PD-D1-3 fails on error lines written in the past hour', async (ctx) => {
    await inject('sports-api', { logErrors: 5 });
    await new Promise((r) => setTimeout(r, 1_500));
    const states = await inspector.listProject(t.projectName);
    const r = await checkNoErrorLogs(inspector, states, { criterionId: 'PD-D1-3', services: ['sports-api'], tail: 2_000, sinceMs: Date.now() - 3_600_000 });
    expectFails(ctx, r, /^sports-api \(homeiq-sports-api\): \d+ error line\(s\), first: /);
  });

  it('PD-D1-4d fails when data-api says it is degraded although it answers 200', async (ctx) => {
    await inject('data-api', { healthStatus: 'degraded' });
    const r = await checkHealthBody({ criterionId: 'PD-D1-4d', service: 'data-api', url: `${t.urls['data-api']}/health`, rule: { field: 'status', equals: 'healthy' } });
    expectFails(ctx, r, /answered HTTP 200 but status = "degraded"/);
  });
});
