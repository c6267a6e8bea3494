// Benchmark: the full-profile health sweep (checkHealthSweep, lib/probes/sweep.ts) against its two yardsticks,
// measured side by side in one run:
//   - its wall time as a ratio to the slowest single probe alone (goal ≤ 1.3×),
//   - a sequential `curl -f` loop over the same endpoints, one curl process each, as a ratio to the sweep (goal ≥ 10×
//     faster) — plain, and as 001's loops write it (L1073: a `docker port` lookup before every curl).
//
//   npx tsx bench/health-sweep/sweep.ts [repeats]     (default 5; the median is reported)
//
// No Docker: the endpoints are the `full` selection of the reference compose file read by lib/inventory (every
// service without a profile, each with the health path of its own healthcheck), each served by an in-process
// loopback server on an ephemeral port that answers its service's health body after a service time from
// profile.ts (ai-core-service the slowest at 300 ms). The plan-style loop needs the Docker daemon for its `docker port`
// lookups: one idle container from the local base image with a port published on 127.0.0.1 (no traffic is sent to it).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { checkHealthBody, checkHealthSweep, type HealthSweepEndpoint } from '../../lib/checks/index.js';
import { DEFAULT_SWEEP_CONCURRENCY } from '../../lib/probes/index.js';
import { healthUrl, loadInventory } from '../../lib/inventory/index.js';
import { REFERENCE_COMPOSE_FILE } from '../../lib/stack/index.js';
import { healthRuleOf } from '../../suites/_setup/health-endpoints.js';
import { curlLoopScript, formatTable, median, parseCurlLines, planLoopScript, poolMakespanMs, serviceTimeMs, type BenchRow } from './profile.js';

const repeats = Number(process.argv[2] ?? 5);
if (!Number.isInteger(repeats) || repeats < 1) {
  console.error(`repeats is ${process.argv[2]}; expected an integer >= 1`);
  process.exit(2);
}

interface Endpoint extends HealthSweepEndpoint {
  readonly serviceTimeMs: number;
}

/** The full selection's health endpoints, without any port: paths and rules only. */
function fullProfile(): Array<{ service: string; path: string }> {
  const inventory = loadInventory({ files: [REFERENCE_COMPOSE_FILE], projectName: 'pgbench', driver: 'v1', env: {}, envFile: null, profiles: [] });
  return inventory.services.flatMap((s) => {
    const guess = healthUrl(s);
    return guess ? [{ service: s.name, path: guess.path }] : [];
  });
}

function bodyOf(service: string, path: string): { type: string; body: string } {
  const rule = healthRuleOf(service, path);
  if ('any' in rule) return { type: 'text/html', body: `<!doctype html><title>${service}</title>` };
  if ('field' in rule && 'equals' in rule) return { type: 'application/json', body: JSON.stringify({ status: rule.equals, service }) };
  return { type: 'application/json', body: '{}' };
}

