// Phase 0, Story 2: the websocket-ingestion service is healthy by its body, quiet in its logs, and ingesting.
import { describe, it } from 'vitest';
import { checkEventsFlowing, checkHealthBody, checkNoErrorLogs } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { FluxClient } from '../../lib/influx/index.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const health = `${t.urls['websocket-ingestion']}/health`;

describe('Phase 0 — websocket-ingestion (000 Story 2, 001 Critical Issue 1)', () => {
  it('P0-S2-AC3a / P0-S2-AC1d / P0-001-CI1: /health answers 200 with status "healthy"', async (ctx) => {
    const results = await Promise.all(
      ['P0-S2-AC3a', 'P0-S2-AC1d', 'P0-001-CI1'].map((id) => checkHealthBody({ criterionId: id, service: 'websocket-ingestion', url: health, rule: { field: 'status', equals: 'healthy' } })),
    );
    gate(ctx, ...results);
  });

  it('P0-S2-AC3b: websocket logs show no errors', async (ctx) => {
    const inspector = new DockerodeContainerInspector();
    const states = await inspector.listProject(t.projectName);
    gate(ctx, await checkNoErrorLogs(inspector, states, { criterionId: 'P0-S2-AC3b', services: ['websocket-ingestion'], tail: 500 }));
  });

  it('P0-S2-AC3c: events are being ingested (count > 0 and rising)', async (ctx) => {
    const flux = new FluxClient({ url: t.influx.url, token: t.influx.token, org: t.influx.org });
    gate(ctx, await checkEventsFlowing({ criterionId: 'P0-S2-AC3c', ingestionHealthUrl: health, flux, bucket: t.influx.bucket }));
  });
});
