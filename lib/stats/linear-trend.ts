// Ordinary least-squares line with a t-based confidence interval on its slope (memory-leak detection).
import { studentTQuantile } from './student-t.js';

/** Options of {@link linearTrend}. */
export interface LinearTrendOptions {
  /** Two-sided confidence level of the slope interval. @default 0.95 */
  readonly confidence?: number;
}

/** Fitted line y = intercept + slope·x, with the slope's confidence interval. */
export interface LinearTrend {
  /** Change of y per unit of x (e.g. bytes per second). */
  readonly slope: number;
  readonly intercept: number;
  /** Standard error of the slope. */
  readonly slopeStdError: number;
  /** Lower bound of the slope's confidence interval. */
  readonly slopeLower: number;
  /** Upper bound of the slope's confidence interval. */
  readonly slopeUpper: number;
  readonly confidence: number;
  /** Coefficient of determination R². */
  readonly rSquared: number;
  /** Number of points. */
  readonly n: number;
}

/** Fits y on x by least squares; needs at least 3 points and two distinct x values. */
export function linearTrend(x: readonly number[], y: readonly number[], options: LinearTrendOptions = {}): LinearTrend {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`x and y must have the same length (got ${n} and ${y.length})`);
  if (n < 3) throw new RangeError(`a slope confidence interval needs at least 3 points, got ${n}`);
  const confidence = options.confidence ?? 0.95;
  const meanX = x.reduce((s, v) => s + v, 0) / n;
  const meanY = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - meanX;
    const dy = y[i]! - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) throw new RangeError('a slope needs at least two distinct x values');
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i]! - (intercept + slope * x[i]!);
    ssr += r * r;
  }
  const slopeStdError = Math.sqrt(ssr / (n - 2) / sxx);
  const t = studentTQuantile(1 - (1 - confidence) / 2, n - 2);
  return {
    slope,
    intercept,
    slopeStdError,
    slopeLower: slope - t * slopeStdError,
    slopeUpper: slope + t * slopeStdError,
    confidence,
    rSquared: syy === 0 ? 1 : 1 - ssr / syy,
    n,
  };
}
