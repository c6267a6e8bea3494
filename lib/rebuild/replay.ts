// What the plan's own procedure would take with the same builds: `build`, `up -d`, then its fixed `sleep N`, step by
// step (criteria.md §B1). A model, not a second run: the builds and recreates are this run's measured times.
import type { ResolvedStep } from '../plans/resolve-plan.js';
import type { TimelineEntry } from './state.js';

/**
 * Makespan of the fixed-sleep procedure in ms. Sequential steps: per service build + recreate (or restart) + the
 * plan's sleep. Parallel steps: the slowest build (the plans background every build and `wait`), the slowest
 * recreate (one `up -d` for the batch), then one sleep. Steps run one after the other.
 */
export function fixedSleepReplayMs(steps: readonly ResolvedStep[], timeline: readonly TimelineEntry[]): number {
  const measured = (service: string, step: TimelineEntry['step']) => timeline.filter((e) => e.service === service && e.step === step).reduce((ms, e) => ms + e.durationMs, 0);
  let total = 0;
  for (const step of steps) {
    const change = step.action === 'rebuild' ? 'recreate' : 'restart';
    if (step.mode === 'parallel') {
      total += Math.max(...step.services.map((s) => measured(s, 'build'))) + Math.max(...step.services.map((s) => measured(s, change))) + step.planWaitS * 1000;
    } else {
      for (const s of step.services) total += measured(s, 'build') + measured(s, change) + step.planWaitS * 1000;
    }
  }
  return total;
}
