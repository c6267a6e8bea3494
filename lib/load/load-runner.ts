// The LoadRunner boundary and its real adapter: autocannon (closed loop) plus our open-loop scheduler.
import { SystemClock, type Clock } from '../common/clock.js';
import { ConfigError } from '../common/errors.js';
import { createLogger, type Logger } from '../common/logger.js';
import { abortLines, failingAbortBudgets, type EndpointRunControl, type LoadAbort, type LoadRunOptions } from './abort-on-fail.js';
import { assertLoopbackTarget } from './assert-loopback-target.js';
import { loadPlanSchema, type LoadPlanInput } from './load-plan.js';
import type { EndpointLoadSummary, LoadSummary } from './load-summary.js';
import { runOpenLoop } from './open-loop-scheduler.js';
import { runClosedLoop } from './run-closed-loop.js';

/** Generates load against loopback targets and summarizes what it measured. */
export interface LoadRunner {
  /**
   * Validates the plan, refuses non-loopback targets before sending anything, then loads each endpoint
   * in turn (each for `warmupMs + durationMs`, at most `maxRequests`). With `options.budgets`, the abortOnFail ones
   * are evaluated while the load runs and the first failure stops the run (k6 semantics; see {@link LoadRunOptions}).
   */
  run(plan: LoadPlanInput, options?: LoadRunOptions): Promise<LoadSummary>;
}

/** Options of {@link AutocannonRunner}. */
export interface AutocannonRunnerOptions {
  /** @default new SystemClock() */
  readonly clock?: Clock;
  /** @default createLogger('phasegate:load') */
  readonly log?: Logger;
}

/**
 * The real {@link LoadRunner}. `closed` mode drives autocannon; `open` mode uses a fixed-rate scheduler
 * on node:http, because autocannon's fixed-rate mode times requests from their actual send and so
 * under-reports stalls (see `runOpenLoop`).
 */
export class AutocannonRunner implements LoadRunner {
  private readonly clock: Clock;
  private readonly log: Logger;

  constructor(options: AutocannonRunnerOptions = {}) {
    this.clock = options.clock ?? new SystemClock();
    this.log = options.log ?? createLogger('phasegate:load');
  }

  async run(input: LoadPlanInput, options: LoadRunOptions = {}): Promise<LoadSummary> {
    const parsed = loadPlanSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issue.path.map(String).join('.');
      throw new ConfigError(`invalid load plan: ${path === '' ? '' : `${path}: `}${issue.message}`, { path });
    }
    const plan = parsed.data;
    // Every target is checked before the first request goes out.
    for (const endpoint of plan.endpoints) assertLoopbackTarget(endpoint.url);
    const startedAt = new Date(this.clock.now()).toISOString();
    const started = this.clock.monotonicMs();
    const endpoints: EndpointLoadSummary[] = [];
    const watched = (options.budgets ?? []).filter((b) => b.abortOnFail);
    const controller = new AbortController();
    let partial: (() => EndpointLoadSummary) | undefined;
    let current = '';
    let aborted: LoadAbort | undefined;
    // k6 evaluates abortOnFail thresholds periodically on the results so far (every 2 s); so do we.
    const evaluate = () => {
      if (aborted !== undefined || partial === undefined) return;
      const afterMs = this.clock.monotonicMs() - started;
      const summary = { mode: plan.mode, startedAt, durationMs: afterMs, endpoints: [...endpoints, partial()], passed: true };
      const failing = failingAbortBudgets(watched, afterMs, summary);
      if (failing.length === 0) return;
      aborted = { afterMs, endpoint: current, budgets: abortLines(failing) };
      this.log(`Aborting the load run after ${Math.round(afterMs)}ms: ${aborted.budgets.join('; ')}`);
      controller.abort();
    };
    const interval = watched.length === 0 ? undefined : setInterval(evaluate, options.abortEvalIntervalMs ?? 1000);
    try {
      for (const endpoint of plan.endpoints) {
        if (aborted !== undefined) break;
        current = endpoint.name;
        const control: EndpointRunControl = { signal: controller.signal, onProgress: (p) => (partial = p) };
        endpoints.push(plan.mode === 'open' ? await runOpenLoop(endpoint, plan, this.clock, this.log, control) : await runClosedLoop(endpoint, plan, this.clock, this.log, control));
        partial = undefined;
      }
    } finally {
      clearInterval(interval);
    }
    return {
      mode: plan.mode,
      startedAt,
      durationMs: this.clock.monotonicMs() - started,
      endpoints,
      ...(aborted === undefined ? {} : { aborted }),
      passed: aborted === undefined && endpoints.every((e) => e.passed),
    };
  }
}
