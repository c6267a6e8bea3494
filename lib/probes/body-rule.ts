// Judges a health response body. Several HomeIQ endpoints always answer HTTP 200, so the body decides.

/**
 * What a response body must contain to count as healthy.
 * - `{ field: 'status', equals: 'healthy' }`: a dotted JSON path equals a value.
 * - `{ field: 'status', oneOf: ['healthy', 'warning'] }`: a dotted JSON path is one of several values.
 * - `{ field: 'service_status.policy_count', greaterThan: 0 }`: a dotted JSON path is a number above a bound.
 * - `{ json: true }`: the body parses as JSON.
 * - `{ contains: 'InfluxDB' }`: the raw body contains a substring.
 * - `{ lacks: 'HTTP 404' }`: the raw body does not contain a substring (an upstream error inside a 200 answer).
 * - `{ any: true }`: any 2xx answer (frontends, Jaeger UI).
 */
export type BodyRule =
  | { readonly field: string; readonly equals: string | number | boolean }
  | { readonly field: string; readonly oneOf: readonly (string | number | boolean)[] }
  | { readonly field: string; readonly greaterThan: number }
  | { readonly json: true }
  | { readonly contains: string }
  | { readonly lacks: string }
  | { readonly any: true };

/** The verdict of {@link evaluateBodyRule}. */
export interface BodyRuleVerdict {
  readonly ok: boolean;
  /** Why it failed, as a phrase that follows "answered HTTP 200 but …" (`status = "degraded"`, `the body is not JSON`). */
  readonly reason?: string;
  /** The value read at the rule's field (JSON rendered for objects), or the HTTP-level measurement. */
  readonly actual?: string | number | boolean;
  /** Rendering of the actual value for messages (`"degraded"`, `missing`). */
  readonly shown?: string;
}

/** The rule as the limit is written in messages: `2xx and status == "healthy"`. */
export function describeRule(rule: BodyRule): string {
  if ('any' in rule) return '2xx';
  if ('json' in rule) return '2xx and a JSON body';
  if ('contains' in rule) return `2xx and body contains ${JSON.stringify(rule.contains)}`;
  if ('lacks' in rule) return `2xx and body lacks ${JSON.stringify(rule.lacks)}`;
  if ('equals' in rule) return `2xx and ${rule.field} == ${JSON.stringify(rule.equals)}`;
  if ('oneOf' in rule) return `2xx and ${rule.field} in ${JSON.stringify(rule.oneOf)}`;
  return `2xx and ${rule.field} > ${rule.greaterThan}`;
}

/** Reads a dotted path (`dependencies.influxdb.status`) out of parsed JSON; undefined when absent. */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Applies a body rule to a (possibly truncated) body. Pure; a non-JSON body for a JSON rule is a failure, not a throw. */
export function evaluateBodyRule(rule: BodyRule, body: string, options: { readonly truncated?: boolean } = {}): BodyRuleVerdict {
  if ('any' in rule) return { ok: true };
  if ('contains' in rule) return body.includes(rule.contains) ? { ok: true } : { ok: false, reason: `the body lacks ${JSON.stringify(rule.contains)}` };
  if ('lacks' in rule) return body.includes(rule.lacks) ? { ok: false, reason: `the body contains ${JSON.stringify(rule.lacks)}` } : { ok: true };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: `the body is not JSON${options.truncated ? ' (truncated at the size cap)' : ''}` };
  }
  if ('json' in rule) return { ok: true };
  const value = readPath(json, rule.field);
  const shown = value === undefined ? 'missing' : JSON.stringify(value);
  const actual = value === undefined ? 'missing' : value !== null && typeof value === 'object' ? shown : value === null ? 'null' : (value as string | number | boolean);
  const ok =
    'equals' in rule ? value === rule.equals : 'oneOf' in rule ? rule.oneOf.some((v) => v === value) : typeof value === 'number' && value > rule.greaterThan;
  return ok ? { ok, actual, shown } : { ok, actual, shown, reason: `${rule.field} = ${shown}` };
}
