// SECURITY (RUN-PRE-2c): the API keys and tokens a service runs with are set, are not the env.example placeholder
// and are not a default known from HomeIQ's own compose file or code. Pure: the caller reads the values (from
// lib/inventory); no value is ever printed, only its name and which rule it breaks.
import type { CheckResult } from './check-result.js';

/** Fallback credentials HomeIQ ships in its compose file, code and template (homeiq-facts.md §1). */
export const HOMEIQ_DEFAULT_SECRETS: readonly string[] = [
  'hs_P3rU9kQ2xZp6vL1fYc7bN4sTqD8mA0wR',
  'homeiq-token',
  'ha-ingestor-token',
  'admin123',
  'changeme',
  'password',
];

/** One secret-looking variable of one service, as compose would pass it. */
export interface SecretVariable {
  readonly service: string;
  readonly name: string;
  /** Null when unset. */
  readonly value: string | null;
}

/** Options of {@link checkSecretsNotDefault}. */
export interface SecretsCheck {
  /** Criterion ID from criteria.md. @default 'RUN-PRE-2c' */
  readonly criterionId?: string;
  /** Placeholder values of the template (`infrastructure/env.example`) by name; undefined when there is none. */
  readonly template?: Readonly<Record<string, string>>;
  /** Values that count as defaults whatever the name. @default HOMEIQ_DEFAULT_SECRETS */
  readonly knownDefaults?: readonly string[];
}

/** Every secret must be set, differ from the template's placeholder, and not be a known default. */
export function checkSecretsNotDefault(variables: readonly SecretVariable[], check: SecretsCheck = {}): CheckResult {
  const criterionId = check.criterionId ?? 'RUN-PRE-2c';
  const known = new Set(check.knownDefaults ?? HOMEIQ_DEFAULT_SECRETS);
  const limit = `set, ≠ ${check.template ? 'the env.example placeholder' : '(no template found)'}, ≠ a known HomeIQ default`;
  const base = { criterionId, title: 'API keys and tokens are not defaults', limit };
  const problems: string[] = [];
  for (const v of variables) {
    const at = `${v.service} ${v.name}`;
    if (v.value === null || v.value.trim() === '') problems.push(`${at} is not set`);
    else if (check.template?.[v.name] !== undefined && check.template[v.name] !== '' && check.template[v.name] === v.value) problems.push(`${at} still has the env.example placeholder value`);
    else if (known.has(v.value)) problems.push(`${at} is a known HomeIQ default (homeiq-facts.md §1)`);
  }
  const names = new Set(variables.map((v) => v.name));
  const templateNote = check.template ? '' : '; no env.example template was found, so placeholders were not compared';
  if (problems.length === 0) {
    return { ...base, status: variables.length === 0 ? 'skipped' : 'passed', measurement: 0, message: variables.length === 0 ? 'no secret-looking variable in the target services: nothing to judge' : `${names.size} secret variable name(s) over ${variables.length} service setting(s): all set, none a default${templateNote}` };
  }
  const shown = problems.slice(0, 6).join('; ');
  return {
    ...base,
    status: 'failed',
    measurement: problems.length,
    message: `${problems.length} secret setting(s) are missing or defaults: ${shown}${problems.length > 6 ? ` (+${problems.length - 6} more)` : ''}${templateNote}. hint: generate new keys and set them in .env; values are never printed`,
  };
}
