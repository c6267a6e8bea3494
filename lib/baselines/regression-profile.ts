// What a performance baseline measures (P1-SC7, P1-S11-AC7: "< 10% regression vs the Phase 0 baseline"): the same
// endpoints under the same open-loop load, before and after a phase, so the two histograms can be compared.

/** The load every baseline measurement uses; two measurements compare only when their profiles are equal. */
export interface RegressionProfile {
  /** Open loop: latency timed from the intended send, so a stalling server cannot hide behind fewer requests. */
  readonly mode: 'open';
  /** Intended requests per second, per endpoint. @default 40 */
  readonly ratePerSec: number;
  /** Measured time per endpoint, in ms. @default 5000 (200 samples per endpoint at 40/s) */
  readonly durationMs: number;
  /** Warm-up per endpoint, in ms, not counted (a just-restarted service's first requests are slow). @default 5000 */
  readonly warmupMs: number;
  /** Maximum sockets per endpoint. @default 10 */
  readonly connections: number;
}

/** 200 samples per endpoint: enough for a bootstrap interval on p(95) (the comparison needs ≥ 100). */
export const DEFAULT_REGRESSION_PROFILE: RegressionProfile = { mode: 'open', ratePerSec: 40, durationMs: 5_000, warmupMs: 5_000, connections: 10 };

/** The fingerprint's `loadProfile` string, e.g. `open 50/s c10 4000ms`; a different string makes baselines incomparable. */
export function describeProfile(profile: RegressionProfile): string {
  return `${profile.mode} ${profile.ratePerSec}/s c${profile.connections} ${profile.durationMs}ms`;
}

/** One endpoint of the regression measurement. */
export interface RegressionEndpoint {
  /** Label, e.g. `data-api GET /api/v1/events`. */
  readonly name: string;
  /** Absolute URL on a loopback host. */
  readonly url: string;
  /** Request headers (secret-masked in every message). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Where the HomeIQ endpoints are: the gate's target description fits. */
export interface RegressionTarget {
  /** Service → base URL on 127.0.0.1. */
  readonly urls: Readonly<Record<string, string>>;
  /** Bearer key of data-api. */
  readonly apiKey: string;
}

/**
 * The endpoints 002 §11.2 times (the core `/health` endpoints) plus the data path the dashboards use
 * (data-api `/api/v1/events`). Services missing from the target are left out.
 */
export function homeiqRegressionEndpoints(target: RegressionTarget): RegressionEndpoint[] {
  const candidates: Array<[string, string, string, Record<string, string>?]> = [
    ['data-api', 'GET /api/v1/events', '/api/v1/events?limit=50', { Authorization: `Bearer ${target.apiKey}` }],
    ['data-api', 'GET /health', '/health'],
    ['websocket-ingestion', 'GET /health', '/health'],
    ['admin-api', 'GET /health', '/health'],
  ];
  return candidates
    .filter(([service]) => target.urls[service] !== undefined)
    .map(([service, label, path, headers]) => ({ name: `${service} ${label}`, url: `${target.urls[service]}${path}`, ...(headers ? { headers } : {}) }));
}
