// Custom vitest matchers for phasegate's results: `expect(result).toPassCheck()`, `expect(probe).toBeHealthy()`, …
// Each judges the same way as the check it belongs to and reuses that check's message (lib/checks), so a failing
// assertion reads like a failing gate: what, where, the measurement, the limit and a hint, secret-masked.
// Registered for the gate suites by lib/vitest/setup-matchers.ts (vitest.config.ts `setupFiles`).
// When to use `gate(ctx, …)` instead: docs/checks.md "Matchers or gate()".
import type { MatcherState } from 'vitest';
import type { CheckResult } from '../checks/check-result.js';
import type { ContainerSnapshot } from '../checks/container-state-source.js';
import { judgeHealthAnswer } from '../checks/check-health-body.js';
import { ConfigError } from '../common/errors.js';
import { maskSecrets } from '../common/secrets.js';
import { describeRule, evaluateBodyRule, type BodyRule } from '../probes/body-rule.js';
import type { HttpProbeResult } from '../probes/http-probe.js';

/** Options of `toBeHealthy` for an {@link HttpProbeResult}. */
export interface ToBeHealthyOptions {
  /** What the body must say. @default { field: 'status', equals: 'healthy' } */
  readonly rule?: BodyRule;
  /** Service name used in the message. @default the URL's host:port */
  readonly service?: string;
  /** A healthy answer slower than this fails too, in ms. @default no latency limit */
  readonly latencyBudgetMs?: number;
}

/** An earlier sample of the containers and when it was taken (epoch ms), as `checkNoRestarts(source, { since })` takes it. */
export interface ContainerSample {
  readonly states: readonly ContainerSnapshot[];
  readonly atMs: number;
}

/** The phasegate matchers, typed for `expect(x).…` and `expect.…` (asymmetric). */
export interface PhasegateMatchers<R = unknown> {
  /** A {@link CheckResult} whose status is `passed`. A skipped result (not decided) fails with its reason. */
  toPassCheck(): R;
  /** A {@link CheckResult} whose status is `failed` (a verdict, not `error`), its message matching `pattern` when given. */
  toFailCheck(pattern?: RegExp | string): R;
  /**
   * A {@link CheckResult} that passed, or an {@link HttpProbeResult} judged by its **body** (default
   * `status == "healthy"`): HTTP 200 with `"degraded"` is not healthy.
   */
  toBeHealthy(options?: ToBeHealthyOptions): R;
  /** An {@link HttpProbeResult} or a body string whose JSON `field` (default `status`) equals `expected`, whatever the HTTP status. */
  toHaveBodyStatus(expected: string | number | boolean, options?: { readonly field?: string }): R;
  /** An {@link HttpProbeResult} that answered within `ms` (`totalMs <= ms`), or a {@link CheckResult} whose `durationMs <= ms`. */
  toRespondWithin(ms: number): R;
  /**
   * Container snapshots (`ContainerStateSource.list()`) with no container (re)started after `since`: a time
   * (Date, ISO string, epoch ms) compares each StartedAt; an earlier {@link ContainerSample} also compares
   * RestartCount and container id, and a container missing now counts.
   */
  toHaveNoRestartsSince(since: Date | string | number | ContainerSample): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends PhasegateMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends PhasegateMatchers {}
}

/** What a matcher returns to vitest (vitest's own MatcherOutcome is not exported by `vitest`). */
export interface MatcherOutcome {
  readonly pass: boolean;
  readonly message: () => string;
  readonly actual?: unknown;
  readonly expected?: unknown;
}

/** The verdict of one matcher before vitest inverts it for `.not`. */
export interface Verdict {
  readonly pass: boolean;
  /** Shown when the assertion fails without `.not`. */
  readonly failMessage: string;
  /** Shown when the assertion fails with `.not` (the value did pass). */
  readonly notMessage: string;
}

const result = (v: Verdict, actual?: unknown, expected?: unknown): MatcherOutcome => ({
  pass: v.pass,
  message: () => maskSecrets(v.pass ? v.notMessage : v.failMessage),
  ...(actual === undefined ? {} : { actual }),
  ...(expected === undefined ? {} : { expected }),
});

function misuse(matcher: string, wanted: string, received: unknown): never {
  const got = received === null ? 'null' : Array.isArray(received) ? 'an array' : typeof received === 'object' ? `an object with keys ${Object.keys(received).slice(0, 6).join(', ')}` : typeof received;
  throw new ConfigError(maskSecrets(`${matcher}() expects ${wanted}; got ${got}`), { hint: 'pass the value a lib/checks function or HttpProbe.get() returned' });
}

/** True for a {@link CheckResult} (criterionId, status and message present). */
export function isCheckResult(value: unknown): value is CheckResult {
  return typeof value === 'object' && value !== null && typeof (value as CheckResult).criterionId === 'string' && typeof (value as CheckResult).status === 'string' && typeof (value as CheckResult).message === 'string';
}

