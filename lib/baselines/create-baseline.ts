// Builds a baseline document from a run's per-endpoint results.
import { BASELINE_SCHEMA_VERSION, type Baseline, type EndpointBaseline, type EnvironmentFingerprint } from './baseline-schema.js';

/** Input of {@link createBaseline}; a LoadSummary's endpoints fit `endpoints` (extra fields are dropped). */
export interface CreateBaselineInput {
  readonly target: string;
  readonly phase: string;
  readonly fingerprint: EnvironmentFingerprint;
  readonly endpoints: readonly EndpointBaseline[];
  /** @default now */
  readonly createdAt?: Date;
}

/** Picks the stored fields of each endpoint and stamps version and time. */
export function createBaseline(input: CreateBaselineInput): Baseline {
  return {
    schemaVersion: BASELINE_SCHEMA_VERSION,
    target: input.target,
    phase: input.phase,
    createdAt: (input.createdAt ?? new Date()).toISOString(),
    fingerprint: input.fingerprint,
    endpoints: input.endpoints.map((e) => ({
      name: e.name,
      route: e.route,
      mode: e.mode,
      ...(e.intendedRate === undefined ? {} : { intendedRate: e.intendedRate }),
      achievedRate: e.achievedRate,
      requests: { measured: e.requests.measured, responses: e.requests.responses },
      latency: { ...e.latency },
      histogram: e.histogram,
      errorRate: e.errorRate,
    })),
  };
}
