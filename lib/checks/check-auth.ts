// SECURITY: a protected endpoint rejects callers without a valid key (401/403), or a public one answers them.
// A 404 is never a rejection: the route may simply not exist (criteria.md D3.2/D3.3, data-api reads
// `Authorization: Bearer`, not `X-API-Key`, and its devices route is `/api/devices`, not `/api/v1/devices`).
import type { CheckResult } from './check-result.js';
import { HttpProbe } from '../probes/http-probe.js';
import { maskSecrets } from '../common/secrets.js';

/** What the endpoint must do with the attempts. */
export type AuthExpectation = 'rejected' | 'public';

/** One request to make: what it carries, in words, and its headers. */
export interface AuthAttempt {
  /** How the attempt is described in messages (`no key`, `X-API-Key: invalid`). */
  readonly label: string;
  /** Request headers; values are masked in every message. @default {} */
  readonly headers?: Record<string, string>;
}

/** What one attempt observed (the probe's status, or why it got none). */
export interface AuthAnswer {
  readonly label: string;
  /** HTTP status, or undefined when nothing answered. */
  readonly status?: number;
  /** Why nothing answered (`connect ECONNREFUSED …`). */
  readonly error?: string;
}

/** Options of {@link judgeAuthAnswers} and {@link checkAuth}. */
export interface AuthCheck {
  /** Criterion ID from criteria.md (`RUN-PRE-3c`). */
  readonly criterionId: string;
  /** Compose service, for messages (`data-api`). */
  readonly service: string;
  /** Full URL of the endpoint (masked in messages). */
  readonly url: string;
  /** `rejected`: every attempt must get 401 or 403. `public`: every attempt must get 2xx (no 401/403). */
  readonly expect: AuthExpectation;
}

const REJECTED = new Set([401, 403]);

/** Judges the answers (pure). Nothing answering is a failure: it proves neither protection nor openness. */
export function judgeAuthAnswers(check: AuthCheck, answers: readonly AuthAnswer[]): CheckResult {
  const where = `${check.service} ${maskSecrets(check.url)}`;
  const limit = check.expect === 'rejected' ? 'HTTP 401 or 403 for every attempt' : 'HTTP 2xx (not 401/403) for every attempt';
  const base = { criterionId: check.criterionId, title: `${check.service} ${pathOf(check.url)} ${check.expect === 'rejected' ? 'requires auth' : 'is public'}`, limit };
  const shown = answers.map((a) => `${a.label} → ${a.status === undefined ? `no answer (${a.error ?? 'unknown'})` : `HTTP ${a.status}`}`).join(', ');
  if (answers.length === 0) return { ...base, status: 'error', message: `${where}: no attempts were made. hint: pass at least one attempt` };
  const bad = answers.filter((a) => !meets(check.expect, a.status));
  if (bad.length === 0) return { ...base, status: 'passed', measurement: shown, message: `${where}: ${shown}` };
  const first = bad[0]!;
  const hint = hintFor(check.expect, first.status);
  return { ...base, status: 'failed', measurement: shown, message: `${where}: ${shown}; expected ${limit}. hint: ${hint}` };
}

function meets(expect: AuthExpectation, status: number | undefined): boolean {
  if (status === undefined) return false;
  return expect === 'rejected' ? REJECTED.has(status) : status >= 200 && status < 300;
}

function hintFor(expect: AuthExpectation, status: number | undefined): string {
  if (status === undefined) return 'nothing answered, so neither protection nor openness is shown; is the service running on that port?';
  if (status === 404) return 'a 404 is not a rejection: the route does not exist here (D3.2), so the check proves nothing about auth; probe a route the service has';
  if (expect === 'rejected' && status >= 200 && status < 300) return 'the endpoint answers without a valid key; set ENABLE_AUTH / *_ALLOW_ANONYMOUS=false (homeiq-facts.md §3)';
  if (expect === 'public' && REJECTED.has(status)) return 'the runbook lists this endpoint as public (004 L450-460); the dashboard calls it without a key';
  return `HTTP ${status} is neither a rejection nor an answer`;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Makes each attempt with one bounded GET and judges the answers. Never throws. */
export async function checkAuth(check: AuthCheck & { readonly attempts: readonly AuthAttempt[]; /** @default 5000 */ readonly timeoutMs?: number; /** @default new HttpProbe() */ readonly probe?: HttpProbe }): Promise<CheckResult> {
  const probe = check.probe ?? new HttpProbe();
  const answers: AuthAnswer[] = [];
  for (const attempt of check.attempts) {
    const r = await probe.get(check.url, { timeoutMs: check.timeoutMs ?? 5_000, headers: attempt.headers ?? {} });
    answers.push({ label: attempt.label, ...(r.status === undefined ? { error: r.error ?? 'no response' } : { status: r.status }) });
  }
  return judgeAuthAnswers(check, answers);
}
