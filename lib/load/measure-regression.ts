// Runs a baseline measurement (lib/baselines/regression-profile.ts) against the target: the same endpoints under
// the same open-loop load every time, so two measurements compare.
import { collectFingerprint, type FingerprintExtras } from '../baselines/environment-fingerprint.js';
import type { CurrentMeasurement } from '../baselines/compare-to-baseline.js';
import { DEFAULT_REGRESSION_PROFILE, describeProfile, type RegressionEndpoint, type RegressionProfile } from '../baselines/regression-profile.js';
import type { LoadPlanInput } from './load-plan.js';
import type { LoadRunner } from './load-runner.js';
import type { LoadSummary } from './load-summary.js';

/** Options of {@link measureRegression}. */
export interface MeasureRegressionOptions {
  readonly endpoints: readonly RegressionEndpoint[];
  /** @default DEFAULT_REGRESSION_PROFILE */
  readonly profile?: RegressionProfile;
  readonly runner: LoadRunner;
  /** Recorded in the fingerprint (commit, Docker/compose versions, image ids). */
  readonly fingerprint?: FingerprintExtras;
}

/** One measurement: the load summary and the same data as a comparable measurement (fingerprint + endpoints). */
export interface RegressionMeasurement {
  readonly summary: LoadSummary;
  readonly measurement: CurrentMeasurement;
}

/** Runs the profile against the endpoints (bounded: at most rate × (warm-up + duration) requests each). */
export async function measureRegression(options: MeasureRegressionOptions): Promise<RegressionMeasurement> {
  const profile = options.profile ?? DEFAULT_REGRESSION_PROFILE;
  const perEndpoint = Math.ceil((profile.ratePerSec * (profile.durationMs + profile.warmupMs)) / 1000) + profile.connections;
  const plan: LoadPlanInput = {
    endpoints: options.endpoints.map((e) => ({ name: e.name, url: e.url, headers: { ...(e.headers ?? {}) } })),
    mode: profile.mode,
    ratePerSec: profile.ratePerSec,
    durationMs: profile.durationMs,
    warmupMs: profile.warmupMs,
    connections: profile.connections,
    maxRequests: perEndpoint,
    timeoutMs: 5_000,
  };
  const summary = await options.runner.run(plan);
  const fingerprint = collectFingerprint({ ...(options.fingerprint ?? {}), loadProfile: describeProfile(profile) });
  return { summary, measurement: { fingerprint, endpoints: summary.endpoints.map((e) => ({ ...e, intendedRate: e.intendedRate ?? profile.ratePerSec })) } };
}
