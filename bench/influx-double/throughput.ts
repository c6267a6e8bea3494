// Benchmark of the InfluxDB v2 double (issue 5): write throughput through the official client with batching,
// p95 of a count() over 1 M points, and memory at 1 M points. Client and server share one process (one core).
// Run: npx tsx bench/influx-double/throughput.ts [--points 1000000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InfluxDB, Point } from '@influxdata/influxdb-client';
import { createInfluxDouble } from '../../fixtures/influxdb-double/src/index.js';

const TOTAL = Number(process.argv[process.argv.indexOf('--points') + 1]) || 1_000_000;
const CLIENT_POINTS = Math.min(200_000, TOTAL);
const TOKEN = 'bench-token-0123456789';
const dataDir = mkdtempSync(join(tmpdir(), 'pg-influx-bench-'));
const double = createInfluxDouble({ dataDir, init: { org: 'homeiq', bucket: 'home_assistant_events', token: TOKEN } });
const { port } = await double.listen(0);
const url = `http://127.0.0.1:${port}`;
const mb = () => process.memoryUsage().rss / 2 ** 20;
const rssStart = mb();

// 1. Throughput through @influxdata/influxdb-client (HomeIQ's schema, ms precision, batches of 5000).
const writeApi = new InfluxDB({ url, token: TOKEN }).getWriteApi('homeiq', 'home_assistant_events', 'ms', { batchSize: 5_000, flushInterval: 0, maxRetries: 0 });
const t0 = Date.now() - TOTAL;
let started = performance.now();
for (let i = 0; i < CLIENT_POINTS; i++) {
  writeApi.writePoint(
    new Point('home_assistant_events')
      .tag('entity_id', `sensor.s${i % 50}`)
      .tag('domain', 'sensor')
      .tag('event_type', 'state_changed')
      .stringField('state_value', String(20 + (i % 10)))
      .stringField('context_id', `c${i}`)
      .timestamp(t0 + i),
  );
}
await writeApi.close();
const clientSeconds = (performance.now() - started) / 1000;
const clientRate = CLIENT_POINTS / clientSeconds;

// 2. Fill up to TOTAL points with raw line-protocol batches (setup for the query benchmark, also timed).
started = performance.now();
for (let i = CLIENT_POINTS; i < TOTAL; i += 20_000) {
  const lines: string[] = [];
  for (let j = i; j < Math.min(i + 20_000, TOTAL); j++) lines.push(`home_assistant_events,entity_id=sensor.s${j % 50},domain=sensor,event_type=state_changed state_value="${20 + (j % 10)}",context_id="c${j}" ${t0 + j}`);
  const res = await fetch(`${url}/api/v2/write?org=homeiq&bucket=home_assistant_events&precision=ms`, { method: 'POST', headers: { Authorization: `Token ${TOKEN}` }, body: lines.join('\n') });
  if (res.status !== 204) throw new Error(`write answered ${res.status}: ${await res.text()}`);
}
const rawRate = (TOTAL - CLIENT_POINTS) / ((performance.now() - started) / 1000);

// 3. count() over all points of one field (1 M rows), 15 times.
const query = 'from(bucket: "home_assistant_events") |> range(start: 0) |> filter(fn: (r) => r._measurement == "home_assistant_events" and r._field == "context_id") |> group() |> count()';
const times: number[] = [];
let counted = '';
for (let i = 0; i < 15; i++) {
  const q0 = performance.now();
  const res = await fetch(`${url}/api/v2/query?org=homeiq`, { method: 'POST', headers: { Authorization: `Token ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) });
  counted = (await res.text()).trim().split(/\r?\n/).at(-1)?.split(',').at(-1) ?? '';
  times.push(performance.now() - q0);
}
times.sort((a, b) => a - b);
const p95 = times[Math.ceil(0.95 * times.length) - 1]!;
const rssEnd = mb();
await double.close();
rmSync(dataDir, { recursive: true, force: true });

const row = (what: string, value: string, goal: string, ratio: number) => console.log(`${what.padEnd(46)} ${value.padStart(16)}   goal ${goal.padEnd(14)} ratio to goal ${ratio.toFixed(2)}`);
console.log(`influx-double benchmark (${TOTAL.toLocaleString('en')} points, fsync on, client and server in one process)`);
row('write via @influxdata/influxdb-client', `${Math.round(clientRate).toLocaleString('en')} pt/s`, '>= 20,000 pt/s', clientRate / 20_000);
row('write via raw line protocol (20k/request)', `${Math.round(rawRate).toLocaleString('en')} pt/s`, '>= 20,000 pt/s', rawRate / 20_000);
row(`count() over ${counted} points, p95 of 15`, `${p95.toFixed(1)} ms`, '< 250 ms', 250 / p95);
console.log(`memory: RSS ${rssStart.toFixed(0)} MiB at start, ${rssEnd.toFixed(0)} MiB with ${TOTAL.toLocaleString('en')} points (${((rssEnd - rssStart) * 2 ** 20 / TOTAL).toFixed(0)} bytes/point)`);
