// k6's `abortOnFail`: budgets evaluated on the partial results while the load runs; the first one that fails (after
// its `delayAbortEval`) stops the run early.
import { evaluateBudgets, formatBudgetResult, type BudgetResult } from '../budgets/evaluate-budgets.js';
import type { ResolvedBudget } from '../budgets/budget-schema.js';
import type { EndpointLoadSummary, LoadSummary } from './load-summary.js';
import { toBudgetMetrics } from './load-summary.js';

/** Why a run stopped early. */
export interface LoadAbort {
  /** Time from the start of the run to the evaluation that failed, in ms. */
  readonly afterMs: number;
  /** The endpoint being loaded when the run stopped. */
  readonly endpoint: string;
  /** k6-style lines of the failing abortOnFail budgets, e.g. `✗ 'p(95)<10' p(95)=51.20ms`. */
  readonly budgets: readonly string[];
}

/** Options of a load run that watches budgets while it runs (`LoadRunner.run`'s second argument). */
export interface LoadRunOptions {
  /**
   * Budgets from the config; those with `abortOnFail: true` are evaluated every `abortEvalIntervalMs` on the
   * results so far (warm-up excluded), and the first failure stops the run. A budget is not evaluated before its
   * `delayAbortEvalMs` has passed since the run started, nor while its metric has no data yet. @default []
   */
  readonly budgets?: readonly ResolvedBudget[];
  /** How often abortOnFail budgets are evaluated, in ms. k6 evaluates every 2 s. @default 1000 */
  readonly abortEvalIntervalMs?: number;
}

/**
 * The abortOnFail budgets that fail on `partial`, `elapsedMs` after the run started. Pure. Budgets still inside
 * their `delayAbortEval`, and budgets whose metric has no data yet, never abort (k6 semantics: no data is not a
 * failure mid-run).
 */
export function failingAbortBudgets(budgets: readonly ResolvedBudget[], elapsedMs: number, partial: LoadSummary): BudgetResult[] {
  const due = budgets.filter((b) => b.abortOnFail && elapsedMs >= b.delayAbortEvalMs);
  if (due.length === 0) return [];
  return evaluateBudgets(toBudgetMetrics(partial), due).filter((r) => !r.passed && r.actual !== undefined);
}

/** The k6-style lines of failing budgets, for {@link LoadAbort.budgets}. */
export function abortLines(results: readonly BudgetResult[]): string[] {
  return results.map((r) => `${r.metric}: ${formatBudgetResult(r)}`);
}

/** How the runner steers one endpoint's run: stop it early, and read its results so far. */
export interface EndpointRunControl {
  /** Aborting it ends the endpoint's run at once: open requests are dropped, what was measured is kept. */
  readonly signal?: AbortSignal;
  /** Called once, at the start, with a function that summarizes the measured results so far. */
  readonly onProgress?: (partial: () => EndpointLoadSummary) => void;
}
