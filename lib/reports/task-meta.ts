// The contract between gate tests and the phase reporter: what a test puts in `ctx.task.meta`.
import type { CheckResult } from '../checks/check-result.js';
import type { LoadSummary } from '../load/load-summary.js';
import type { BaselineReportInput, Contradiction, LoadReport, RebuildReport, ResourceReport, VersionRow } from './model.js';

/**
 * What a gate test may record for the report (all optional, all plain serializable data). Vitest 4 carries
 * `ctx.task.meta` to the reporter as `testCase.meta()`.
 *
 * @example
 * ctx.task.meta.criterionIds = ['P1-SC3'];
 * ctx.task.meta.checks = [result];
 * ctx.task.meta.load = summary; // a LoadSummary from lib/load
 */
export interface PhaseTaskMeta {
  /** Criterion IDs this test decides (criteria.md). Without it the IDs are read from the test name. */
  criterionIds?: string[];
  /** The check results behind the verdict. */
  checks?: CheckResult[];
  /** Single-criterion shorthand of `criterionIds`. */
  criterionId?: string;
  /** Single-check shorthand of `checks`. */
  check?: CheckResult;
  /** The criterion needs a human: why (the report lists it as manual unless the test failed). */
  manual?: string;
  /** Raw load summaries (lib/load); converted with their latency distribution, labelled by criterion or test. */
  load?: LoadSummary | LoadSummary[];
  /** Load sections already in report form. */
  loads?: LoadReport[];
  /** Baseline comparisons (a lib/baselines `BaselineComparison` fits). */
  baseline?: BaselineReportInput | BaselineReportInput[];
  /** The rebuild timeline (last one wins). */
  rebuild?: RebuildReport;
  /** Resource samples (appended across tests). */
  resources?: ResourceReport['samples'];
  /** Service versions before/after (appended across tests). */
  versions?: VersionRow[];
  /** Plan contradictions and how the run resolved them. */
  contradictions?: Contradiction[];
  /** Environment facts measured by a test (`docker: 27.3.1`); merged into the report's environment. */
  environment?: Record<string, string>;
}

declare module 'vitest' {
  // Same field types as suites/_setup/gate.ts declares, plus the report sections.
  interface TaskMeta {
    criterionIds?: string[];
    checks?: CheckResult[];
    criterionId?: string;
    check?: CheckResult;
    manual?: string;
    load?: LoadSummary | LoadSummary[];
    loads?: LoadReport[];
    baseline?: BaselineReportInput | BaselineReportInput[];
    rebuild?: RebuildReport;
    resources?: ResourceReport['samples'];
    versions?: VersionRow[];
    contradictions?: Contradiction[];
    environment?: Record<string, string>;
  }
}
