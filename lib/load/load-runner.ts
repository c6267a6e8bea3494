// The LoadRunner boundary and its real adapter: autocannon (closed loop) plus our open-loop scheduler.
import { SystemClock, type Clock } from '../common/clock.js';
import { ConfigError } from '../common/errors.js';
import { createLogger, type Logger } from '../common/logger.js';
import { assertLoopbackTarget } from './assert-loopback-target.js';
import { loadPlanSchema, type LoadPlanInput } from './load-plan.js';
import type { EndpointLoadSummary, LoadSummary } from './load-summary.js';
import { runOpenLoop } from './open-loop-scheduler.js';
import { runClosedLoop } from './run-closed-loop.js';

/** Generates load against loopback targets and summarizes what it measured. */
export interface LoadRunner {
  /**
   * Validates the plan, refuses non-loopback targets before sending anything, then loads each endpoint
   * in turn (each for `warmupMs + durationMs`, at most `maxRequests`).
   */
  run(plan: LoadPlanInput): Promise<LoadSummary>;
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

  async run(input: LoadPlanInput): Promise<LoadSummary> {
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
    for (const endpoint of plan.endpoints) {
      endpoints.push(plan.mode === 'open' ? await runOpenLoop(endpoint, plan, this.clock, this.log) : await runClosedLoop(endpoint, plan, this.clock, this.log));
    }
    return {
      mode: plan.mode,
      startedAt,
      durationMs: this.clock.monotonicMs() - started,
      endpoints,
      passed: endpoints.every((e) => e.passed),
    };
  }
}
