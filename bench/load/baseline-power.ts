// A/A false-alarm rate and sensitivity of compareToBaseline on synthetic lognormal latencies (no network).
// Run: npx tsx bench/load/baseline-power.ts   (a few seconds, pure CPU)
import { compareToBaseline, createBaseline, type EndpointBaseline, type EnvironmentFingerprint } from '../../lib/baselines/index.js';
import { LatencyHistogram, createSeededRandom, randomNormal } from '../../lib/stats/index.js';

const TRIALS = 50;
const N = 5000;
const fingerprint: EnvironmentFingerprint = { nodeVersion: process.version, cpuModel: 'synthetic', cpuCount: 1, host: 'bench', platform: 'synthetic', phasegateVersion: '0' };

/** n lognormal latencies (median 20 ms, σ 0.5) with every value scaled by `scale`. */
function endpoint(seed: number, scale: number): EndpointBaseline {
  const random = createSeededRandom(seed);
  const h = new LatencyHistogram();
  for (let i = 0; i < N; i++) h.recordMs(scale * 20 * Math.exp(0.5 * randomNormal(random)));
  return { name: 'api', route: 'GET /api', mode: 'open', achievedRate: 500, requests: { measured: N, responses: N }, latency: h.stats(), histogram: h.encode(), errorRate: 0 };
}

function run(scale: number, rule: 'ci-above-tolerance' | 'estimate-and-ci-above-one'): Record<string, number> {
  const counts: Record<string, number> = { regressed: 0, inconclusive: 0, unchanged: 0, improved: 0 };
  for (let t = 0; t < TRIALS; t++) {
    const baseline = createBaseline({ target: 'bench', phase: 'aa', fingerprint, endpoints: [endpoint(1000 + t, 1)] });
    const result = compareToBaseline({ fingerprint, endpoints: [endpoint(2000 + t, scale)] }, baseline, { reportPercentiles: [], resamples: 4000, seed: t, rule });
    counts[result.verdict] = (counts[result.verdict] ?? 0) + 1;
  }
  return counts;
}

const started = performance.now();
for (const rule of ['ci-above-tolerance', 'estimate-and-ci-above-one'] as const) {
  for (const [label, scale] of [['A/A (unchanged)', 1], ['+15% (latency x1.15)', 1.15], ['+25%', 1.25]] as const) {
    const c = run(scale, rule);
    console.log(`${rule.padEnd(25)} ${label.padEnd(22)} n=${N} trials=${TRIALS}: regressed ${c.regressed}, inconclusive ${c.inconclusive}, unchanged ${c.unchanged}, improved ${c.improved}`);
  }
}
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
