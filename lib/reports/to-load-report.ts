// Turns a lib/load LoadSummary into the report's load section, with a chartable latency distribution.
import type { LoadSummary } from '../load/load-summary.js';
import { LatencyHistogram } from '../stats/latency-histogram.js';
import type { LoadReport } from './model.js';

/** Most buckets kept per endpoint distribution: enough for a smooth CDF, small enough for the JSON. */
const MAX_BUCKETS = 200;

/** Converts a load summary (its base64 HDR histograms) into a {@link LoadReport} labelled `label`. */
export function toLoadReport(label: string, summary: LoadSummary): LoadReport {
  return {
    label,
    startedAt: summary.startedAt,
    durationMs: summary.durationMs,
    endpoints: summary.endpoints.map((e) => ({
      name: e.name,
      route: e.route,
      mode: e.mode,
      connections: e.connections,
      ...(e.intendedRate === undefined ? {} : { intendedRate: e.intendedRate }),
      achievedRate: e.achievedRate,
      errorRate: e.errorRate,
      latency: e.latency,
      distribution: distributionOf(e.histogram),
      passed: e.passed,
    })),
  };
}

/** Decodes a histogram and merges neighbouring buckets down to at most {@link MAX_BUCKETS}. */
export function distributionOf(encodedHistogram: string, maxBuckets = MAX_BUCKETS): { valueMs: number; count: number }[] {
  if (!encodedHistogram) return [];
  const values = LatencyHistogram.decode(encodedHistogram).weightedValues();
  if (values.length <= maxBuckets) return values;
  const size = Math.ceil(values.length / maxBuckets);
  const out: { valueMs: number; count: number }[] = [];
  for (let i = 0; i < values.length; i += size) {
    const group = values.slice(i, i + size);
    // The group's highest value keeps percentiles read from the CDF conservative.
    out.push({ valueMs: group[group.length - 1]!.valueMs, count: group.reduce((sum, v) => sum + v.count, 0) });
  }
  return out;
}
