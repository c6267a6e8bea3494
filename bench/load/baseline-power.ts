// A/A false-alarm rate and sensitivity of compareToBaseline (issue 7: A/A 50 comparisons → false alarms ≤ 2%;
// +15% on p95 → detected in ≥ 95% of 50 trials).
//  1. synthetic: i.i.d. lognormal samples, no network (both rules, seconds).
//  2. live: a reference twin in a child process on 127.0.0.1, its latency set by the twins' `latency` knob
//     (lognormal, PATCH /__phasegate/faults), measured through lib/load's open loop. The +15% is the knob's effect:
//     median and p99 of the knob both ×1.15, so every quantile of the added delay is ×1.15. Per trial: a baseline run
//     and an A run with the unchanged knob, and an R run with the raised knob; A and R are each compared with the
//     baseline. Every run gets its own `latencySeed`, so no two runs replay the same draws.
// Run: npx tsx bench/load/baseline-power.ts   (≈ 9 min; POWER_LIVE=0 skips part 2; POWER_TRIALS, POWER_RATE, POWER_MS:
// measured window per run, default 3000 ms — at 1500 ms the live +15% was detected in 47/50 trials, at 3000 ms 50/50)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compareToBaseline, createBaseline, type BaselineVerdict, type EndpointBaseline, type EnvironmentFingerprint } from '../../lib/baselines/index.js';
import { AutocannonRunner } from '../../lib/load/index.js';
import { LatencyHistogram, createSeededRandom, randomNormal } from '../../lib/stats/index.js';
import { loadAverage } from './bench-tools.js';

type Rule = 'ci-above-tolerance' | 'estimate-and-ci-above-one';
type Counts = Record<BaselineVerdict, number>;
const TRIALS = Number(process.env.POWER_TRIALS ?? 50);
const fingerprint: EnvironmentFingerprint = { nodeVersion: process.version, cpuModel: 'bench', cpuCount: 1, host: 'bench', platform: 'bench', phasegateVersion: '0' };
const empty = (): Counts => ({ regressed: 0, inconclusive: 0, unchanged: 0, improved: 0 });
const line = (c: Counts) => `regressed ${c.regressed}, inconclusive ${c.inconclusive}, unchanged ${c.unchanged}, improved ${c.improved}`;

function judge(base: EndpointBaseline, current: EndpointBaseline, seed: number, rule?: Rule): BaselineVerdict {
  const baseline = createBaseline({ target: 'bench', phase: 'power', fingerprint, endpoints: [base] });
  return compareToBaseline({ fingerprint, endpoints: [current] }, baseline, { reportPercentiles: [], resamples: 4000, seed, ...(rule ? { rule } : {}) }).verdict;
}

// ---- 1. synthetic ------------------------------------------------------------------------------------------------
const N = 5000;
/** n lognormal latencies (median 20 ms, σ 0.5) with every value scaled by `scale`. */
function synthetic(seed: number, scale: number): EndpointBaseline {
  const random = createSeededRandom(seed);
  const h = new LatencyHistogram();
  for (let i = 0; i < N; i++) h.recordMs(scale * 20 * Math.exp(0.5 * randomNormal(random)));
  return { name: 'api', route: 'GET /api', mode: 'open', achievedRate: 500, requests: { measured: N, responses: N }, latency: h.stats(), histogram: h.encode(), errorRate: 0 };
}

function syntheticPart(): void {
  console.log(`## synthetic: lognormal median 20 ms σ 0.5, n = ${N} per side, ${TRIALS} trials, 4000 resamples\n`);
  for (const rule of ['estimate-and-ci-above-one', 'ci-above-tolerance'] as const) {
    for (const [label, scale] of [['A/A (unchanged)', 1], ['+15% (latency x1.15)', 1.15], ['+25%', 1.25]] as const) {
      const c = empty();
      for (let t = 0; t < TRIALS; t++) c[judge(synthetic(1000 + t, 1), synthetic(2000 + t, scale), t, rule)]++;
      console.log(`${(rule === 'estimate-and-ci-above-one' ? `${rule} (default)` : rule).padEnd(35)} ${label.padEnd(22)}: ${line(c)}`);
    }
  }
}

// ---- 2. live, through the twin's latency knob ----------------------------------------------------------------------
const RATE = Number(process.env.POWER_RATE ?? 1000);
const MEASURE_MS = Number(process.env.POWER_MS ?? 3000);
const WARMUP_MS = 300;
/** The knob: lognormal added delay, median 20 ms, p99 40 ms (σ 0.30); raised: both ×1.15. */
const KNOB = { medianMs: 20, p99Ms: 40 };
const knob = (scale: number) => `lognormal:median=${(KNOB.medianMs * scale).toFixed(2)},p99=${(KNOB.p99Ms * scale).toFixed(2)}`;

