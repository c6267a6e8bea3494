// The serializable run report (pure): what a gate run decided, per criterion, with evidence.
import type { CheckResult } from '../checks/check-result.js';
import { criteriaOfGroup, findCriterion } from '../criteria/catalog.js';

export type Verdict = 'passed' | 'failed' | 'interrupted';
export type CriterionStatus = 'passed' | 'failed' | 'skipped' | 'not-implemented' | 'manual';

export interface CriterionOutcome {
  readonly id: string;
  readonly title: string;
  readonly threshold: string;
  readonly status: CriterionStatus;
  readonly checks: readonly CheckResult[];
  /** Why there is no automated verdict (manual / not implemented). */
  readonly reason?: string;
}

export interface TestOutcome {
  readonly name: string;
  readonly file: string;
  readonly state: 'passed' | 'failed' | 'skipped' | 'pending';
  readonly durationMs: number;
  readonly criterionIds: readonly string[];
  readonly checks: readonly CheckResult[];
  /** First error message of a failed test (masked). */
  readonly error?: string;
}

export interface RunReport {
  readonly schemaVersion: 1;
  readonly runId: string;
  readonly phase: string;
  readonly target: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly verdict: Verdict;
  readonly environment: Readonly<Record<string, string>>;
  readonly tests: readonly TestOutcome[];
  readonly criteria: readonly CriterionOutcome[];
  readonly counts: { readonly tests: Record<TestOutcome['state'], number>; readonly criteria: Record<CriterionStatus, number> };
}

/** Builds the report from test outcomes; the catalog group adds every criterion the run did not decide. */
export function buildRunReport(input: {
  runId: string;
  phase: string;
  target: string;
  startedAt: string;
  finishedAt: string;
  interrupted: boolean;
  environment: Record<string, string>;
  tests: readonly TestOutcome[];
  /** Catalog group of the phase (`A2`), or undefined for suites that are not a plan phase. */
  group: string | undefined;
}): RunReport {
  const byId = new Map<string, CheckResult[]>();
  const failedTestIds = new Set<string>();
  for (const t of input.tests) {
    for (const c of t.checks) byId.set(c.criterionId, [...(byId.get(c.criterionId) ?? []), c]);
    if (t.state === 'failed') t.criterionIds.forEach((id) => failedTestIds.add(id));
  }
  // In a plan phase the checks decide; in a self-test the checks are expected to fail and the tests decide.
  const checksDecide = input.group !== undefined;
  const decided: CriterionOutcome[] = [...byId.entries()].map(([id, checks]) => {
    const c = findCriterion(id);
    // A criterion with checks is decided by its own checks (a test may hold several criteria); otherwise by its test.
    const failed = checksDecide ? checks.some((r) => r.status !== 'passed') : failedTestIds.has(id);
    return { id, title: c?.criterion ?? checks[0]!.title, threshold: c?.threshold ?? checks[0]!.limit ?? '', status: failed ? 'failed' : 'passed', checks };
  });
  // A test that failed before producing a check (an exception) still fails its criteria.
  for (const id of failedTestIds) {
    if (!byId.has(id)) {
      const c = findCriterion(id);
      const error = input.tests.find((t) => t.criterionIds.includes(id))?.error ?? 'test failed';
      decided.push({ id, title: c?.criterion ?? id, threshold: c?.threshold ?? '', status: 'failed', checks: [], reason: error });
    }
  }
  // Criteria whose tests exist but did not run (filtered with -t, or skipped) are not "not implemented".
  const skippedIds = new Set(input.tests.filter((t) => t.state === 'skipped' || t.state === 'pending').flatMap((t) => t.criterionIds));
  const undecided: CriterionOutcome[] = input.group
    ? criteriaOfGroup(input.group)
        .filter((c) => !byId.has(c.id) && !failedTestIds.has(c.id))
        .map((c) =>
          skippedIds.has(c.id)
            ? { id: c.id, title: c.criterion, threshold: c.threshold, status: 'skipped' as const, checks: [], reason: 'implemented, but its test did not run in this run (filtered or skipped)' }
            :
          c.automation === 'no'
            ? { id: c.id, title: c.criterion, threshold: c.threshold, status: 'manual' as const, checks: [], reason: `manual (the catalog marks it not automatable)${c.how ? `: ${c.how}` : ''}` }
            : { id: c.id, title: c.criterion, threshold: c.threshold, status: 'not-implemented' as const, checks: [], reason: `not implemented in this version of phasegate (${c.type}, automation: ${c.automation})` },
        )
    : [];
  const criteria = [...decided.sort((a, b) => a.id.localeCompare(b.id)), ...undecided];
  const count = <K extends string>(keys: readonly K[], values: readonly K[]) => Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<K, number>;
  const anyFailed = input.tests.some((t) => t.state === 'failed') || decided.some((d) => d.status === 'failed');
  return {
    schemaVersion: 1,
    runId: input.runId,
    phase: input.phase,
    target: input.target,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    verdict: input.interrupted ? 'interrupted' : anyFailed ? 'failed' : 'passed',
    environment: input.environment,
    tests: input.tests,
    criteria,
    counts: {
      tests: count(['passed', 'failed', 'skipped', 'pending'], input.tests.map((t) => t.state)),
      criteria: count(['passed', 'failed', 'skipped', 'not-implemented', 'manual'], criteria.map((c) => c.status)),
    },
  };
}
