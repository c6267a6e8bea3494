// What every phase's rebuild suite records first: the config's contradiction choices, the plan's own choices and
// defects, and every place where the scheduler had to move a dependency ahead of the plan's order (D6.3).
import { expect, inject, type TestContext } from 'vitest';
import type { PhaseRebuildResult } from '../../lib/rebuild/phase-rebuild.js';
import { toRebuildReport } from '../../lib/rebuild/progress.js';
import type { Contradiction } from '../../lib/reports/model.js';

/** Attaches contradictions and the rebuild timeline to the test and asserts the plan fits the target. */
export function expectPlanFits(ctx: TestContext, rebuild: PhaseRebuildResult | null, planChoices: readonly Contradiction[]): void {
  ctx.task.meta.contradictions = [
    ...inject('contradictions'),
    ...planChoices,
    ...(rebuild?.violations ?? []).map((v) => ({
      id: 'D6.3',
      question: `may ${v.first} be rebuilt before ${v.dependency}, which it depends on?`,
      choice: `no: ${v.message}`,
      alternatives: [`the plan's order (${v.firstStep} before ${v.dependencyStep})`],
    })),
  ];
  expect(rebuild, 'no rebuild ran: PHASEGATE_REBUILD=0 or the suite has no plan').not.toBeNull();
  ctx.task.meta.rebuild = toRebuildReport(rebuild!.state);
  expect(rebuild!.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
}

/** The config's choice for a contradiction (`work-scope`), from the provided list. */
export function choiceOf(id: string): string | undefined {
  return inject('contradictions').find((c) => c.id === id)?.choice.split(':')[0];
}

/** The fixed `sleep N` + `docker ps` look every plan step ends with is replaced by a readiness poll (D5.8). */
export const FIXED_SLEEP_CHOICE: Contradiction = {
  id: 'D5.8',
  question: 'Is a service "healthy after N s" when the plan\'s fixed sleep ends, or when Docker reports it healthy?',
  choice: 'when Docker reports it healthy (polled, bounded at 120 s per service); the plan\'s sleeps are recorded as planWaitS, never slept',
  alternatives: ['sleep N, then read `docker ps` Status once (a container still "starting" passes unnoticed)'],
};
