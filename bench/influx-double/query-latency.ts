// Query benchmark of the InfluxDB v2 double (issue 5): p50/p95 of a Flux count() over 1 M points through
// HTTP, the columnar query path against the row-scan reference side by side (same process, same data, so
// the ratio is meaningful on a noisy machine even when absolute times are not), and memory at 1 M points.
// Run: node --expose-gc --import tsx bench/influx-double/query-latency.ts [--points 1000000] [--reps 20] [--scan-reps 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createInfluxDouble, executeFlux, parseFlux, type FluxDataSource } from '../../fixtures/influxdb-double/src/index.js';

const { values: args } = parseArgs({ options: { points: { type: 'string' }, reps: { type: 'string' }, 'scan-reps': { type: 'string' } } });
const TOTAL = Number(args.points ?? 1_000_000);
const REPS = Math.max(20, Number(args.reps ?? 20));
const SCAN_REPS = Number(args['scan-reps'] ?? 3);
const TOKEN = 'bench-token-0123456789';
const ENTITIES = 50;

const dataDir = mkdtempSync(join(tmpdir(), 'pg-influx-query-bench-'));
const double = createInfluxDouble({ dataDir, init: { org: 'homeiq', bucket: 'home_assistant_events', token: TOKEN } });
const { port } = await double.listen(0);
const url = `http://127.0.0.1:${port}`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();

// 1. Load TOTAL points (HomeIQ's schema, 50 entities, one point per ms) through the write API, fsync on.
// The 20k-point batches go in a fixed shuffled order, as concurrent client batches arrive, so the columns
// are out of order and the first query pays the one-off column sort.
const t0 = Date.now() - TOTAL - 60_000;
const batchStarts = Array.from({ length: Math.ceil(TOTAL / 20_000) }, (_, b) => b * 20_000);
let seed = 1;
for (let b = batchStarts.length - 1; b > 0; b--) {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  const c = seed % (b + 1);
  [batchStarts[b], batchStarts[c]] = [batchStarts[c] as number, batchStarts[b] as number];
}
const started = performance.now();
for (const i of batchStarts) {
  const lines: string[] = [];
  for (let j = i; j < Math.min(i + 20_000, TOTAL); j++) {
    lines.push(`home_assistant_events,entity_id=sensor.s${j % ENTITIES},domain=sensor,event_type=state_changed state_value="${20 + (j % 10)}",context_id="c${j}" ${t0 + j}`);
  }
  const res = await fetch(`${url}/api/v2/write?org=homeiq&bucket=home_assistant_events&precision=ms`, { method: 'POST', headers: { Authorization: `Token ${TOKEN}` }, body: lines.join('\n') });
  if (res.status !== 204) throw new Error(`write answered ${res.status}: ${await res.text()}`);
}
const loadSeconds = (performance.now() - started) / 1000;
gc?.();
const after = process.memoryUsage();

// 2. count() over all points of one field through HTTP (the path a client sees), REPS times after one warm-up.
const COUNT_ALL = 'from(bucket: "home_assistant_events") |> range(start: 0) |> filter(fn: (r) => r._measurement == "home_assistant_events" and r._field == "context_id") |> group() |> count()';
const COUNT_ONE = 'from(bucket: "home_assistant_events") |> range(start: 0) |> filter(fn: (r) => r._measurement == "home_assistant_events" and r._field == "context_id" and r.entity_id == "sensor.s7") |> count()';
// HomeIQ data-api's events query (homeiq-facts.md §3) over the same 1 M points: the sort is a merge of slices.
const EVENTS = 'from(bucket: "home_assistant_events") |> range(start: -24h) |> filter(fn: (r) => r._measurement == "home_assistant_events") |> filter(fn: (r) => r._field == "context_id") |> group() |> sort(columns: ["_time"], desc: true) |> limit(n: 100)';

