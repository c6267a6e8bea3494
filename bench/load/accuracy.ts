// Accuracy bench (issue 7): loopback servers with a known service-time distribution, driven at a fixed rate;
// phasegate's p50/p95/p99 as ratios to the analytic truth (MET when all within ±5%), with autocannon's built-in
// and exact numbers and wrk's side by side, and the server's own record of its service times as a second reference.
// Then a diagnosis: the same stall made two ways (timers vs a blocked event loop), measured by phasegate.
// Run: npx tsx bench/load/accuracy.ts   (≈ 2 min; every server is a child process on 127.0.0.1, port 0)
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { latencyQuantileMs } from '../../fixtures/reference/services/_shared/latency-distribution.js';
import { AutocannonRunner } from '../../lib/load/index.js';
import { autocannonRun, fmt, loadAverage, startBenchServer, wrkRun, type BenchServer, type Percentiles } from './bench-tools.js';

const RATE = 200;
const OPEN = { warmupMs: 1000, durationMs: 10_000 };
const OTHER_S = 5;
const TOLERANCE = 0.05;

/**
 * The truths, derived analytically (network and timer overhead, ~0.3–1 ms, are left out: they are part of what
 * the tools are judged on).
 *
 * lognormal: every request is held S = median·exp(σ·Z), Z standard normal, independently of every other request
 * (timers, no queue), so latency = S and its q-quantile is median·exp(σ·Φ⁻¹(q)). median 80 ms, σ 0.3:
 * p50 = 80, p95 = 80·e^(0.3·1.6449) = 130.9, p99 = 80·e^(0.3·2.3263) = 160.9 ms.
 *
 * stall: every request is held BASE; a request arriving at phase φ of a period P inside the stall (φ < S) is held
 * S − φ more. At a fixed rate incommensurate with P the phases are uniform, so a fraction f = S/P of requests waits
 * U(0, S) extra: P(L > BASE + x) = f·(1 − x/S) for 0 ≤ x ≤ S. Hence the q-quantile is BASE for q ≤ 1 − f and
 * BASE + S·(1 − (1 − q)/f) above. BASE 80, S 100, P 1013 (f = 0.0987): p50 = 80, p95 = 129.3, p99 = 169.9 ms.
 */
const LOGNORMAL = { medianMs: 80, sigma: 0.3 };
const STALL = { baseMs: 80, stallMs: 100, periodMs: 1013 };
const Z99 = 2.3263478740408408;
const lognormalTruth = (q: number) => latencyQuantileMs({ kind: 'lognormal', medianMs: LOGNORMAL.medianMs, p99Ms: LOGNORMAL.medianMs * Math.exp(LOGNORMAL.sigma * Z99) }, q);
function stallTruth(q: number, s: { baseMs: number; stallMs: number; periodMs: number } = STALL): number {
  const f = s.stallMs / s.periodMs;
  return q <= 1 - f ? s.baseMs : s.baseMs + s.stallMs * (1 - (1 - q) / f);
}

interface Row extends Percentiles {
  readonly tool: string;
  readonly rps: number;
  readonly note?: string;
  /** Judged against ±5% (phasegate's rows). */
  readonly judged?: boolean;
}

async function phasegateOpen(server: BenchServer, rate: number, window = OPEN): Promise<{ row: Row; fromSend: Row; server: Row; loopLagMaxMs: number; sendLagMs: number }> {
  const eld = monitorEventLoopDelay({ resolution: 5 });
  server.reset();
  eld.enable();
  const summary = await new AutocannonRunner({ log: () => {} }).run({ mode: 'open', ratePerSec: rate, connections: 1000, ...window, endpoints: [{ name: 'health', url: server.url }] });
  eld.disable();
  const own = await server.stats();
  const e = summary.endpoints[0]!;
  return {
    row: {
      tool: `phasegate open loop ${rate}/s`,
      rps: e.achievedRate,
      p50: e.latency.p50Ms,
      p95: e.latency.p95Ms,
      p99: e.latency.p99Ms,
      judged: true,
      note: [`own send lag p50 ${fmt(e.sendLag?.p50Ms)} / p99 ${fmt(e.sendLag?.p99Ms)} / max ${fmt(e.sendLag?.maxMs)} ms`, ...e.failures.map((f) => f.replace(/^.*?: achieved/, 'achieved'))].join('; '),
    },
    fromSend: { tool: '(phasegate, from the actual send: diagnosis)', rps: Number.NaN, p50: e.fromSendLatency?.p50Ms, p95: e.fromSendLatency?.p95Ms, p99: e.fromSendLatency?.p99Ms },
    server: { tool: `(server's own record, ${own.count} requests incl. warm-up)`, rps: Number.NaN, p50: own.p50, p95: own.p95, p99: own.p99 },
    loopLagMaxMs: eld.max / 1e6,
    sendLagMs: e.maxSendLagMs ?? 0,
  };
}

