// Test data: an endpoint measurement whose latencies are lognormal around a median, deterministic from a seed.
import { LatencyHistogram } from '../stats/latency-histogram.js';
import { createSeededRandom } from '../stats/seeded-random.js';
import type { EndpointBaseline } from './baseline-schema.js';

/** Options of {@link syntheticEndpoint}. */
export interface SyntheticEndpointOptions {
  readonly name: string;
  readonly route: string;
  /** Samples. */
  readonly n: number;
  readonly medianMs: number;
  readonly seed: number;
  /** Spread of log(latency). @default 0.4 */
  readonly sigma?: number;
  /** @default 200 */
  readonly intendedRate?: number;
}

/** The latencies as a histogram, for callers that build other shapes (load summaries). */
export function lognormalHistogram(n: number, medianMs: number, seed: number, sigma = 0.4): LatencyHistogram {
  const random = createSeededRandom(seed);
  const h = new LatencyHistogram();
  for (let i = 0; i < n; i++) {
    const u = random() || 1e-12;
    h.recordMs(medianMs * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())));
  }
  return h;
}

export function syntheticEndpoint(options: SyntheticEndpointOptions): EndpointBaseline {
  const h = lognormalHistogram(options.n, options.medianMs, options.seed, options.sigma);
  const rate = options.intendedRate ?? 200;
  return {
    name: options.name,
    route: options.route,
    mode: 'open',
    intendedRate: rate,
    achievedRate: rate,
    requests: { measured: options.n, responses: options.n },
    latency: h.stats(),
    histogram: h.encode(),
    errorRate: 0,
  };
}
