// Phase 1 data-flow criteria: events really travel HA → websocket-ingestion → InfluxDB → data-api.
import { describe, inject, it } from 'vitest';
import { checkEndToEndEvent, checkEventsFlowing, checkNoDataLoss } from '../../lib/checks/index.js';
import { FluxClient } from '../../lib/influx/index.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const flux = new FluxClient({ url: t.influx.url, token: t.influx.token, org: t.influx.org });

describe('Phase 1 — data flow', () => {
  it('P1-SC6 / P1-S4-V3: events are ingested and written to InfluxDB (counts rise)', async (ctx) => {
    const result = await checkEventsFlowing({ criterionId: 'P1-SC6', ingestionHealthUrl: `${t.urls['websocket-ingestion']}/health`, flux, bucket: t.influx.bucket });
    gate(ctx, result, { ...result, criterionId: 'P1-S4-V3' });
  });

  it('P1-S11-AC6: InfluxDB received events in the last hour', async (ctx) => {
    const count = await flux.countPoints(t.influx.bucket, 'home_assistant_events', 'context_id', '-1h');
    gate(ctx, {
      criterionId: 'P1-S11-AC6',
      title: 'events in InfluxDB over -1h',
      status: count > 0 ? 'passed' : 'failed',
      measurement: count,
      limit: 'count > 0',
      message: `${count} home_assistant_events points in bucket ${t.influx.bucket} over the last hour${count > 0 ? '' : '. hint: websocket-ingestion is not writing'}`,
    });
  });

  it('P1-S4-AC8: one event goes HA → InfluxDB → data-api', async (ctx) => {
    gate(
      ctx,
      await checkEndToEndEvent({ criterionId: 'P1-S4-AC8', haUrl: t.ha.url, haToken: t.ha.token, flux, bucket: t.influx.bucket, dataApiUrl: t.urls['data-api']!, apiKey: t.apiKey }),
    );
  });

  it('P1-S3-AC5: no data loss across the InfluxDB restart (points written before it recounted after it)', async (ctx) => {
    const before = inject('pointsBeforeRebuild');
    gate(ctx, await checkNoDataLoss({ criterionId: 'P1-S3-AC5', influx: flux.typed, before: before?.snapshot ?? null, event: before?.event ?? 'the InfluxDB restart' }));
  });
});
