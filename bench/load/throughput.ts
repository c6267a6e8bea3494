// Throughput bench (issue 7): closed-loop requests/s of phasegate (lib/load closed mode, autocannon underneath) and
// wrk against the same loopback target, side by side in one run: alternating order, median of RUNS runs, ratio.
// Two targets in a child process: one that answers at once (CPU-bound: whoever parses HTTP faster wins) and one that
// holds every answer 5 ms with a timer (an API endpoint with a service time).
// Run: npx tsx bench/load/throughput.ts   (≈ 1 min)
import { AutocannonRunner } from '../../lib/load/index.js';
import { autocannonRun, loadAverage, startBenchServer, wrkRun } from './bench-tools.js';

const RUNS = 3;
const SECONDS = 3;

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
  console.log('| target | connections | phasegate closed (runs) | wrk -t1 (runs) | autocannon workers 2 (1 run) | phasegate / wrk | ≥ 0.9 |');
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
      const ratio = median(pg) / median(w);
      const list = (xs: number[]) => `${median(xs).toFixed(0)} (${xs.map((x) => x.toFixed(0)).join(', ')})`;
      console.log(`| ${label} | ${connections} | ${list(pg)} | ${list(w)} | ${workers} | ${ratio.toFixed(3)} | ${ratio >= 0.9 ? 'MET' : 'NOT MET'} |`);
    } finally {
      server.stop();
    }
  }
  console.log(`\nload: ${await loadAverage()}`);
}

await main();