async function httpQuery(query: string): Promise<string> {
  const res = await fetch(`${url}/api/v2/query?org=homeiq`, { method: 'POST', headers: { Authorization: `Token ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`query answered ${res.status}: ${text}`);
  return text.trim().split(/\r?\n/).at(-1)?.split(',').at(-1) ?? '';
}

async function timeIt(reps: number, fn: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const q0 = performance.now();
    await fn();
    times.push(performance.now() - q0);
  }
  return times.sort((a, b) => a - b);
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;

const first0 = performance.now();
const countedAll = await httpQuery(COUNT_ALL);
const firstMs = performance.now() - first0;
const countedOne = await httpQuery(COUNT_ONE);
const httpAll = await timeIt(REPS, () => httpQuery(COUNT_ALL));
const httpOne = await timeIt(REPS, () => httpQuery(COUNT_ONE));
await httpQuery(EVENTS);
const httpEvents = await timeIt(Math.max(5, REPS / 4), () => httpQuery(EVENTS));

// 3. The executor alone on the same store: columnar (the server's path) vs the row-scan reference.
const bucketId = double.store.listBuckets({ name: 'home_assistant_events' })[0]?.id as string;
const source: FluxDataSource = {
  resolveBucket: () => bucketId,
  scan: (id, a, b) => double.store.scan(id, a, b),
  select: (id, a, b, selector) => double.store.select(id, a, b, selector),
};
const nowNs = BigInt(Date.now()) * 1_000_000n;
const parsed = parseFlux(COUNT_ALL);
const countOf = (strategy: 'columnar' | 'scan') => executeFlux(parsed, source, nowNs, { strategy }).tables[0]?.rows[0]?._value;
const columnarValue = countOf('columnar');
const columnar = await timeIt(REPS, () => countOf('columnar'));
let scanValue: unknown;
const scan = await timeIt(SCAN_REPS, () => (scanValue = countOf('scan')));
gc?.();
const end = process.memoryUsage();
await double.close();
rmSync(dataDir, { recursive: true, force: true });

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
const line = (what: string, sorted: readonly number[]) => console.log(`${what.padEnd(58)} p50 ${ms(percentile(sorted, 50)).padStart(10)}  p95 ${ms(percentile(sorted, 95)).padStart(10)}  (n=${sorted.length})`);
console.log(`influx-double query benchmark: ${TOTAL.toLocaleString('en')} points (${(2 * TOTAL).toLocaleString('en')} field values, ${ENTITIES} series), node ${process.version}${gc ? '' : ' (run with --expose-gc for settled memory figures)'}`);
console.log(`load through /api/v2/write (fsync on, ${batchStarts.length} batches in shuffled order): ${loadSeconds.toFixed(1)} s, ${Math.round(TOTAL / loadSeconds).toLocaleString('en')} pt/s`);
console.log(`${'HTTP count(), first query after the load'.padEnd(58)} ${ms(firstMs).padStart(14)}`);
line(`HTTP count() over ${countedAll} points (goal p95 < 250 ms)`, httpAll);
line(`HTTP count() of one entity (${countedOne} points)`, httpOne);
line('HTTP events query (group |> sort _time desc |> limit 100)', httpEvents);
line('executeFlux count(), columnar strategy', columnar);
line('executeFlux count(), scan strategy (reference)', scan);
if (String(columnarValue?.value) !== String((scanValue as { value?: unknown } | undefined)?.value)) throw new Error('the strategies disagree on count()');
const ratio = (p: number) => (percentile(scan, p) / percentile(columnar, p)).toFixed(0);
console.log(`ratio scan / columnar (same run): p50 ${ratio(50)}x, p95 ${ratio(95)}x; HTTP count() p95 vs the 250 ms goal: ${(250 / percentile(httpAll, 95)).toFixed(1)}x headroom`);
console.log(`memory after load: RSS ${mib(after.rss)} (start ${mib(before.rss)}), heap used ${mib(after.heapUsed)}, array buffers ${mib(after.arrayBuffers)}; ${((after.rss - before.rss) / TOTAL).toFixed(0)} RSS bytes/point`);
console.log(`memory at the end (after the scan reference): RSS ${mib(end.rss)}, heap used ${mib(end.heapUsed)}`);
