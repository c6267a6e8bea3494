// INFRA_CHECK: the compose project is valid and free of the anomalies a criterion cares about, read by our own
// parser (lib/inventory), so no `docker compose config` subprocess is needed: a located parse error, an unset
// variable, a missing env file, a dependency on an unknown service. Pure apart from the loader it is given.
import type { CheckResult } from './check-result.js';
import type { AnomalyKind, Inventory } from '../inventory/types.js';
import { maskSecrets } from '../common/secrets.js';

/** Options of {@link checkComposeProject}. */
export interface ComposeProjectCheck {
  /** Criterion ID from criteria.md (`RUN-PRE-2a`). */
  readonly criterionId: string;
  /** What the criterion asks, for the title and messages (`compose config valid`). */
  readonly what: string;
  /** Anomaly kinds that fail the criterion. @default [] (only a parse error fails) */
  readonly kinds?: readonly AnomalyKind[];
  /** Only anomalies of these services (and project-level ones) count. @default every service */
  readonly services?: readonly string[];
  /** Appended to a failure. @default a hint per kind */
  readonly hint?: string;
}

const HINTS: Partial<Record<AnomalyKind, string>> = {
  'unset-variable': 'set it in .env (template: infrastructure/env.example) or the environment',
  'missing-env-file': 'create the env file the service names (004 L29: .env, infrastructure/env.production)',
  'unknown-dependency': 'depends_on names a service the compose file lacks',
  'inactive-dependency': 'depends_on names a service its profiles switch off',
  'hardcoded-secret-default': 'a secret with a fallback in the compose file runs with that fallback when .env lacks it',
};

/** Loads the compose project with `load` and judges it. Never throws: a load error is the failure. */
export function checkComposeProject(load: () => Inventory, check: ComposeProjectCheck): CheckResult {
  const kinds = check.kinds ?? [];
  const limit = kinds.length === 0 ? 'parses as a compose project' : `parses, and no ${kinds.join(' / ')} anomaly`;
  const base = { criterionId: check.criterionId, title: check.what, limit };
  let inventory: Inventory;
  try {
    inventory = load();
  } catch (error) {
    const e = error as Error & { hint?: string };
    // ConfigError messages already end in "\nhint: …"; one line for the summary table.
    const text = (e.hint && !e.message.includes('hint:') ? `${e.message}. hint: ${e.hint}` : e.message).replace(/\s*\n\s*/g, '; ');
    return { ...base, status: 'failed', message: maskSecrets(`${check.what}: the compose project does not load: ${text}`) };
  }
  const scope = check.services ? new Set(check.services) : undefined;
  const found = inventory.anomalies.filter((a) => kinds.includes(a.kind) && (a.service === null || scope === undefined || scope.has(a.service)));
  const files = inventory.files.join(', ');
  if (found.length === 0) {
    return { ...base, status: 'passed', measurement: 0, message: `${check.what}: ${files} load with ${inventory.services.length} active service(s)${kinds.length ? `, no ${kinds.join(' / ')} anomaly` : ''}` };
  }
  const shown = found.slice(0, 5).map((a) => a.message).join('; ');
  const more = found.length > 5 ? ` (+${found.length - 5} more)` : '';
  const hint = check.hint ?? HINTS[found[0]!.kind] ?? 'see the anomaly message';
  return {
    ...base,
    status: 'failed',
    measurement: found.length,
    message: maskSecrets(`${check.what}: ${found.length} anomal${found.length === 1 ? 'y' : 'ies'} in ${files}: ${shown}${more}. hint: ${hint}`),
    evidence: found.map((a) => ({ label: `${a.kind}${a.service ? ` (${a.service})` : ''}`, value: maskSecrets(a.message) })),
  };
}
