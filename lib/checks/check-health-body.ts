// HEALTH_HTTP: a health endpoint answers 2xx AND its body says what a healthy service says. Several HomeIQ
// endpoints always answer 200, so the body is judged, not the status.
import type { CheckResult } from './check-result.js';
import { describeRule, evaluateBodyRule, type BodyRule } from '../probes/body-rule.js';
import { HttpProbe, type HttpProbeResult } from '../probes/http-probe.js';

export { describeRule, type BodyRule } from '../probes/body-rule.js';

/** One health endpoint to judge. */
export interface HealthBodyCheck {
  /** Criterion ID from criteria.md (`P0-S2-AC3a`). */
  readonly criterionId: string;
  /** Compose service name, used in messages (`websocket-ingestion`). */
  readonly service: string;
  /** Full URL of the endpoint (`http://127.0.0.1:8001/health`). */
  readonly url: string;
  /** What the body must say. */
  readonly rule: BodyRule;
  /** A healthy answer slower than this fails too, in ms. @default no latency limit */
  readonly latencyBudgetMs?: number;
  /** Request bound, ms. @default 5000 */
  readonly timeoutMs?: number;
  /** Request headers (auth is masked in every message). @default {} */
  readonly headers?: Record<string, string>;
  /** @default new HttpProbe() */
  readonly probe?: HttpProbe;
}

/** GETs the endpoint once and judges status, body and (optionally) latency. Never throws. */
export async function checkHealthBody(check: HealthBodyCheck): Promise<CheckResult> {
  const r = await (check.probe ?? new HttpProbe()).get(check.url, { timeoutMs: check.timeoutMs ?? 5_000, ...(check.headers ? { headers: check.headers } : {}) });
  return judgeHealthAnswer(r, check);
}

/** What {@link judgeHealthAnswer} needs besides the observation. */
export type HealthAnswerJudgement = Pick<HealthBodyCheck, 'criterionId' | 'service' | 'rule' | 'latencyBudgetMs'> & {
  /** URL the title is built from. @default the observation's (masked) URL */
  readonly url?: string;
};

/**
 * Judges one observed GET (an {@link HttpProbeResult}) by status, body rule and optional latency budget (pure).
 * {@link checkHealthBody} and the `toBeHealthy` matcher (lib/vitest/matchers.ts) share it, so both say the same.
 */
export function judgeHealthAnswer(r: HttpProbeResult, check: HealthAnswerJudgement): CheckResult {
  const budget = check.latencyBudgetMs === undefined ? '' : ` within ${check.latencyBudgetMs}ms`;
  const limit = `${describeRule(check.rule)}${budget}`;
  const title = `${check.service} ${safePath(check.url ?? r.url)}`;
  const base = { criterionId: check.criterionId, title, limit, durationMs: r.totalMs };
  const where = `${check.service} (${r.url})`;
  const excerpt = { label: 'response body', value: r.body.slice(0, 600) };
  if (r.error?.startsWith('invalid URL')) {
    return { ...base, status: 'error', message: `${where} cannot be probed: ${r.error}. hint: check the URL in the target config` };
  }
  if (r.status === undefined) {
    const hint = r.timedOut && r.connected
      ? 'the port accepts connections but nothing answers: a hung handler or blocked event loop; check `docker logs` of the service'
      : 'is the container running and bound to that port?';
    return { ...base, status: 'failed', message: `${where} did not answer: ${r.error}; expected ${limit}. hint: ${hint}` };
  }
  if (r.error !== undefined && r.status >= 200 && r.status < 300) {
    // Headers came, the body did not (slow drip, reset): judging the partial body would blame its content.
    return { ...base, status: 'failed', measurement: r.status, message: `${where} answered HTTP ${r.status} but the body did not complete: ${r.error}; expected ${limit}. hint: a body that never ends usually means a hung handler or a streaming endpoint`, evidence: [excerpt] };
  }
  if (r.status < 200 || r.status >= 300) {
    return { ...base, status: 'failed', measurement: r.status, message: `${where} answered HTTP ${r.status}; expected ${limit}`, evidence: [excerpt] };
  }
  const verdict = evaluateBodyRule(check.rule, r.body, { truncated: r.truncated });
  const measurement = verdict.actual ?? r.status;
  if (!verdict.ok) {
    const hint = r.truncated
      ? 'a health body larger than the probe\'s size cap is not a health document; is the right service answering on that port?'
      : verdict.reason?.startsWith('the body is not JSON') ? 'is something else (nginx, a proxy) answering on that port?' : 'HTTP 200 alone does not mean healthy here';
    return { ...base, status: 'failed', measurement, message: `${where} answered HTTP ${r.status} but ${verdict.reason}; expected ${limit}. hint: ${hint}`, evidence: [excerpt] };
  }
  const what = 'field' in check.rule ? `${check.rule.field} = ${verdict.shown}` : `answered HTTP ${r.status}`;
  const timing = `${r.totalMs.toFixed(1)}ms`;
  if (check.latencyBudgetMs !== undefined && r.totalMs > check.latencyBudgetMs) {
    return { ...base, status: 'failed', measurement: Math.round(r.totalMs * 10) / 10, message: `${where} ${what} but took ${timing}; expected ${limit}. hint: a slow health answer often means a blocked event loop or a slow dependency`, evidence: [excerpt] };
  }
  return { ...base, status: 'passed', measurement, message: 'field' in check.rule ? `${where} ${what} (HTTP ${r.status}, ${timing})` : `${where} ${what} in ${timing}`, ...('field' in check.rule ? { evidence: [excerpt] } : {}) };
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
