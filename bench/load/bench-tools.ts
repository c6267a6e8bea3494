// Shared by the load benches: the service-time server in a child process, and autocannon / wrk runs whose
// numbers are read the way those tools report them. All traffic goes to 127.0.0.1 on a port the OS picks.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { execa } from 'execa';
import { LatencyHistogram } from '../../lib/stats/index.js';

/** Percentiles in ms; `undefined` where the tool does not report one. */
export interface Percentiles {
  readonly p50: number | undefined;
  readonly p95: number | undefined;
  readonly p99: number | undefined;
}

/** The server's own record of its service times (request event → response finished), in ms. */
export interface ServerStats extends Percentiles {
  readonly count: number;
}

/** A running service-time-server.mjs child. */
export interface BenchServer {
  readonly url: string;
  /** Clears the server's recorded service times. */
  reset(): void;
  /** The service times recorded since the last reset. */
  stats(): Promise<ServerStats>;
  stop(): void;
}

/** Starts bench/load/service-time-server.mjs in its own process with `env` (MODE, MEDIAN_MS, …). */
export async function startBenchServer(env: Record<string, string>, path = '/health'): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, [fileURLToPath(new URL('./service-time-server.mjs', import.meta.url))], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('exit', (code) => reject(new Error(`service-time server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}${path}`,
    reset: () => child.send({ cmd: 'reset' }),
    stats: () =>
      new Promise<ServerStats>((resolve) => {
        child.once('message', (m) => resolve(m as ServerStats));
        child.send({ cmd: 'stats' });
      }),
    stop: () => child.kill('SIGTERM'),
  };
}

/** One autocannon run: its built-in (whole-ms, no p95) numbers and the exact ones from its `response` events. */
export async function autocannonRun(
  url: string,
  options: { connections: number; durationS: number; overallRate?: number; workers?: number },
): Promise<{ rps: number; builtIn: Percentiles; exact: Percentiles }> {
  const exact = new LatencyHistogram();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.durationS,
        ...(options.overallRate ? { overallRate: options.overallRate } : {}),
        ...(options.workers ? { workers: options.workers } : {}),
      },
      (error: unknown, res: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res)),
    );
    if (!options.workers) instance.on('response', (_client, _status, _bytes, responseTime) => exact.recordMs(responseTime));
  });
  return {
    rps: result.requests.total / (result.duration || options.durationS),
    builtIn: { p50: result.latency.p50, p95: undefined, p99: result.latency.p99 },
    exact: exact.count === 0 ? { p50: undefined, p95: undefined, p99: undefined } : { p50: exact.percentileMs(50), p95: exact.percentileMs(95), p99: exact.percentileMs(99) },
  };
}

/** One wrk run (closed loop, wrk 4's after-the-fact coordinated-omission correction); a string when wrk is missing. */
export async function wrkRun(url: string, options: { threads: number; connections: number; durationS: number }): Promise<({ rps: number } & Percentiles) | string> {
  if (!existsSync('/usr/bin/wrk')) return 'wrk not installed (/usr/bin/wrk missing); skipped';
  const dir = await mkdtemp(join(tmpdir(), 'phasegate-wrk-'));
  try {
    const script = join(dir, 'pct.lua');
    await writeFile(
      script,
      'done = function(s, lat, req) io.write(string.format("PG p50=%.3f p95=%.3f p99=%.3f rps=%.1f\\n", lat:percentile(50)/1000, lat:percentile(95)/1000, lat:percentile(99)/1000, s.requests/(s.duration/1e6))) end\n',
    );
    const { stdout } = await execa('/usr/bin/wrk', [`-t${options.threads}`, `-c${options.connections}`, `-d${options.durationS}s`, '-s', script, url], {
      timeout: (options.durationS + 10) * 1000,
      reject: false,
    });
    const m = /PG p50=([\d.]+) p95=([\d.]+) p99=([\d.]+) rps=([\d.]+)/.exec(stdout);
    if (!m) return `wrk output not understood: ${stdout.slice(0, 200)}`;
    return { p50: Number(m[1]), p95: Number(m[2]), p99: Number(m[3]), rps: Number(m[4]) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `x.xx` or `n/a`. */
export function fmt(value: number | undefined, digits = 2): string {
  return value === undefined ? 'n/a' : value.toFixed(digits);
}

/** The machine's load average, for the bench's header line. */
export async function loadAverage(): Promise<string> {
  const { stdout } = await execa('uptime', [], { reject: false });
  return stdout.trim();
}
