// The serializable run report (pure): what a gate run decided, per criterion, with evidence and the
// optional measurement sections (load, baselines, rebuild, resources) other modules attach.
import { z } from 'zod';
import { criteriaOfGroup, findCriterion } from '../criteria/catalog.js';

/** Version of the JSON layout written to `report.json`. 1 = before the measurement sections existed. */
export const REPORT_SCHEMA_VERSION = 2;

/** Outcome of the whole run. `error`: something outside any test failed (e.g. the global setup). */
export const verdictSchema = z.enum(['passed', 'failed', 'interrupted', 'error']);
export type Verdict = z.output<typeof verdictSchema>;

/** Status of one criterion: `skipped` = implemented but its test did not run in this run. */
export const criterionStatusSchema = z.enum(['passed', 'failed', 'skipped', 'not-implemented', 'manual']);
export type CriterionStatus = z.output<typeof criterionStatusSchema>;

/** Mirrors `Evidence` of lib/checks/check-result.ts. */
export const evidenceSchema = z.object({
  label: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  unit: z.string().optional(),
});

/** Mirrors `CheckResult` of lib/checks/check-result.ts. */
export const checkResultSchema = z.object({
  criterionId: z.string(),
  title: z.string(),
  status: z.enum(['passed', 'failed', 'skipped', 'error']),
  measurement: z.union([z.number(), z.string(), z.boolean()]).optional(),
  limit: z.string().optional(),
  message: z.string(),
  evidence: z.array(evidenceSchema).readonly().optional(),
  /** How long the check took, in ms. */
  durationMs: z.number().optional(),
});

/** One vitest test of a gate suite. */
export const testOutcomeSchema = z.object({
  name: z.string(),
  file: z.string(),
  state: z.enum(['passed', 'failed', 'skipped', 'pending']),
  /** Wall time of the test, in ms. */
  durationMs: z.number(),
  criterionIds: z.array(z.string()).readonly(),
  checks: z.array(checkResultSchema).readonly(),
  /** First line of the first error of a failed test (masked). */
  error: z.string().optional(),
  /** Set when the test only records that its criterion needs a human (`ctx.task.meta.manual`). */
  manual: z.string().optional(),
});
export type TestOutcome = z.output<typeof testOutcomeSchema>;

/** The verdict on one acceptance criterion of criteria.md. */
export const criterionResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The threshold as criteria.md writes it. */
  threshold: z.string(),
  status: criterionStatusSchema,
  checks: z.array(checkResultSchema).readonly(),
  /** Why there is no automated verdict (manual, not implemented, not run) or why it failed without a check. */
  reason: z.string().optional(),
  /** Summed wall time of the tests that decided it, in ms. */
  durationMs: z.number().optional(),
});
export type CriterionResult = z.output<typeof criterionResultSchema>;
/** @deprecated Old name of {@link CriterionResult}. */
export type CriterionOutcome = CriterionResult;

/** Latency digest of one endpoint, in ms (a `LatencyStats` of lib/stats fits). */
export const latencyDigestSchema = z.object({
  count: z.number(),
  minMs: z.number().optional(),
  maxMs: z.number().optional(),
  meanMs: z.number().optional(),
  p50Ms: z.number(),
  p90Ms: z.number().optional(),
  p95Ms: z.number(),
  p99Ms: z.number(),
});

/** One endpoint of a load run (an `EndpointLoadSummary` of lib/load fits; unknown keys are dropped). */
export const loadEndpointSchema = z.object({
  name: z.string(),
  /** `METHOD /path`. */
  route: z.string(),
  mode: z.enum(['closed', 'open']).optional(),
  connections: z.number().optional(),
  /** Requests per second asked for (open loop). */
  intendedRate: z.number().optional(),
  /** Responses per second measured. */
  achievedRate: z.number().optional(),
  /** Share of measured requests that errored or got a status ≥ 400, 0–1. */
  errorRate: z.number().optional(),
  latency: latencyDigestSchema,
  /** Latency distribution for charts: bucket value (ms) → count, ascending, at most a few hundred buckets. */
  distribution: z.array(z.object({ valueMs: z.number(), count: z.number() })).readonly().optional(),
  passed: z.boolean().optional(),
});
export type LoadEndpointReport = z.output<typeof loadEndpointSchema>;

