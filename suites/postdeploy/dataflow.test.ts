// Post-deployment checklist, data: InfluxDB receiving data (PD-D1-7), data-api queries working (PD-D1-8, with the
// Bearer key: D3.3) and the pipeline HA → websocket-ingestion → InfluxDB → data-api (PD-24H-4).
import { describe, it } from 'vitest';
import { checkEndToEndEvent, checkEventsFlowing, checkHealthBody } from '../../lib/checks/index.js';
import { FluxClient } from '../../lib/influx/index.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const flux = new FluxClient({ url: t.influx.url, token: t.influx.token, org: t.influx.org });

describe('Post-deployment — data flow', () => {
  it('PD-D1-7: InfluxDB is receiving data (ingestion counter and point count both rise)', async (ctx) => {
    gate(ctx, await checkEventsFlowing({ criterionId: 'PD-D1-7', ingestionHealthUrl: `${t.urls['websocket-ingestion']}/health`, flux, bucket: t.influx.bucket }));
  });

  it('PD-D1-8: data-api queries work — /api/v1/events?limit=1 with the key returns a non-empty list', async (ctx) => {
    gate(ctx, await checkHealthBody({ criterionId: 'PD-D1-8', service: 'data-api', url: `${t.urls['data-api']}/api/v1/events?limit=1`, rule: { field: 'length', greaterThan: 0 }, headers: { authorization: `Bearer ${t.apiKey}` } }));
  });

  it('PD-24H-4: one HA event traverses websocket-ingestion, InfluxDB and data-api', async (ctx) => {
    gate(ctx, await checkEndToEndEvent({ criterionId: 'PD-24H-4', haUrl: t.ha.url, haToken: t.ha.token, flux, bucket: t.influx.bucket, dataApiUrl: t.urls['data-api']!, apiKey: t.apiKey }));
  });
});