/** Starts the stand-in servers in a child process (health-servers.mjs) and waits for their ports. */
async function startServers(profile: Array<{ service: string; path: string }>): Promise<{ endpoints: Endpoint[]; child: ChildProcess }> {
  const spec = profile.map(({ service, path }) => ({ path, delayMs: serviceTimeMs(service), ...bodyOf(service, path) }));
  const child = spawn(process.execPath, [fileURLToPath(new URL('./health-servers.mjs', import.meta.url))], { env: { ...process.env, SPEC: JSON.stringify(spec) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const ports = JSON.parse(line) as number[];
  const endpoints = profile.map(({ service, path }, i) => ({ service, url: `http://127.0.0.1:${ports[i]}${path}`, rule: healthRuleOf(service, path), serviceTimeMs: serviceTimeMs(service) }));
  return { endpoints, child };
}

/** Wall time and this process's CPU time (user + system) of `fn`, ms: the CPU time does not depend on machine load. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

async function main(): Promise<void> {
  const profile = fullProfile();
  const cpus = availableParallelism();
  const { endpoints, child } = await startServers(profile);
  const slowest = endpoints.reduce((a, b) => (b.serviceTimeMs > a.serviceTimeMs ? b : a));
  const sumMs = endpoints.reduce((a, e) => a + e.serviceTimeMs, 0);
  console.log(`${endpoints.length} health endpoints (reference compose, full selection); service times sum ${sumMs} ms, slowest ${slowest.service} ${slowest.serviceTimeMs} ms; ${repeats} repetition(s), median reported; stand-in servers in a child process; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus} CPU(s)\n`);

  const variants = [...new Set([8, DEFAULT_SWEEP_CONCURRENCY, 16, endpoints.length])].sort((a, b) => a - b);
  const sweeps = new Map<number, number[]>(variants.map((c) => [c, []]));
  const sweepCpu = new Map<number, number[]>(variants.map((c) => [c, []]));
  const slowestAlone: number[] = [];
  const curlLoop: number[] = [];
  const planLoop: number[] = [];
  const portContainer = `phasegate-bench-port-${process.pid}`;
  const started = await execa('docker', ['run', '-d', '--rm', '--name', portContainer, '-p', '127.0.0.1::8080', `phasegate/nodebase:${process.versions.node}`, 'sleep', '600'], { reject: false, timeout: 60_000 });
  if (started.exitCode !== 0) console.log(`plan-style loop not measured: docker run failed (${started.stderr.split('\n', 1)[0]}); run \`npm run bootstrap\` for the base image and a daemon`);
  try {
    // Warm-up: the first connection to each server and node's lazy http setup are not what is measured.
    await checkHealthSweep(endpoints, { criterionId: 'BENCH', concurrency: endpoints.length });
    for (let rep = 0; rep < repeats; rep += 1) {
      for (const concurrency of variants) {
        const s = await timed(() => checkHealthSweep(endpoints, { criterionId: 'BENCH', concurrency }));
        const bad = s.value.results.filter((r) => r.status !== 'passed');
        if (bad.length > 0) throw new Error(`sweep (concurrency ${concurrency}) judged ${bad.length} endpoint(s) not healthy: ${bad[0]!.message}`);
        sweeps.get(concurrency)!.push(s.ms);
        sweepCpu.get(concurrency)!.push(s.cpuMs);
      }
      const alone = await timed(() => checkHealthBody({ criterionId: 'BENCH', ...slowest }));
      if (alone.value.status !== 'passed') throw new Error(`slowest probe alone: ${alone.value.message}`);
      slowestAlone.push(alone.ms);
      const loop = await timed(() => execa('bash', ['-c', curlLoopScript(endpoints.map((e) => e.url))], { reject: false, timeout: 120_000 }));
      const lines = parseCurlLines(loop.value.stdout);
      if (loop.value.exitCode !== 0 || lines.length !== endpoints.length || lines.some((l) => l.code !== 200)) {
        throw new Error(`curl loop: exit ${loop.value.exitCode}, ${lines.length}/${endpoints.length} lines, codes ${lines.map((l) => l.code).join(',')}; stderr: ${loop.value.stderr.slice(0, 300)}`);
      }
      curlLoop.push(loop.ms);
      if (started.exitCode === 0) {
        const plan = await timed(() => execa('bash', ['-c', planLoopScript(endpoints.map((e) => e.url), portContainer)], { reject: false, timeout: 180_000 }));
        const planLines = parseCurlLines(plan.value.stdout);
        if (plan.value.exitCode !== 0 || planLines.length !== endpoints.length) throw new Error(`plan-style loop: exit ${plan.value.exitCode}, ${planLines.length}/${endpoints.length} lines; stderr: ${plan.value.stderr.slice(0, 300)}`);
        planLoop.push(plan.ms);
      }
    }
  } finally {
    child.kill('SIGTERM');
    if (started.exitCode === 0) await execa('docker', ['rm', '-f', portContainer], { reject: false, timeout: 60_000 });
  }

  const alone = median(slowestAlone);
  const loop = median(curlLoop);
  const rows: BenchRow[] = [
    { what: `slowest single probe alone (${slowest.service})`, medianMs: alone, runsMs: slowestAlone, ratio: '1.00× (reference)' },
    ...variants.map((c) => {
      const m = median(sweeps.get(c)!);
      const label = c === DEFAULT_SWEEP_CONCURRENCY ? `sweep, concurrency ${c} (default)` : c === endpoints.length ? `sweep, unbounded (${c} at once)` : `sweep, concurrency ${c}`;
      const ideal = poolMakespanMs(endpoints.map((e) => e.serviceTimeMs), c) / slowest.serviceTimeMs;
      return { what: label, medianMs: m, runsMs: sweeps.get(c)!, ratio: `${(m / alone).toFixed(2)}× slowest (idle-machine bound ${ideal.toFixed(2)}×); curl loop ${(loop / m).toFixed(1)}× slower; CPU ${median(sweepCpu.get(c)!).toFixed(0)} ms` };
    }),
    { what: `sequential curl -f loop (${endpoints.length} curl processes)`, medianMs: loop, runsMs: curlLoop, ratio: `${(loop / alone).toFixed(2)}× slowest` },
    ...(planLoop.length > 0 ? [{ what: `001's loop: docker port + curl -f per service`, medianMs: median(planLoop), runsMs: planLoop, ratio: `${(median(planLoop) / alone).toFixed(2)}× slowest` }] : []),
  ];
  console.log(formatTable(rows));
  const def = median(sweeps.get(DEFAULT_SWEEP_CONCURRENCY)!);
  const ratioSlowest = def / alone;
  const ratioCurl = loop / def;
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`\ndefault sweep / slowest probe: ${ratioSlowest.toFixed(2)}× (goal ≤ 1.3×) ${ratioSlowest <= 1.3 ? 'MET' : 'NOT MET'}`);
  console.log(`curl loop / default sweep: ${ratioCurl.toFixed(1)}× (goal ≥ 10×) ${ratioCurl >= 10 ? 'MET' : 'NOT MET'}`);
  if (planLoop.length > 0) {
    const ratioPlan = median(planLoop) / def;
    console.log(`001's loop (docker port + curl) / default sweep: ${ratioPlan.toFixed(1)}× (goal ≥ 10×) ${ratioPlan >= 10 ? 'MET' : 'NOT MET'}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
