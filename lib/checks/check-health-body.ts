// HEALTH_HTTP: a health endpoint answers 2xx AND its body says what a healthy service says. Several HomeIQ
// endpoints always answer 200, so the body is judged, not the status.
import type { CheckResult } from './check-result.js';
import { httpGet, readPath, type HttpGetOptions } from '../probes/http-get.js';

/** What the body must contain. */
export type BodyRule =
  | { readonly field: string; readonly equals: string | number | boolean }
  | { readonly field: string; readonly oneOf: readonly (string | number | boolean)[] }
  | { readonly field: string; readonly greaterThan: number }
  | { readonly contains: string }
  | { readonly any: true };

export interface HealthBodyCheck {
  readonly criterionId: string;
  readonly service: string;
  readonly url: string;
  readonly rule: BodyRule;
  /** Request bound, ms. @default 5000 */
  readonly timeoutMs?: number;
  readonly headers?: HttpGetOptions['headers'];
}

export function describeRule(rule: BodyRule): string {
  if ('any' in rule) return '2xx';
  if ('contains' in rule) return `2xx and body contains ${JSON.stringify(rule.contains)}`;
  if ('equals' in rule) return `2xx and ${rule.field} == ${JSON.stringify(rule.equals)}`;
  if ('oneOf' in rule) return `2xx and ${rule.field} in ${JSON.stringify(rule.oneOf)}`;
  return `2xx and ${rule.field} > ${rule.greaterThan}`;
}

export async function checkHealthBody(check: HealthBodyCheck): Promise<CheckResult> {
  const limit = describeRule(check.rule);
  const title = `${check.service} ${new URL(check.url).pathname}`;
  const r = await httpGet(check.url, { timeoutMs: check.timeoutMs ?? 5_000, ...(check.headers ? { headers: check.headers } : {}) });
  const base = { criterionId: check.criterionId, title, limit, durationMs: r.totalMs };
  const excerpt = { label: 'response body', value: r.body.slice(0, 600) };
  if (r.status === undefined) {
    return { ...base, status: 'failed', message: `${check.service} (${r.url}) did not answer: ${r.error}; expected ${limit}. hint: is the container running and bound to that port?` };
  }
  if (r.status < 200 || r.status >= 300) {
    return { ...base, status: 'failed', measurement: r.status, message: `${check.service} (${r.url}) answered HTTP ${r.status}; expected ${limit}`, evidence: [excerpt] };
  }
  const rule = check.rule;
  if ('any' in rule) return { ...base, status: 'passed', measurement: r.status, message: `${check.service} (${r.url}) answered HTTP ${r.status} in ${r.totalMs.toFixed(1)}ms` };
  if ('contains' in rule) {
    const ok = r.body.includes(rule.contains);
    return { ...base, status: ok ? 'passed' : 'failed', measurement: r.status, message: ok ? `${check.service} (${r.url}) answered ${r.status} with the expected content` : `${check.service} (${r.url}) answered ${r.status} but the body lacks ${JSON.stringify(rule.contains)}`, evidence: [excerpt] };
  }
  let json: unknown;
  try {
    json = JSON.parse(r.body);
  } catch {
    return { ...base, status: 'failed', measurement: r.status, message: `${check.service} (${r.url}) answered ${r.status} but the body is not JSON${r.truncated ? ' (truncated at the size cap)' : ''}; expected ${limit}`, evidence: [excerpt] };
  }
  const actual = readPath(json, rule.field);
  const ok = 'equals' in rule ? actual === rule.equals : 'oneOf' in rule ? rule.oneOf.includes(actual as string) : typeof actual === 'number' && actual > rule.greaterThan;
  const shown = actual === undefined ? 'missing' : JSON.stringify(actual);
  return {
    ...base,
    status: ok ? 'passed' : 'failed',
    measurement: typeof actual === 'object' ? shown : (actual as string | number | boolean | undefined) ?? 'missing',
    message: ok
      ? `${check.service} (${r.url}) ${rule.field} = ${shown} (HTTP ${r.status}, ${r.totalMs.toFixed(1)}ms)`
      : `${check.service} (${r.url}) answered HTTP ${r.status} but ${rule.field} = ${shown}; expected ${limit}. hint: HTTP 200 alone does not mean healthy here`,
    evidence: [excerpt],
  };
}