async function startTwin(): Promise<{ base: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./twin-target.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^PORT (\d+)$/m.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`twin exited with ${code}`)));
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function setKnob(base: string, scale: number, seed: number): Promise<void> {
  const res = await fetch(`${base}/__phasegate/faults`, { method: 'PATCH', body: JSON.stringify({ latency: knob(scale), latencySeed: seed }) });
  if (!res.ok) throw new Error(`setting the latency knob failed: HTTP ${res.status} ${await res.text()}`);
}

async function measure(base: string, scale: number, seed: number): Promise<{ endpoint: EndpointBaseline; ok: boolean }> {
  await setKnob(base, scale, seed);
  const summary = await new AutocannonRunner({ log: () => {} }).run({
    mode: 'open',
    ratePerSec: RATE,
    connections: 500,
    warmupMs: WARMUP_MS,
    durationMs: MEASURE_MS,
    timeoutMs: 5000,
    endpoints: [{ name: 'data-api twin', url: `${base}/api/v1/events` }],
  });
  const e = summary.endpoints[0]!;
  // A run the generator could not do truthfully: achieved rate < 95% of intended, or its own send lag warned about.
  return { endpoint: { ...e, intendedRate: RATE }, ok: e.passed && (e.warnings ?? []).length === 0 };
}

async function livePart(): Promise<void> {
  console.log(`\n## live: twin latency knob ${knob(1)} vs ${knob(1.15)}; lib/load open loop ${RATE}/s, ${WARMUP_MS} ms warm-up + ${MEASURE_MS} ms per run, 3 runs per trial, ${TRIALS} trials`);
  console.log(`load before: ${await loadAverage()}`);
  const twin = await startTwin();
  const started = performance.now();
  const aa = empty();
  const up = empty();
  const aaClean = empty();
  const upClean = empty();
  let clean = 0;
  const ratios: { aa: number[]; up: number[] } = { aa: [], up: [] };
  let underRate = 0;
  try {
    // One discarded run first: the twin's and the client's JIT warm-up would otherwise land in trial 0's baseline.
    await measure(twin.base, 1, 999_999);
    for (let t = 0; t < TRIALS; t++) {
      const b = await measure(twin.base, 1, 3 * t + 1);
      const a = await measure(twin.base, 1, 3 * t + 2);
      const r = await measure(twin.base, 1.15, 3 * t + 3);
      underRate += [b, a, r].filter((x) => !x.ok).length;
      const vAA = judge(b.endpoint, a.endpoint, t);
      const vUp = judge(b.endpoint, r.endpoint, t);
      aa[vAA]++;
      up[vUp]++;
      if (b.ok && a.ok && r.ok) {
        clean++;
        aaClean[vAA]++;
        upClean[vUp]++;
      }
      if ((t + 1) % 10 === 0) console.log(`  … ${t + 1} trials (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      ratios.aa.push(a.endpoint.latency.p95Ms / b.endpoint.latency.p95Ms);
      ratios.up.push(r.endpoint.latency.p95Ms / b.endpoint.latency.p95Ms);
    }
  } finally {
    twin.stop();
  }
  const range = (xs: number[]) => {
    const s = [...xs].sort((x, y) => x - y);
    return `p(95) ratio median ${s[Math.floor(s.length / 2)]!.toFixed(3)}, range ${s[0]!.toFixed(3)}–${s.at(-1)!.toFixed(3)}`;
  };
  console.log(`A/A (unchanged knob)     : ${line(aa)}; ${range(ratios.aa)}  → false alarms ${aa.regressed}/${TRIALS} (${((100 * aa.regressed) / TRIALS).toFixed(0)}%, ≤ 2%: ${aa.regressed / TRIALS <= 0.02 ? 'MET' : 'NOT MET'})`);
  console.log(`+15% (knob ×1.15)        : ${line(up)}; ${range(ratios.up)}  → detected ${up.regressed}/${TRIALS} (${((100 * up.regressed) / TRIALS).toFixed(0)}%, ≥ 95%: ${up.regressed / TRIALS >= 0.95 ? 'MET' : 'NOT MET'})`);
  console.log(`trials whose 3 runs were all sound (${clean}): A/A ${line(aaClean)}; +15% ${line(upClean)}`);
  console.log(`runs not sound (achieved < 95% of the intended rate, or the generator's send lag warned): ${underRate} of ${3 * TRIALS}; live part took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  console.log(`load after: ${await loadAverage()}`);
}

const t0 = performance.now();
syntheticPart();
if (process.env.POWER_LIVE !== '0') await livePart();
console.log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
