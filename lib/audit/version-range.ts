// A set of admitted versions as a union of intervals: the common form of PEP 440 specifiers and npm ranges, so
// "admits X?", "is A within B?" and "do A and B overlap?" are decided the same way for both.
import { compareVersions, type Version } from './version.js';

/** One end of an interval; absent = unbounded. */
export interface Bound {
  readonly version: Version;
  readonly inclusive: boolean;
}

/** Versions between `lower` and `upper`. */
export interface Interval {
  readonly lower?: Bound;
  readonly upper?: Bound;
}

/** What a specifier or range admits. `excluded` holds `!=` points (ignored by subset/overlap reasoning). */
export interface VersionRange {
  /** As written (`>=2.0.46,<3.0.0`, `^18.3.1`); empty string = any version. */
  readonly text: string;
  /** Union of intervals; an empty array admits nothing. */
  readonly intervals: readonly Interval[];
  readonly excluded: readonly Version[];
}

/** Every version. */
export const ANY: Interval = {};

function aboveLower(v: Version, lower: Bound | undefined): boolean {
  if (!lower) return true;
  const c = compareVersions(v, lower.version);
  return c > 0 || (c === 0 && lower.inclusive);
}

function belowUpper(v: Version, upper: Bound | undefined): boolean {
  if (!upper) return true;
  const c = compareVersions(v, upper.version);
  return c < 0 || (c === 0 && upper.inclusive);
}

/** True when `v` lies in the interval. */
export function intervalAdmits(interval: Interval, v: Version): boolean {
  return aboveLower(v, interval.lower) && belowUpper(v, interval.upper);
}

/** True when the range admits `v`. */
export function rangeAdmits(range: VersionRange, v: Version): boolean {
  if (range.excluded.some((x) => compareVersions(x, v) === 0)) return false;
  return range.intervals.some((i) => intervalAdmits(i, v));
}

/** The tighter of two lower bounds. */
function maxLower(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = compareVersions(a.version, b.version);
  if (c !== 0) return c > 0 ? a : b;
  return a.inclusive ? b : a;
}

function minUpper(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = compareVersions(a.version, b.version);
  if (c !== 0) return c < 0 ? a : b;
  return a.inclusive ? b : a;
}

/** True when an interval contains no version. */
export function intervalIsEmpty(i: Interval): boolean {
  if (!i.lower || !i.upper) return false;
  const c = compareVersions(i.lower.version, i.upper.version);
  return c > 0 || (c === 0 && !(i.lower.inclusive && i.upper.inclusive));
}

/** The intersection of two intervals (may be empty). */
export function intersectIntervals(a: Interval, b: Interval): Interval {
  const lower = maxLower(a.lower, b.lower);
  const upper = minUpper(a.upper, b.upper);
  return { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
}

/** True when some version is admitted by both ranges (the `!=` points are not considered). */
export function rangesOverlap(a: VersionRange, b: VersionRange): boolean {
  return a.intervals.some((x) => b.intervals.some((y) => !intervalIsEmpty(intersectIntervals(x, y))));
}

function intervalWithin(inner: Interval, outer: Interval): boolean {
  if (intervalIsEmpty(inner)) return true;
  return boundWithin(inner.lower, outer.lower, 1) && boundWithin(inner.upper, outer.upper, -1);
}

// `direction` 1: inner lower bound at or above outer's; -1: inner upper bound at or below outer's.
function boundWithin(inner: Bound | undefined, outer: Bound | undefined, direction: 1 | -1): boolean {
  if (!outer) return true;
  if (!inner) return false;
  const c = compareVersions(inner.version, outer.version) * direction;
  return c > 0 || (c === 0 && (outer.inclusive || !inner.inclusive));
}

/** True when every version `inner` admits is admitted by `outer` (`>=2.0.46,<2.1` within `>=2.0.46,<3.0.0`). */
export function rangeWithin(inner: VersionRange, outer: VersionRange): boolean {
  return inner.intervals.every((i) => outer.intervals.some((o) => intervalWithin(i, o)));
}

/** True when both ranges admit the same versions (`>=2.0.46,<3.0.0` equals `>=2.0.46,<3`). */
export function rangesEquivalent(a: VersionRange, b: VersionRange): boolean {
  return rangeWithin(a, b) && rangeWithin(b, a);
}

/** The lowest admitted version when the range has an inclusive lower bound (`^5.1.2` → 5.1.2). */
export function rangeMinimum(range: VersionRange): Version | undefined {
  const lowers = range.intervals.map((i) => i.lower);
  if (lowers.length === 0 || lowers.some((l) => l === undefined || !l.inclusive)) return undefined;
  return lowers.map((l) => l!.version).sort(compareVersions)[0];
}
