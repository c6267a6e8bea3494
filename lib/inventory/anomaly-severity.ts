// How bad each inventory anomaly is: `error` when compose would refuse to build or start the project as written.
import type { AnomalyKind } from './types.js';

/** `error`: compose fails (build, create or start); `warning`: it runs, but weaker or differently than intended. */
export type AnomalySeverity = 'error' | 'warning';

/** Severity of every {@link AnomalyKind}. */
export const ANOMALY_SEVERITY: Readonly<Record<AnomalyKind, AnomalySeverity>> = {
  // compose: "service app depends on undefined service dbb"
  'unknown-dependency': 'error',
  // compose refuses a required dependency that no active profile enables
  'inactive-dependency': 'error',
  // the second container fails with "port is already allocated"
  'duplicate-host-port': 'error',
  // the image's own HEALTHCHECK may still satisfy the condition, so this is only a warning
  'healthy-condition-without-healthcheck': 'warning',
  'missing-build-context': 'error',
  'missing-dockerfile': 'error',
  // compose: "env file … not found"
  'missing-env-file': 'error',
  'hardcoded-secret-default': 'warning',
  // compose substitutes "" and warns
  'unset-variable': 'warning',
};

/** Severity of one anomaly kind. */
export function anomalySeverity(kind: AnomalyKind): AnomalySeverity {
  return ANOMALY_SEVERITY[kind];
}
