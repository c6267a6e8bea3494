// Phase 2 InfluxDB criterion after the influxdb3-python migration (001 L671): no write-error lines in any service's
// log, and events still land in InfluxDB (point count rising). D8.5: the v3 client's query path is not served by
// InfluxDB 2.7, so "no write errors" alone would miss broken reads; one event is also followed back out of data-api.
import { describe, it } from 'vitest';
import { checkEndToEndEvent, checkEventsFlowing, checkNoErrorLogs, INFLUX_WRITE_ERROR_PATTERNS } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { FluxClient } from '../../lib/influx/index.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const inspector = new DockerodeContainerInspector();
const flux = new FluxClient({ url: t.influx.url, token: t.influx.token, org: t.influx.org });

describe('Phase 2 — InfluxDB data flow', () => {
  it('P2-SC5: no InfluxDB write errors in the logs, the point count rises, and an event reads back through data-api', async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    gate(
      ctx,
      await checkNoErrorLogs(inspector, states, { criterionId: 'P2-SC5', services: states.map((s) => s.service), tail: 500, patterns: INFLUX_WRITE_ERROR_PATTERNS, what: 'InfluxDB write-error' }),
      await checkEventsFlowing({ criterionId: 'P2-SC5', ingestionHealthUrl: `${t.urls['websocket-ingestion']}/health`, flux, bucket: t.influx.bucket }),
      await checkEndToEndEvent({ criterionId: 'P2-SC5', haUrl: t.ha.url, haToken: t.ha.token, flux, bucket: t.influx.bucket, dataApiUrl: t.urls['data-api']!, apiKey: t.apiKey }),
    );
  });
});
