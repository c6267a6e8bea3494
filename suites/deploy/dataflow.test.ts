// Day 2 data flow (001 L1082-1090): after the integration services are deployed, their data must reach InfluxDB —
// 001 counts `weather_data` over `-1h` (count > 0); here every external source of config `dataSources` (weather,
// sports, carbon intensity, air quality) is counted in the window, each on its own, with its newest point's age (and
// judged on it when `dataSources.maxAgeMs` is set). A source whose service the target does not run fails, like D2-2.
import { describe, it } from 'vitest';
import { checkDataSources } from '../../lib/checks/index.js';
import { FluxClient } from '../../lib/influx/index.js';
import { dataSourceSettings, gate, target } from '../_setup/gate.js';
import { deployDay, otherDaysOnly } from './day.js';

const t = target();
const day = deployDay();

describe(`Deployment Day ${day} — data flow`, () => {
  if (day === 2) {
    it('D2-3: every external data source (config dataSources: weather, sports, carbon-intensity, air-quality) wrote to InfluxDB in the window (Flux count > 0 per measurement; 001 counts weather_data over -1h)', async (ctx) => {
      const ds = dataSourceSettings();
      const flux = new FluxClient({ url: t.influx.url, token: t.influx.token, org: t.influx.org });
      gate(ctx, await checkDataSources({
        criterionId: 'D2-3', influx: flux.typed, bucket: ds.bucket ?? t.influx.bucket, sources: ds.sources, windowMs: ds.windowMs,
        maxAgeMs: ds.maxAgeMs ?? undefined, runningServices: t.services,
      }));
    });
  }
  otherDaysOnly('D2-3', [2]);
});
