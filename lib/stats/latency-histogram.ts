// An HDR histogram of latencies in fractional milliseconds, stored as integer microseconds.
import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram, type JsHistogram } from 'hdr-histogram-js';

/** Microseconds per millisecond: the histogram's resolution is 1 µs. */
const US_PER_MS = 1000;

/** Options of {@link LatencyHistogram}. */
export interface LatencyHistogramOptions {
  /** Highest latency tracked before auto-resizing, in milliseconds. @default 3_600_000 (one hour) */
  readonly highestTrackableMs?: number;
  /** Significant decimal digits kept per value (1–5). 3 means ±0.1% relative error. @default 3 */
  readonly significantDigits?: 1 | 2 | 3 | 4 | 5;
}

/** Serializable digest of a histogram, all latencies in milliseconds. */
export interface LatencyStats {
  /** Number of recorded values. */
  readonly count: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly meanMs: number;
  readonly stdDevMs: number;
  readonly p50Ms: number;
  readonly p75Ms: number;
  readonly p90Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
}

/** One distinct (bucketed) value of the histogram and how often it was recorded. */
export interface WeightedValue {
  /** The bucket's representative value, in milliseconds. */
  readonly valueMs: number;
  readonly count: number;
}

/**
 * Latencies in fractional milliseconds with microsecond resolution, backed by `hdr-histogram-js`
 * (autocannon's own histogram records whole milliseconds, so sub-millisecond latencies read as 0).
 * Values are kept to `significantDigits` relative precision; percentiles are exact to that precision.
 */
export class LatencyHistogram {
  private readonly histogram: Histogram;

  constructor(options: LatencyHistogramOptions = {}, histogram?: Histogram) {
    this.histogram = histogram ?? build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: Math.max(2, Math.round((options.highestTrackableMs ?? 3_600_000) * US_PER_MS)),
      numberOfSignificantValueDigits: options.significantDigits ?? 3,
      autoResize: true,
    });
  }

  /** Rebuilds a histogram from {@link LatencyHistogram.encode}'s output. Throws on a malformed string. */
  static decode(encoded: string): LatencyHistogram {
    return new LatencyHistogram({}, decodeFromCompressedBase64(encoded));
  }

  /** Records one latency in milliseconds (fractional; negative values are clamped to 0). */
  recordMs(latencyMs: number, count = 1): void {
    if (!Number.isFinite(latencyMs)) throw new RangeError(`latency must be a finite number of ms, got ${latencyMs}`);
    this.histogram.recordValueWithCount(Math.max(0, Math.round(latencyMs * US_PER_MS)), count);
  }

  /** Number of recorded values. */
  get count(): number {
    return this.histogram.totalCount;
  }

  /** Value at percentile `p` (0–100), in ms; NaN when empty. */
  percentileMs(p: number): number {
    if (this.count === 0) return Number.NaN;
    return this.histogram.getValueAtPercentile(p) / US_PER_MS;
  }

  get minMs(): number {
    if (this.count === 0) return Number.NaN;
    // minNonZeroValue ignores recorded zeros; percentile 0 does not.
    return this.histogram.getValueAtPercentile(0) / US_PER_MS;
  }

  /** Largest value, as its bucket's highest equivalent value (so it survives encode/decode unchanged). */
  get maxMs(): number {
    return this.count === 0 ? Number.NaN : this.histogram.getValueAtPercentile(100) / US_PER_MS;
  }

  get meanMs(): number {
    return this.count === 0 ? Number.NaN : this.histogram.mean / US_PER_MS;
  }

  get stdDevMs(): number {
    return this.count === 0 ? Number.NaN : this.histogram.stdDeviation / US_PER_MS;
  }

  /** Adds every value of `other` into this histogram. */
  merge(other: LatencyHistogram): this {
    this.histogram.add(other.histogram);
    return this;
  }

  /** Compressed base64 (HdrHistogram V2 encoding, the format every HdrHistogram port reads). */
  encode(): string {
    return encodeIntoCompressedBase64(this.histogram);
  }

  /**
   * The distinct recorded values with their counts, ascending. Each value is its bucket's highest
   * equivalent value, the same value {@link LatencyHistogram.percentileMs} reports.
   */
  weightedValues(): WeightedValue[] {
    const h = this.histogram as unknown as JsHistogram;
    const out: WeightedValue[] = [];
    for (let i = 0; i < h.countsArrayLength; i++) {
      const count = h.getCountAtIndex(i);
      if (count > 0) out.push({ valueMs: h.highestEquivalentValue(h.valueFromIndex(i)) / US_PER_MS, count });
    }
    return out;
  }

  /** Digest with the usual percentiles. */
  stats(): LatencyStats {
    return {
      count: this.count,
      minMs: this.minMs,
      maxMs: this.maxMs,
      meanMs: this.meanMs,
      stdDevMs: this.stdDevMs,
      p50Ms: this.percentileMs(50),
      p75Ms: this.percentileMs(75),
      p90Ms: this.percentileMs(90),
      p95Ms: this.percentileMs(95),
      p99Ms: this.percentileMs(99),
      p999Ms: this.percentileMs(99.9),
    };
  }
}