/** True for an {@link HttpProbeResult} (url, body and totalMs present). */
export function isProbeResult(value: unknown): value is HttpProbeResult {
  return typeof value === 'object' && value !== null && typeof (value as HttpProbeResult).body === 'string' && typeof (value as HttpProbeResult).totalMs === 'number' && typeof (value as HttpProbeResult).url === 'string';
}

const tag = (r: CheckResult) => `[${r.criterionId}]`;

/** Pure core of `toPassCheck`. */
export function judgePassCheck(r: CheckResult): Verdict {
  const notMessage = `${tag(r)} ${r.title} passed, expected it not to: ${r.message}`;
  switch (r.status) {
    case 'passed':
      return { pass: true, failMessage: '', notMessage };
    case 'skipped':
      return { pass: false, notMessage, failMessage: `${tag(r)} ${r.title} was not decided (skipped): ${r.message}. hint: a skipped check is never a pass; gate(ctx, result) records it as skipped with this reason` };
    case 'error':
      return { pass: false, notMessage, failMessage: `${tag(r)} ${r.title} could not run (error): ${r.message}` };
    default:
      return { pass: false, notMessage, failMessage: `${tag(r)} ${r.title} failed: ${r.message}` };
  }
}

/** Pure core of `toFailCheck`. */
export function judgeFailCheck(r: CheckResult, pattern?: RegExp | string): Verdict {
  const notMessage = `${tag(r)} ${r.title} failed, expected it not to: ${r.message}`;
  if (r.status !== 'failed') {
    return { pass: false, notMessage, failMessage: `${tag(r)} ${r.title} is ${r.status}, expected failed: ${r.message}. hint: a self-test proves a check can fail; the fault did not reach the check, or the check cannot see it` };
  }
  const matches = pattern === undefined || (typeof pattern === 'string' ? r.message.includes(pattern) : pattern.test(r.message));
  if (!matches) {
    const shown = typeof pattern === 'string' ? JSON.stringify(pattern) : String(pattern);
    return { pass: false, notMessage, failMessage: `${tag(r)} ${r.title} failed, but its message does not match ${shown}: ${r.message}. hint: the check failed for another reason than the injected fault` };
  }
  return { pass: true, failMessage: '', notMessage };
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Pure core of `toBeHealthy`: a CheckResult must have passed; a probe result is judged like checkHealthBody does. */
export function judgeHealthy(received: CheckResult | HttpProbeResult, options: ToBeHealthyOptions = {}): Verdict {
  if (isCheckResult(received)) {
    const v = judgePassCheck(received);
    return { ...v, notMessage: `${tag(received)} ${received.title} is healthy, expected it not to be: ${received.message}` };
  }
  const rule = options.rule ?? { field: 'status', equals: 'healthy' };
  const judged = judgeHealthAnswer(received, {
    criterionId: '',
    service: options.service ?? hostOf(received.url),
    rule,
    ...(options.latencyBudgetMs === undefined ? {} : { latencyBudgetMs: options.latencyBudgetMs }),
  });
  return { pass: judged.status === 'passed', failMessage: judged.message, notMessage: `${judged.message}; expected it not to be healthy (${describeRule(rule)})` };
}

/** Pure core of `toHaveBodyStatus`: the body's JSON `field` equals `expected`; the HTTP status is not judged. */
export function judgeBodyStatus(received: HttpProbeResult | string, expected: string | number | boolean, field = 'status'): Verdict {
  const body = typeof received === 'string' ? received : received.body;
  const truncated = typeof received === 'string' ? false : received.truncated;
  const where = typeof received === 'string' ? 'the body' : received.status === undefined ? `${received.url} (no answer: ${received.error ?? 'unknown'})` : `${received.url} (HTTP ${received.status})`;
  const limit = `${field} == ${JSON.stringify(expected)}`;
  const verdict = evaluateBodyRule({ field, equals: expected }, body, { truncated });
  if (verdict.ok) return { pass: true, failMessage: '', notMessage: `${where} says ${field} = ${verdict.shown}; expected it not to be ${JSON.stringify(expected)}` };
  const hint = verdict.reason?.startsWith('the body is not JSON') ? 'is something else (nginx, a proxy) answering on that port?' : 'the body decides, not the HTTP status';
  return { pass: false, notMessage: '', failMessage: `${where} says ${verdict.reason}; expected ${limit}. hint: ${hint}` };
}

/** Pure core of `toRespondWithin`. */
export function judgeRespondWithin(received: CheckResult | HttpProbeResult, ms: number): Verdict {
  if (isCheckResult(received)) {
    if (received.durationMs === undefined) misuse('toRespondWithin', 'a CheckResult with durationMs', received);
    const took = `${received.durationMs.toFixed(1)}ms`;
    return received.durationMs <= ms
      ? { pass: true, failMessage: '', notMessage: `${tag(received)} ${received.title} took ${took}; expected longer than ${ms}ms` }
      : { pass: false, notMessage: '', failMessage: `${tag(received)} ${received.title} took ${took}; expected <= ${ms}ms. hint: ${received.message}` };
  }
  const took = `${received.totalMs.toFixed(1)}ms`;
  if (received.status === undefined) {
    return { pass: false, notMessage: '', failMessage: `${received.url} did not answer: ${received.error ?? 'no response'} (after ${took}); expected an answer within ${ms}ms. hint: is the service running and bound to that port?` };
  }
  if (received.totalMs <= ms) return { pass: true, failMessage: '', notMessage: `${received.url} answered HTTP ${received.status} in ${took}; expected slower than ${ms}ms` };
  return { pass: false, notMessage: '', failMessage: `${received.url} answered HTTP ${received.status} in ${took}; expected within ${ms}ms. hint: a slow answer often means a blocked event loop or a slow dependency` };
}

function toEpochMs(since: Date | string | number): number {
  const ms = since instanceof Date ? since.getTime() : typeof since === 'number' ? since : Date.parse(since);
  if (!Number.isFinite(ms)) misuse('toHaveNoRestartsSince', 'a Date, an ISO time, epoch ms or a { states, atMs } sample', since);
  return ms;
}

/** Pure core of `toHaveNoRestartsSince`. */
export function judgeNoRestartsSince(now: readonly ContainerSnapshot[], since: Date | string | number | ContainerSample): Verdict {
  const sample = typeof since === 'object' && !(since instanceof Date) ? since : undefined;
  const sinceMs = sample ? sample.atMs : toEpochMs(since as Date | string | number);
  const iso = new Date(sinceMs).toISOString();
  const restarted: string[] = [];
  if (sample) {
    const current = new Map(now.map((s) => [s.service, s]));
    for (const x of sample.states) {
      const y = current.get(x.service);
      if (!y) restarted.push(`${x.service} (container missing now)`);
      else if (y.restartCount !== x.restartCount || y.startedAt !== x.startedAt || y.id !== x.id) {
        restarted.push(`${x.service}: RestartCount ${x.restartCount}→${y.restartCount}, StartedAt ${x.startedAt}→${y.startedAt}${y.id !== x.id ? ' (container recreated)' : ''}`);
      }
    }
  } else {
    for (const s of now) {
      if (Date.parse(s.startedAt) > sinceMs || s.state === 'restarting') {
        restarted.push(`${s.service} (${s.name}): StartedAt ${s.startedAt}, ${s.state}, RestartCount ${s.restartCount}`);
      }
    }
  }
  const total = sample ? sample.states.length : now.length;
  if (restarted.length === 0) {
    return { pass: true, failMessage: '', notMessage: `no container among ${total} (re)started since ${iso}; expected a restart` };
  }
  return {
    pass: false,
    notMessage: '',
    failMessage: `${restarted.length} of ${total} container(s) (re)started since ${iso}: ${restarted.join('; ')}; expected 0 restarts. hint: \`docker logs <container>\` shows why; a crash loop shows as restarting`,
  };
}

/** The matchers for `expect.extend`. Each throws a ConfigError when given a value it cannot judge (with or without `.not`). */
export const phasegateMatchers = {
  toPassCheck(this: MatcherState, received: unknown): MatcherOutcome {
    if (!isCheckResult(received)) misuse('toPassCheck', 'a CheckResult', received);
    return result(judgePassCheck(received), received.status, 'passed');
  },
  toFailCheck(this: MatcherState, received: unknown, pattern?: RegExp | string): MatcherOutcome {
    if (!isCheckResult(received)) misuse('toFailCheck', 'a CheckResult', received);
    return result(judgeFailCheck(received, pattern), received.status, 'failed');
  },
  toBeHealthy(this: MatcherState, received: unknown, options?: ToBeHealthyOptions): MatcherOutcome {
    if (!isCheckResult(received) && !isProbeResult(received)) misuse('toBeHealthy', 'a CheckResult or an HttpProbeResult', received);
    return result(judgeHealthy(received, options));
  },
  toHaveBodyStatus(this: MatcherState, received: unknown, expected: string | number | boolean, options: { readonly field?: string } = {}): MatcherOutcome {
    if (typeof received !== 'string' && !isProbeResult(received)) misuse('toHaveBodyStatus', 'an HttpProbeResult or a body string', received);
    return result(judgeBodyStatus(received, expected, options.field));
  },
  toRespondWithin(this: MatcherState, received: unknown, ms: number): MatcherOutcome {
    if (!isCheckResult(received) && !isProbeResult(received)) misuse('toRespondWithin', 'an HttpProbeResult or a CheckResult with durationMs', received);
    return result(judgeRespondWithin(received, ms));
  },
  toHaveNoRestartsSince(this: MatcherState, received: unknown, since: Date | string | number | ContainerSample): MatcherOutcome {
    if (!Array.isArray(received)) misuse('toHaveNoRestartsSince', 'an array of container snapshots', received);
    return result(judgeNoRestartsSince(received as ContainerSnapshot[], since));
  },
};
