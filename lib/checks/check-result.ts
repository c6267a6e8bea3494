/** Outcome of one automated check. `error` means the check itself could not run (not a verdict). */
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'error';

/** A piece of evidence attached to a result: a measured value, a response body excerpt, a log tail. */
export interface Evidence {
  /** What this evidence is (`response body`, `container log tail`, `p(95)`). */
  readonly label: string;
  /** The evidence itself, already secret-masked and bounded in size. */
  readonly value: string | number | boolean | null;
  /** Unit of a numeric value (`ms`, `bytes`, `events`). */
  readonly unit?: string;
}

/**
 * The result of checking one acceptance criterion (or one facet of it) against a target.
 * Produced by check functions in lib/checks, consumed by tests (assertions) and reporters.
 */
export interface CheckResult {
  /** Criterion ID from criteria.md, e.g. `P1-SC3` or `P0-S2-AC3a`. */
  readonly criterionId: string;
  /** Short name of what was checked (`websocket-ingestion /health body`). */
  readonly title: string;
  readonly status: CheckStatus;
  /** The measured value (e.g. 148.2 for a latency, 0 for a restart count), when there is one. */
  readonly measurement?: number | string | boolean;
  /** The limit it was judged against, as written (`< 500 ms`, `== "healthy"`). */
  readonly limit?: string;
  /** One line: what, where, measurement, limit; a hint on failure. Secret-masked. */
  readonly message: string;
  readonly evidence?: readonly Evidence[];
  /** How long the check took, in milliseconds. */
  readonly durationMs?: number;
}
