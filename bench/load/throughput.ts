// Throughput bench (issue 7): closed-loop requests/s of phasegate (lib/load closed mode, autocannon underneath) and
// wrk against the same loopback target, side by side in one run: RUNS back-to-back pairs in alternating order; the
// figure is the median of the pairs' ratios (a pair shares the machine's load of the moment), plus each tool's median.
// Two targets in a child process: one that answers at once (CPU-bound: whoever parses HTTP faster wins) and one that
// holds every answer 5 ms with a timer (an API endpoint with a service time).
// autocannon's `workers: 2` (worker threads, no per-response events) is shown for one run as a reference: on this
// 2-core machine it was not consistently faster than one thread (6231/5995 vs 4019/9022 req/s), so lib/load stays
// on one autocannon instance.
// Run: npx tsx bench/load/throughput.ts   (≈ 1 min)
import { AutocannonRunner } from '../../lib/load/index.js';
import { autocannonRun, loadAverage, startBenchServer, wrkRun } from './bench-tools.js';

const RUNS = 5;
const SECONDS = 2;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function phasegateClosed(url: string, connections: number): Promise<number> {
  const summary = await new AutocannonRunner({ log: () => {} }).run({ mode: 'closed', connections, warmupMs: 500, durationMs: SECONDS * 1000, maxRequests: 1_000_000, endpoints: [{ name: 't', url }] });
  return summary.endpoints[0]!.achievedRate;
}

async function wrk(url: string, connections: number): Promise<number> {
  const r = await wrkRun(url, { threads: 1, connections, durationS: SECONDS });
  if (typeof r === 'string') throw new Error(r);
  return r.rps;
}

async function main(): Promise<void> {
  console.log(`load: ${await loadAverage()}`);
  console.log(`closed loop, ${SECONDS} s per run (phasegate: + 0.5 s warm-up), ${RUNS} runs per tool in alternating order, median req/s\n`);
  console.log('| target | connections | phasegate closed (runs) | wrk -t1 (runs) | autocannon workers 2 (1 run) | phasegate / wrk (median of pair ratios) | ≥ 0.9 |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [label, env, connections] of [
    ['answers at once (CPU-bound)', { MODE: 'immediate' }, 32],
    ['5 ms service time (timer)', { MODE: 'stall', BASE_MS: '5', STALL_MS: '0' }, 20],
  ] as const) {
    const server = await startBenchServer(env);
    try {
      const pg: number[] = [];
      const w: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        if (i % 2 === 0) {
          pg.push(await phasegateClosed(server.url, connections));
          w.push(await wrk(server.url, connections));
        } else {
          w.push(await wrk(server.url, connections));
          pg.push(await phasegateClosed(server.url, connections));
        }
      }
      const workers = await autocannonRun(server.url, { connections, durationS: SECONDS, workers: 2 }).then((r) => r.rps.toFixed(0), (e: unknown) => `failed: ${String(e)}`);
      // Each pair ran back to back, so it shares the machine's load of the moment; the median pair ratio is the figure.
      const ratio = median(pg.map((x, i) => x / w[i]!));
      const list = (xs: number[]) => `${median(xs).toFixed(0)} (${xs.map((x) => x.toFixed(0)).join(', ')})`;
      console.log(`| ${label} | ${connections} | ${list(pg)} | ${list(w)} | ${workers} | ${ratio.toFixed(3)} | ${ratio >= 0.9 ? 'MET' : 'NOT MET'} |`);
    } finally {
      server.stop();
    }
  }
  console.log(`\nload: ${await loadAverage()}`);
}

await main();
