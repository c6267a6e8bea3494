import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInfluxDouble, type InfluxDouble } from '../../fixtures/influxdb-double/src/server.js';
import { FaultController } from '../../fixtures/reference/services/_shared/faults.js';
import { HttpInfluxQueryClient } from '../influx/influx-query-client.js';
import { readWindowPoints } from '../influx/window-points.js';
import { checkDataSources, fluxWindow, formatWindowMs, judgeDataSources, type DataSource, type DataSourceReading } from './check-data-sources.js';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const WEATHER: DataSource = { name: 'weather', service: 'weather-api', measurement: 'weather_data' };
const SPORTS: DataSource = { name: 'sports', service: 'sports-api', measurement: 'sports_data' };
const CARBON: DataSource = { name: 'carbon', service: 'carbon-intensity', measurement: 'carbon_intensity' };
const judgement = { criterionId: 'D2-3', bucket: 'home_assistant_events', windowMs: 3_600_000, nowMs: NOW };
const fresh = (source: DataSource, count: number, ageMs: number): DataSourceReading => ({ source, count, newestAtMs: NOW - ageMs });

describe('formatWindowMs / fluxWindow', () => {
  it('should show windows in the largest whole unit and build a valid Flux range start', () => {
    expect([3_600_000, 1_800_000, 8_000, 1_500, 250].map(formatWindowMs)).toEqual(['1 h', '30 min', '8 s', '1.5 s', '250 ms']);
    expect([3_600_000, 5_400_000, 8_000, 1_500].map(fluxWindow)).toEqual(['-1h', '-90m', '-8s', '-1500ms']);
  });
});

describe('judgeDataSources (D2-3)', () => {
  it('should pass D2-3 when every source has points in the window, listing each with its count and newest age', () => {
    const r = judgeDataSources([fresh(WEATHER, 720, 2_100), fresh(SPORTS, 719, 4_000)], { ...judgement, maxAgeMs: 600_000 });
    expect(r.status).toBe('passed');
    expect(r.measurement).toBe('2 of 2 sources flowing');
    expect(r.limit).toBe('count > 0 per source in the last 1 h, newest point ≤ 10 min old');
    expect(r.message).toBe('2 data source(s) writing to bucket home_assistant_events in the last 1 h (newest point ≤ 10 min old): weather (weather-api → weather_data): 720 point(s), newest 2.1 s old; sports (sports-api → sports_data): 719 point(s), newest 4 s old');
    expect(r.evidence).toContainEqual({ label: 'weather newest point age', value: 2_100, unit: 'ms' });
  });

  it('should fail D2-3 on a source without points, naming source, measurement, bucket, window and a hint', () => {
    const r = judgeDataSources([{ source: WEATHER, count: 0 }, fresh(SPORTS, 12, 1_000)], judgement);
    expect(r.status).toBe('failed');
    expect(r.measurement).toBe('1 of 2 sources flowing');
    expect(r.message).toBe(
      '1 of 2 data source(s) not flowing into bucket home_assistant_events (window -1h): weather (service weather-api, measurement weather_data): 0 points in the last 1 h; expected > 0. '
      + 'hint: is weather-api running and writing (its logs, its provider API key)? Is "weather_data" the measurement it writes (config dataSources.sources.weather.measurement; HomeIQ\'s names are not confirmed, criteria.md D3.6)? '
      + '| flowing: sports (sports-api → sports_data): 12 point(s), newest 1 s old',
    );
  });

  it('should fail D2-3 on a source whose newest point is older than maxAge, even with points in the window', () => {
    const r = judgeDataSources([fresh(WEATHER, 120, 10_300), fresh(SPORTS, 120, 3_000)], { ...judgement, maxAgeMs: 8_000 });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^1 of 2 data source\(s\) not flowing into bucket home_assistant_events \(window -1h\): weather \(service weather-api, measurement weather_data\): 120 point\(s\) in the last 1 h but newest 10\.3 s old; limit 8 s\. hint: weather-api stopped writing weather_data: /);
    expect(judgeDataSources([fresh(WEATHER, 120, 10_300)], judgement).status).toBe('passed'); // without maxAge only the count is judged
  });

  it('should say when the service does not run in the target (a compose profile) rather than blame the measurement', () => {
    const r = judgeDataSources([{ source: CARBON, count: 0, serviceRunning: false }], judgement);
    expect(r.status).toBe('failed');
    expect(r.message).toBe('1 of 1 data source(s) not flowing into bucket home_assistant_events (window -1h): carbon (service carbon-intensity, measurement carbon_intensity): 0 points in the last 1 h; carbon-intensity is not running in the target. hint: is carbon-intensity\'s compose profile active (COMPOSE_PROFILES=production for carbon-intensity and air-quality)?');
  });

  it('should be an error, not a verdict, when InfluxDB cannot be read, and a failure when another source fails', () => {
    const unreadable: DataSourceReading = { source: WEATHER, count: 0, error: 'POST http://127.0.0.1:8086/api/v2/query?org=homeiq answered HTTP 401' };
    const r = judgeDataSources([unreadable, fresh(SPORTS, 3, 1_000)], judgement);
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/^1 of 2 data source\(s\) could not be read from bucket home_assistant_events \(window -1h\): weather \(service weather-api, measurement weather_data\): InfluxDB could not be queried: .*HTTP 401\. hint: check the InfluxDB URL, token and org \| flowing: sports/);
    expect(judgeDataSources([unreadable, { source: SPORTS, count: 0 }], judgement).status).toBe('failed');
    expect(judgeDataSources([], judgement).status).toBe('error');
  });
});