async function otherTools(url: string): Promise<Row[]> {
  const rows: Row[] = [];
  const closed = await autocannonRun(url, { connections: 10, durationS: OTHER_S });
  rows.push({ tool: 'autocannon closed c10, built-in', rps: closed.rps, ...closed.builtIn, note: 'whole ms, no p95' }, { tool: 'autocannon closed c10, exact', rps: closed.rps, ...closed.exact });
  const fixed = await autocannonRun(url, { connections: 50, durationS: OTHER_S, overallRate: RATE });
  rows.push({ tool: `autocannon overallRate ${RATE} c50, built-in`, rps: fixed.rps, ...fixed.builtIn, note: 'whole ms, no p95' }, { tool: `autocannon overallRate ${RATE} c50, exact`, rps: fixed.rps, ...fixed.exact });
  const wrk = await wrkRun(url, { threads: 1, connections: 10, durationS: OTHER_S });
  rows.push(typeof wrk === 'string' ? { tool: 'wrk -t1 -c10', rps: Number.NaN, p50: undefined, p95: undefined, p99: undefined, note: wrk } : { tool: 'wrk -t1 -c10 (closed, CO-corrected)', ...wrk });
  return rows;
}

function printTable(title: string, truth: (q: number) => number, rows: readonly Row[]): boolean {
  const t = { p50: truth(0.5), p95: truth(0.95), p99: truth(0.99) };
  const ratio = (v: number | undefined, tv: number) => (v === undefined || tv <= 0 ? undefined : v / tv);
  console.log(`\n### ${title}\ntruth: p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms\n`);
  console.log('| tool | req/s | p50 ms | p95 ms | p99 ms | p50/truth | p95/truth | p99/truth | ±5% | note |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  let met = true;
  for (const r of rows) {
    const rs = [ratio(r.p50, t.p50), ratio(r.p95, t.p95), ratio(r.p99, t.p99)];
    const within = rs.every((x) => x !== undefined && Math.abs(x - 1) <= TOLERANCE);
    if (r.judged && !within) met = false;
    console.log(
      `| ${r.tool} | ${Number.isNaN(r.rps) ? '' : r.rps.toFixed(0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${rs.map((x) => fmt(x, 3)).join(' | ')} | ${r.judged ? (within ? 'MET' : 'NOT MET') : ''} | ${r.note ?? ''} |`,
    );
  }
  return met;
}

async function main(): Promise<void> {
  console.log(`load: ${await loadAverage()}`);
  console.log(`phasegate: open loop ${RATE}/s, ${OPEN.warmupMs} ms warm-up + ${OPEN.durationMs} ms; other tools ${OTHER_S} s each; servers in a child process, client in this one.`);
  const verdicts: string[] = [];
  for (const [label, env, truth] of [
    [`lognormal service time (median ${LOGNORMAL.medianMs} ms, σ ${LOGNORMAL.sigma}), held by timers`, { MODE: 'lognormal', MEDIAN_MS: String(LOGNORMAL.medianMs), SIGMA: String(LOGNORMAL.sigma) }, lognormalTruth],
    [`periodic stalls (${STALL.baseMs} ms service, +${STALL.stallMs} ms stall every ${STALL.periodMs} ms), held by timers`, { MODE: 'stall', BASE_MS: String(STALL.baseMs), STALL_MS: String(STALL.stallMs), PERIOD_MS: String(STALL.periodMs) }, (q: number) => stallTruth(q)],
  ] as const) {
    const server = await startBenchServer(env);
    try {
      const pg = await phasegateOpen(server, RATE);
      const rows = [pg.row, pg.fromSend, pg.server, ...(await otherTools(server.url))];
      const met = printTable(label, truth, rows);
      console.log(`\nphasegate client: max event-loop delay ${pg.loopLagMaxMs.toFixed(1)} ms, max send lag ${pg.sendLagMs.toFixed(1)} ms`);
      verdicts.push(`${label}: phasegate p50/p95/p99 within ±5% of the truth: ${met ? 'MET' : 'NOT MET'}`);
    } finally {
      server.stop();
    }
  }

  // Diagnosis of the old bench's +16–32% on p95: the same 100 ms-per-second stall, no base service time, made with
  // timers (nothing blocks) and with a busy-wait (the server's event loop is blocked, requests queue in the kernel).
  const s0 = { baseMs: 0, stallMs: 100, periodMs: 1000 };
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const mode of ['stall', 'blocking'] as const) {
    const server = await startBenchServer({ MODE: mode, BASE_MS: '0', STALL_MS: String(s0.stallMs), PERIOD_MS: String(s0.periodMs) });
    try {
      const pg = await phasegateOpen(server, 200, { warmupMs: 500, durationMs: 8000 });
      rows.push({ ...pg.row, tool: `${pg.row.tool}, ${mode === 'stall' ? 'timer-held stall' : 'blocking stall (busy-wait)'}` }, pg.fromSend, pg.server);
      notes.push(`${mode}: phasegate client max event-loop delay ${pg.loopLagMaxMs.toFixed(1)} ms, max send lag ${pg.sendLagMs.toFixed(1)} ms`);
    } finally {
      server.stop();
    }
  }
  printTable('diagnosis: 100 ms stall every 1000 ms, no base service time, 200/s (p50 truth 0: ratio n/a)', (q) => stallTruth(q, s0), rows);
  for (const n of notes) console.log(n);
  console.log(`\n${verdicts.join('\n')}\nload: ${await loadAverage()}`);
}

await main();
