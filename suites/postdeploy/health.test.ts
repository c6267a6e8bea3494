// Post-deployment checklist, Day 1 endpoints (001 L1684-1692), judged by body: InfluxDB says `pass`, the core
// services say `healthy`, Jaeger's UI answers.
import { describe, it } from 'vitest';
import { checkHealthBody } from '../../lib/checks/index.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const u = (service: string, path: string) => `${t.urls[service]}${path}`;

describe('Post-deployment — API endpoints', () => {
  it('PD-D1-4a: InfluxDB :8086/health says pass', async (ctx) => {
    gate(ctx, await checkHealthBody({ criterionId: 'PD-D1-4a', service: 'influxdb', url: u('influxdb', '/health'), rule: { field: 'status', equals: 'pass' } }));
  });

  it('PD-D1-4b: websocket-ingestion :8001/health says healthy (it always answers 200)', async (ctx) => {
    gate(ctx, await checkHealthBody({ criterionId: 'PD-D1-4b', service: 'websocket-ingestion', url: u('websocket-ingestion', '/health'), rule: { field: 'status', equals: 'healthy' } }));
  });

  it('PD-D1-4c: admin-api :8004/health says healthy', async (ctx) => {
    gate(ctx, await checkHealthBody({ criterionId: 'PD-D1-4c', service: 'admin-api', url: u('admin-api', '/health'), rule: { field: 'status', equals: 'healthy' } }));
  });

  it('PD-D1-4d: data-api :8006/health says healthy', async (ctx) => {
    gate(ctx, await checkHealthBody({ criterionId: 'PD-D1-4d', service: 'data-api', url: u('data-api', '/health'), rule: { field: 'status', equals: 'healthy' } }));
  });

  it('PD-D1-6: the Jaeger UI on :16686 answers 2xx', async (ctx) => {
    gate(ctx, await checkHealthBody({ criterionId: 'PD-D1-6', service: 'jaeger', url: u('jaeger', '/'), rule: { any: true } }));
  });
});