/** One load run (a test may run several). */
export const loadReportSchema = z.object({
  /** What this load belongs to: a criterion ID or a test name. */
  label: z.string(),
  startedAt: z.string().optional(),
  /** Wall time of the whole load run, in ms. */
  durationMs: z.number().optional(),
  endpoints: z.array(loadEndpointSchema).readonly(),
});
export type LoadReport = z.output<typeof loadReportSchema>;

/** A confidence interval of a ratio current/baseline (1 = unchanged). */
export const intervalSchema = z.object({ estimate: z.number(), lower: z.number(), upper: z.number(), confidence: z.number().optional() });

/** A baseline comparison (a `BaselineComparison` of lib/baselines fits). */
export const baselineReportSchema = z.object({
  label: z.string().default('baseline'),
  verdict: z.enum(['regressed', 'improved', 'unchanged', 'inconclusive']),
  /** Allowed slowdown as a fraction (0.1 = 10 %). */
  tolerance: z.number(),
  /** Confidence level of the intervals, e.g. 0.95. */
  confidence: z.number(),
  endpoints: z
    .array(
      z.object({
        name: z.string(),
        route: z.string(),
        verdict: z.enum(['regressed', 'improved', 'unchanged', 'inconclusive']),
        /** Judged percentile, e.g. 95. */
        percentile: z.number(),
        ratio: intervalSchema.optional(),
        message: z.string(),
      }),
    )
    .readonly(),
  warnings: z.array(z.string()).readonly().default([]),
});
export type BaselineReport = z.output<typeof baselineReportSchema>;
/** What a producer hands in (label and warnings may be omitted). */
export type BaselineReportInput = z.input<typeof baselineReportSchema>;

/** A rebuild/redeploy timeline: one bar per step in the Gantt chart. */
export const rebuildReportSchema = z.object({
  startedAt: z.string().optional(),
  /** Wall time of the whole rebuild, in ms. */
  totalMs: z.number().optional(),
  steps: z
    .array(
      z.object({
        /** `build`, `pull`, `up`, `healthy`… */
        name: z.string(),
        service: z.string().optional(),
        /** Start of the step after the rebuild started, in ms. */
        startMs: z.number(),
        durationMs: z.number(),
        status: z.enum(['passed', 'failed', 'skipped', 'timed-out']),
        message: z.string().optional(),
      }),
    )
    .readonly(),
});
export type RebuildReport = z.output<typeof rebuildReportSchema>;

/** Resource samples of containers over time. */
export const resourceReportSchema = z.object({
  samples: z
    .array(
      z.object({
        /** Time of the sample after the run started, in ms. */
        tMs: z.number(),
        container: z.string(),
        memoryBytes: z.number().optional(),
        /** CPU use in percent of one core (200 = two cores busy). */
        cpuPercent: z.number().optional(),
      }),
    )
    .readonly(),
});
export type ResourceReport = z.output<typeof resourceReportSchema>;

/** A service and its image version before and after the phase (002 Story 12 "Service Update Matrix"). */
export const versionRowSchema = z.object({ service: z.string(), before: z.string().optional(), after: z.string().optional() });
export type VersionRow = z.output<typeof versionRowSchema>;

/** A contradiction between plan documents and how this run resolved it. */
export const contradictionSchema = z.object({ id: z.string(), question: z.string(), choice: z.string(), alternatives: z.array(z.string()).readonly() });
export type Contradiction = z.output<typeof contradictionSchema>;

const TEST_STATES = ['passed', 'failed', 'skipped', 'pending'] as const;
const CRITERION_STATUSES = criterionStatusSchema.options;
const n = z.number().default(0);

