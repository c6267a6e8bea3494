// Every service's health body at once: checkHealthBody per endpoint through the bounded sweep (lib/probes/sweep.ts).
import type { CheckResult } from './check-result.js';
import { maskSecrets } from '../common/secrets.js';
import { checkHealthBody, type HealthBodyCheck } from './check-health-body.js';
import { describeRule, type BodyRule } from '../probes/body-rule.js';
import { sweep, type SweepProgress } from '../probes/sweep.js';
import type { HttpProbe } from '../probes/http-probe.js';

/** One endpoint of a health sweep. */
export interface HealthSweepEndpoint {
  /** Compose service name (`data-api`). */
  readonly service: string;
  /** Full health URL (`http://127.0.0.1:8006/health`). */
  readonly url: string;
  /** What its body must say. */
  readonly rule: BodyRule;
}

/** Options of {@link checkHealthSweep}. */
export interface HealthSweepCheck {
  /** Criterion ID every result carries (`P1-SC1`). */
  readonly criterionId: string;
  /** Probes in flight at most. @default 16 (DEFAULT_SWEEP_CONCURRENCY) */
  readonly concurrency?: number;
  /** Each probe's own request bound, ms. @default 5000 */
  readonly timeoutMs?: number;
  /** Bound on one endpoint's whole check, ms, in case its own bound does not end it. @default timeoutMs + 2000 */
  readonly hardTimeoutMs?: number;
  /** A healthy answer slower than this fails too, ms. @default no latency limit */
  readonly latencyBudgetMs?: number;
  /** Headers sent to every endpoint (auth masked). @default {} */
  readonly headers?: Record<string, string>;
  /** Called after each endpoint's verdict, in completion order. @default none */
  readonly onProgress?: (progress: SweepProgress<HealthSweepEndpoint, CheckResult>) => void;
  /** @default new HttpProbe() per check */
  readonly probe?: HttpProbe;
}

/** The verdicts in endpoint order, and the sweep's wall time. */
export interface HealthSweepResult {
  readonly results: CheckResult[];
  /** Wall time of the sweep, ms. */
  readonly wallMs: number;
  /** Most probes in flight at once. */
  readonly peakInFlight: number;
}

/** Judges every endpoint's body (checkHealthBody) with bounded concurrency and a hard bound per endpoint. Never throws for a verdict. */
export async function checkHealthSweep(endpoints: readonly HealthSweepEndpoint[], check: HealthSweepCheck): Promise<HealthSweepResult> {
  const timeoutMs = check.timeoutMs ?? 5_000;
  const hardTimeoutMs = check.hardTimeoutMs ?? timeoutMs + 2_000;
  const one = (e: HealthSweepEndpoint): Promise<CheckResult> => {
    const c: HealthBodyCheck = {
      criterionId: check.criterionId,
      ...e,
      timeoutMs,
      ...(check.latencyBudgetMs === undefined ? {} : { latencyBudgetMs: check.latencyBudgetMs }),
      ...(check.headers ? { headers: check.headers } : {}),
      ...(check.probe ? { probe: check.probe } : {}),
    };
    return checkHealthBody(c);
  };
  const outcome = await sweep(endpoints, one, {
    ...(check.concurrency === undefined ? {} : { concurrency: check.concurrency }),
    hardTimeoutMs,
    onHardTimeout: (e, ms) => hardTimeoutResult(e, check.criterionId, timeoutMs, ms),
    ...(check.onProgress ? { onProgress: check.onProgress } : {}),
  });
  return { results: outcome.results, wallMs: outcome.wallMs, peakInFlight: outcome.peakInFlight };
}

function hardTimeoutResult(e: HealthSweepEndpoint, criterionId: string, timeoutMs: number, hardTimeoutMs: number): CheckResult {
  const limit = describeRule(e.rule);
  return {
    criterionId,
    title: `${e.service} health`,
    status: 'failed',
    measurement: hardTimeoutMs,
    limit,
    durationMs: hardTimeoutMs,
    message: maskSecrets(`${e.service} (${e.url}) gave no verdict within the sweep's hard bound of ${hardTimeoutMs}ms (its own request bound: ${timeoutMs}ms); expected ${limit}. hint: the probe itself hung; is a proxy or the Docker port forwarder holding the connection?`),
  };
}
