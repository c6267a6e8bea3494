// Coordinated-omission bench: one loopback server that stalls 100 ms every second, measured by phasegate's
// open loop, autocannon (built-in and exact, closed loop and fixed rate) and wrk, as ratios to the truth.
// Run: npx tsx bench/load/coordinated-omission.ts   (≈ 15 s, all traffic to 127.0.0.1)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { execa } from 'execa';
import { AutocannonRunner } from '../../lib/load/index.js';
import { LatencyHistogram } from '../../lib/stats/index.js';

const STALL_MS = 100;
const PERIOD_MS = 1000;
const RATE = 500;
const RUN_S = 3;

/**
 * Truth for arrivals at a fixed rate: a fraction f = STALL/PERIOD of them arrives during a stall and waits
 * U(0, STALL) for it to end; the rest are served at once. P(L > x) = f·(1 − x/STALL), so the q-quantile
 * (for q > 1 − f) is STALL·(1 − (1 − q)/f): p95 = 50 ms, p99 = 90 ms. Service time (~0.2 ms) is ignored.
 */
function truthMs(q: number): number {
  const f = STALL_MS / PERIOD_MS;
  return q <= 1 - f ? 0 : STALL_MS * (1 - (1 - q) / f);
}

interface Row {
  readonly tool: string;
  readonly rps: number;
  readonly p95: number | undefined;
  readonly p99: number;
  readonly note?: string;
}

async function startStallServer(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./stall-server.mjs', import.meta.url))], {
    env: { ...process.env, STALL_MS: String(STALL_MS), PERIOD_MS: String(PERIOD_MS), LIFETIME_MS: '30000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('exit', (code) => reject(new Error(`stall server exited with ${code}`)));
  });
  return { port, stop: () => child.kill('SIGTERM') };
}

async function autocannonRun(url: string, options: { connections: number; overallRate?: number }): Promise<{ builtIn: Row; exact: Row }> {
  const exact = new LatencyHistogram();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: options.connections, duration: RUN_S, ...(options.overallRate ? { overallRate: options.overallRate } : {}) },
      (error: unknown, res: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => exact.recordMs(responseTime));
  });
  const label = options.overallRate ? `autocannon overallRate ${options.overallRate} c${options.connections}` : `autocannon closed c${options.connections}`;
  const rps = result.requests.average;
  return {
    builtIn: { tool: `${label}, built-in`, rps, p95: undefined, p99: result.latency.p99, note: `no p95; p90=${result.latency.p90} p97.5=${result.latency.p97_5} (whole ms)` },
    exact: { tool: `${label}, exact`, rps, p95: exact.percentileMs(95), p99: exact.percentileMs(99) },
  };
}

async function wrkRun(url: string): Promise<Row | string> {
  if (!existsSync('/usr/bin/wrk')) return 'wrk not installed (/usr/bin/wrk missing); skipped';
  const dir = await mkdtemp(join(tmpdir(), 'phasegate-wrk-'));
  try {
    const script = join(dir, 'pct.lua');
    await writeFile(script, 'done = function(s, lat, req) io.write(string.format("PG p95=%.3f p99=%.3f rps=%.1f\\n", lat:percentile(95)/1000, lat:percentile(99)/1000, s.requests/(s.duration/1e6))) end\n');
    const { stdout } = await execa('/usr/bin/wrk', ['-t1', '-c10', `-d${RUN_S}s`, '--latency', '-s', script, url], { timeout: (RUN_S + 5) * 1000, reject: false });
    const m = /PG p95=([\d.]+) p99=([\d.]+) rps=([\d.]+)/.exec(stdout);
    if (!m) return `wrk output not understood: ${stdout.slice(0, 200)}`;
    return { tool: 'wrk -t1 -c10 (closed)', rps: Number(m[3]), p95: Number(m[1]), p99: Number(m[2]) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const server = await startStallServer();
  const url = `http://127.0.0.1:${server.port}/health`;
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    const open = await new AutocannonRunner().run({ mode: 'open', ratePerSec: RATE, connections: 100, warmupMs: 200, durationMs: RUN_S * 1000, endpoints: [{ name: 'health', url }] });
    const o = open.endpoints[0]!;
    rows.push({ tool: `phasegate open-loop ${RATE}/s`, rps: o.achievedRate, p95: o.latency.p95Ms, p99: o.latency.p99Ms, note: o.passed ? undefined : o.failures.join('; ') });
    const closed = await autocannonRun(url, { connections: 10 });
    rows.push(closed.builtIn, closed.exact);
    const fixed = await autocannonRun(url, { connections: 50, overallRate: RATE });
    rows.push(fixed.builtIn, fixed.exact);
    const wrk = await wrkRun(url);
    if (typeof wrk === 'string') notes.push(wrk);
    else rows.push(wrk);
  } finally {
    server.stop();
  }
  const t95 = truthMs(0.95);
  const t99 = truthMs(0.99);
  const fmt = (v: number | undefined, digits = 2) => (v === undefined ? 'n/a' : v.toFixed(digits));
  console.log(`Stall server: ${STALL_MS} ms blocked every ${PERIOD_MS} ms on 127.0.0.1; ${RUN_S} s per tool.`);
  console.log(`Truth at a fixed ${RATE} req/s: p95 = ${t95.toFixed(1)} ms, p99 = ${t99.toFixed(1)} ms.\n`);
  console.log('| tool | req/s | p95 ms | p99 ms | p95 / truth | p99 / truth | note |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.tool} | ${r.rps.toFixed(0)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.p95 === undefined ? 'n/a' : (r.p95 / t95).toFixed(3)} | ${(r.p99 / t99).toFixed(3)} | ${r.note ?? ''} |`);
  }
  for (const n of notes) console.log(`\n${n}`);
}

await main();