/** The whole run: what `report.json` holds and every reporter renders. */
export const runReportSchema = z.object({
  /** {@link REPORT_SCHEMA_VERSION} when written; 1 for files written before the measurement sections. */
  schemaVersion: z.literal([1, 2]),
  runId: z.string(),
  /** The vitest project (`phase1`, `selftest`). */
  phase: z.string(),
  /** `reference` or the name of a live target. */
  target: z.string(),
  /** ISO time. */
  startedAt: z.string(),
  /** ISO time. */
  finishedAt: z.string(),
  verdict: verdictSchema,
  /** Environment fingerprint: `node`, `os`, `cpus`, `docker`, `compose`, `gitCommit`… (masked). */
  environment: z.record(z.string(), z.string()),
  tests: z.array(testOutcomeSchema).readonly(),
  criteria: z.array(criterionResultSchema).readonly(),
  /** Errors outside any test (a failing global setup), first line each, masked. */
  unhandledErrors: z.array(z.string()).readonly().default([]),
  loads: z.array(loadReportSchema).readonly().optional(),
  baselines: z.array(baselineReportSchema).readonly().optional(),
  rebuild: rebuildReportSchema.optional(),
  resources: resourceReportSchema.optional(),
  versions: z.array(versionRowSchema).readonly().optional(),
  contradictions: z.array(contradictionSchema).readonly().optional(),
  notImplemented: z.array(z.object({ id: z.string(), reason: z.string() })).readonly().default([]),
  /** Tests per state and criteria per status. */
  counts: z.object({
    tests: z.object({ passed: n, failed: n, skipped: n, pending: n }),
    criteria: z.object({ passed: n, failed: n, skipped: n, 'not-implemented': n, manual: n }),
  }),
});
export type RunReport = z.output<typeof runReportSchema>;
/** What {@link runReportSchema} accepts (defaults not yet applied). */
export type RunReportInput = z.input<typeof runReportSchema>;

/** Input of {@link buildRunReport}. Measurement sections are optional: renderers say "not measured in this run". */
export interface BuildRunReportInput {
  readonly runId: string;
  readonly phase: string;
  readonly target: string;
  /** ISO time. */
  readonly startedAt: string;
  /** ISO time. */
  readonly finishedAt: string;
  /** The run was stopped (Ctrl-C, bail). */
  readonly interrupted: boolean;
  readonly environment: Readonly<Record<string, string>>;
  readonly tests: readonly TestOutcome[];
  /** Catalog group of the phase (`A2`), or undefined for suites that are not a plan phase (`selftest`). */
  readonly group: string | undefined;
  /** Errors outside any test. Any makes the verdict `error` (unless interrupted). @default [] */
  readonly unhandledErrors?: readonly string[];
  readonly loads?: readonly LoadReport[];
  readonly baselines?: readonly BaselineReportInput[];
  readonly rebuild?: RebuildReport;
  readonly resources?: ResourceReport;
  readonly versions?: readonly VersionRow[];
  readonly contradictions?: readonly Contradiction[];
}

/**
 * Builds the report from test outcomes. In a plan phase each criterion is decided by its own checks (a test may
 * hold several criteria); the catalog group adds every criterion the run did not decide, as not run, manual or
 * not implemented. In a self-test (no group) the checks are expected to fail and the tests decide.
 */