describe('checkDataSources against the in-process InfluxDB double', () => {
  const INIT = { org: 'homeiq', bucket: 'home_assistant_events', token: 'data-sources-test-token' };
  let double: InfluxDouble;
  let url = '';
  beforeAll(async () => {
    double = createInfluxDouble({ init: INIT, faults: new FaultController({}) });
    url = `http://127.0.0.1:${(await double.listen(0)).port}`;
    const now = Date.now();
    const lines = [
      `weather_data,service=weather-api temperature=18.5,humidity=60 ${now - 30_000}`,
      `weather_data,service=weather-api temperature=18.7,humidity=61 ${now - 2_000}`,
      `sports_data,service=sports-api home_score=3 ${now - 20_000}`,
      `sports_data,service=sports-api home_score=4 ${now - 7_200_000}`, // outside the hour
    ];
    const res = await fetch(`${url}/api/v2/write?org=homeiq&bucket=home_assistant_events&precision=ms`, { method: 'POST', headers: { Authorization: `Token ${INIT.token}` }, body: lines.join('\n') });
    expect(res.status).toBe(204);
  });
  afterAll(() => double.close());
  const client = () => new HttpInfluxQueryClient({ url, token: INIT.token, org: INIT.org });

  it('should read the count (every field) and the newest point time of a window', async () => {
    const points = await readWindowPoints(client(), { bucket: INIT.bucket, measurement: 'weather_data', range: '-1h' });
    expect(points.count).toBe(4);
    expect(Date.now() - Date.parse(points.newestTime!)).toBeLessThan(10_000);
    expect(await readWindowPoints(client(), { bucket: INIT.bucket, measurement: 'air_quality', range: '-1h' })).toEqual({ count: 0, newestTime: undefined });
  });

  it('should pass D2-3 for fresh sources and fail on a stale one and a missing one', async () => {
    const ok = await checkDataSources({ criterionId: 'D2-3', influx: client(), bucket: INIT.bucket, sources: [WEATHER, SPORTS] });
    expect(ok.status).toBe('passed');
    expect(ok.message).toMatch(/weather \(weather-api → weather_data\): 4 point\(s\), newest \d+(\.\d)? s old; sports \(sports-api → sports_data\): 1 point\(s\), newest/);
    const stale = await checkDataSources({ criterionId: 'D2-3', influx: client(), bucket: INIT.bucket, sources: [WEATHER, SPORTS], maxAgeMs: 10_000 });
    expect(stale.status).toBe('failed');
    expect(stale.message).toMatch(/^1 of 2 data source\(s\) not flowing .*: sports \(service sports-api, measurement sports_data\): 1 point\(s\) in the last 1 h but newest 2\d(\.\d)? s old; limit 10 s/);
    const missing = await checkDataSources({ criterionId: 'D2-3', influx: client(), bucket: INIT.bucket, sources: [WEATHER, CARBON], runningServices: ['weather-api'] });
    expect(missing.status).toBe('failed');
    expect(missing.message).toMatch(/carbon-intensity is not running in the target/);
  });

  it('should report an error with the token masked when the token is refused', async () => {
    const bad = new HttpInfluxQueryClient({ url, token: 'wrong-token-abcdef', org: INIT.org });
    const r = await checkDataSources({ criterionId: 'D2-3', influx: bad, bucket: INIT.bucket, sources: [WEATHER] });
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/InfluxDB could not be queried: .*401/);
    expect(r.message).not.toContain('wrong-token-abcdef');
  });
});