export function buildRunReport(input: BuildRunReportInput): RunReport {
  const byId = new Map<string, z.output<typeof checkResultSchema>[]>();
  const failedTestIds = new Set<string>();
  const durationById = new Map<string, number>();
  const manualById = new Map<string, string>();
  for (const t of input.tests) {
    for (const c of t.checks) byId.set(c.criterionId, [...(byId.get(c.criterionId) ?? []), c]);
    for (const id of t.criterionIds) durationById.set(id, (durationById.get(id) ?? 0) + t.durationMs);
    if (t.state === 'failed') t.criterionIds.forEach((id) => failedTestIds.add(id));
    if (t.manual !== undefined && t.state !== 'failed') t.criterionIds.filter((id) => !byId.has(id)).forEach((id) => manualById.set(id, t.manual!));
  }
  const checksDecide = input.group !== undefined;
  const withDuration = (id: string) => (durationById.has(id) ? { durationMs: durationById.get(id)! } : {});
  const decided: CriterionResult[] = [...byId.entries()].map(([id, checks]) => {
    const c = findCriterion(id);
    const failed = checksDecide ? checks.some((r) => r.status === 'failed' || r.status === 'error') : failedTestIds.has(id);
    // A check that could not decide yet ("not yet provable: up 4 min of 1 h") leaves its criterion skipped, with why.
    const undecidedCheck = failed ? undefined : checks.find((r) => r.status === 'skipped');
    const status = failed ? 'failed' : undecidedCheck ? 'skipped' : 'passed';
    return { id, title: c?.criterion ?? checks[0]!.title, threshold: c?.threshold ?? checks[0]!.limit ?? '', status, checks, ...(undecidedCheck ? { reason: undecidedCheck.message } : {}), ...withDuration(id) };
  });
  // A test that failed before producing a check (an exception) still fails its criteria.
  for (const id of failedTestIds) {
    if (byId.has(id)) continue;
    const c = findCriterion(id);
    const error = input.tests.find((t) => t.state === 'failed' && t.criterionIds.includes(id))?.error ?? 'test failed';
    decided.push({ id, title: c?.criterion ?? id, threshold: c?.threshold ?? '', status: 'failed', checks: [], reason: error, ...withDuration(id) });
  }
  for (const [id, why] of manualById) {
    if (failedTestIds.has(id)) continue;
    const c = findCriterion(id);
    decided.push({ id, title: c?.criterion ?? id, threshold: c?.threshold ?? '', status: 'manual', checks: [], reason: `manual: ${why}`, ...withDuration(id) });
  }
  // A passing test that names a criterion but recorded no check decides it by itself.
  const testOnly = new Set(input.tests.filter((t) => t.state === 'passed' && t.manual === undefined).flatMap((t) => t.criterionIds));
  for (const id of testOnly) {
    if (byId.has(id) || failedTestIds.has(id) || manualById.has(id)) continue;
    const c = findCriterion(id);
    decided.push({ id, title: c?.criterion ?? id, threshold: c?.threshold ?? '', status: 'passed', checks: [], reason: 'decided by its test, which recorded no check', ...withDuration(id) });
  }
  const seen = new Set(decided.map((d) => d.id));
  const skippedIds = new Set(input.tests.filter((t) => t.state === 'skipped' || t.state === 'pending').flatMap((t) => t.criterionIds));
  const undecided: CriterionResult[] = (input.group ? criteriaOfGroup(input.group) : [])
    .filter((c) => !seen.has(c.id))
    .map((c) => {
      const base = { id: c.id, title: c.criterion, threshold: c.threshold, checks: [] };
      if (skippedIds.has(c.id)) return { ...base, status: 'skipped' as const, reason: 'implemented, but its test did not run in this run (filtered or skipped)' };
      if (c.automation === 'no') return { ...base, status: 'manual' as const, reason: `manual (the catalog marks it not automatable)${c.how ? `: ${c.how}` : ''}` };
      return { ...base, status: 'not-implemented' as const, reason: `not implemented in this version of phasegate (${c.type}, automation: ${c.automation})` };
    });
  const criteria = [...decided.sort((a, b) => a.id.localeCompare(b.id)), ...undecided];
  const tally = <K extends string>(keys: readonly K[], values: readonly K[]) => Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<K, number>;
  const anyFailed = input.tests.some((t) => t.state === 'failed') || decided.some((d) => d.status === 'failed');
  const unhandledErrors = input.unhandledErrors ?? [];
  const verdict: Verdict = input.interrupted ? 'interrupted' : unhandledErrors.length > 0 ? 'error' : anyFailed ? 'failed' : 'passed';
  // Parsing drops keys the sections' producers carry but the report does not need (raw histograms, fingerprints).
  return runReportSchema.parse({
    schemaVersion: REPORT_SCHEMA_VERSION,
    runId: input.runId,
    phase: input.phase,
    target: input.target,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    verdict,
    environment: input.environment,
    tests: input.tests,
    criteria,
    unhandledErrors,
    ...(input.loads?.length ? { loads: input.loads } : {}),
    ...(input.baselines?.length ? { baselines: input.baselines } : {}),
    ...(input.rebuild ? { rebuild: input.rebuild } : {}),
    ...(input.resources?.samples.length ? { resources: input.resources } : {}),
    ...(input.versions?.length ? { versions: input.versions } : {}),
    ...(input.contradictions?.length ? { contradictions: input.contradictions } : {}),
    notImplemented: criteria.filter((c) => c.status === 'not-implemented').map((c) => ({ id: c.id, reason: c.reason ?? 'not implemented' })),
    counts: { tests: tally(TEST_STATES, input.tests.map((t) => t.state)), criteria: tally(CRITERION_STATUSES, criteria.map((c) => c.status)) },
  });
}

/** Parses a `report.json` (any supported schema version); throws an Error naming each bad field on one line. */
export function parseRunReport(json: unknown): RunReport {
  const parsed = runReportSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new Error(`invalid run report: ${z.prettifyError(parsed.error).replace(/\n\s*/g, ' ')}`, { cause: parsed.error });
}
