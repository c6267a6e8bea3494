// zod schema for the `budgets` config block: validates and parses every expression at config load.
import { z } from 'zod';
import { ConfigError, PhasegateError } from '../common/errors.js';
import { parseBudgetExpression, parseMetricKey, type BudgetExpression, type MetricKey } from './parse-budget.js';

/** What happens when a budget is not met: `fail` closes the gate, `warn` only reports. */
export type BudgetSeverity = 'fail' | 'warn';

/** A budget after parsing: one metric, one expression, and the long form's options resolved. */
export interface ResolvedBudget {
  readonly metric: MetricKey;
  readonly expression: BudgetExpression;
  /** Stop the load run as soon as this budget fails. @default false */
  readonly abortOnFail: boolean;
  /** With `abortOnFail`, do not evaluate before this much of the run has passed, in ms. @default 0 */
  readonly delayAbortEvalMs: number;
  /** @default 'fail' */
  readonly severity: BudgetSeverity;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** k6's long form: `{ threshold: 'p(95)<500', abortOnFail: true, delayAbortEval: '10s', severity: 'warn' }`. */
export const budgetLongFormSchema = z.strictObject({
  /** The expression, e.g. `p(95)<500`. */
  threshold: z.string(),
  /** Stop the run when the budget fails. @default false */
  abortOnFail: z.boolean().default(false),
  /** Delay before `abortOnFail` is evaluated: milliseconds, or `"500ms"`, `"10s"`, `"1m"`. @default 0 */
  delayAbortEval: z
    .union([
      z.number().nonnegative(),
      z.string().regex(DURATION, 'Must be a duration like "500ms", "10s" or "1m"'),
    ])
    .default(0),
  /** @default 'fail' */
  severity: z.enum(['fail', 'warn']).default('fail'),
});

/** Input type of one budget: the short string form or the long form. */
export type BudgetInput = string | z.input<typeof budgetLongFormSchema>;

function durationMs(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = DURATION.exec(value)!;
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/**
 * The `budgets` block: metric key → list of expressions (k6 `thresholds` shape). Parses to
 * {@link ResolvedBudget}[]; every bad key or expression becomes a zod issue at its path, with the
 * parser's message (`failed parsing budget "p95<500" for latency: unknown aggregation "p95"; …`).
 *
 * @example budgets: { 'http_req_duration{route:GET /api/devices}': ['p(95)<500', 'p(99)<1200'], http_req_failed: ['rate<0.01'] }
 */
export const budgetSchema = z
  .record(z.string(), z.array(z.union([z.string(), budgetLongFormSchema])))
  .transform((input, ctx): ResolvedBudget[] => {
    const out: ResolvedBudget[] = [];
    for (const [key, entries] of Object.entries(input)) {
      let metric: MetricKey;
      try {
        metric = parseMetricKey(key);
      } catch (error) {
        ctx.issues.push({ code: 'custom', message: messageOf(error), input: key, path: [key] });
        continue;
      }
      entries.forEach((entry, index) => {
        const long = typeof entry === 'string' ? undefined : entry;
        const source = long ? long.threshold : (entry as string);
        try {
          out.push({
            metric,
            expression: parseBudgetExpression(source, key),
            abortOnFail: long?.abortOnFail ?? false,
            delayAbortEvalMs: long ? durationMs(long.delayAbortEval) : 0,
            severity: long?.severity ?? 'fail',
          });
        } catch (error) {
          ctx.issues.push({ code: 'custom', message: messageOf(error), input: source, path: [key, index] });
        }
      });
    }
    return out;
  });

/** Input of {@link budgetSchema} (what a config file holds). */
export type BudgetsInput = z.input<typeof budgetSchema>;

/** Options of {@link resolveBudgets}. */
export interface ResolveBudgetsOptions {
  /** File the budgets come from, prefixed to every problem line (`budgets.json: latency[0]: …`). @default none */
  readonly file?: string;
}

/**
 * Parses a budgets block outside a larger config; throws one {@link ConfigError} listing every problem, one line
 * each. Parser problems quote the expression and metric; schema problems (a typo in the long form, a bad
 * `delayAbortEval`) are prefixed with their path (`latency[0].delayAbortEval: …`).
 */
export function resolveBudgets(input: BudgetsInput, options: ResolveBudgetsOptions = {}): ResolvedBudget[] {
  const result = budgetSchema.safeParse(input);
  if (result.success) return result.data;
  const prefix = options.file === undefined ? '' : `${options.file}: `;
  const lines = result.error.issues.map((issue) => `${prefix}${issue.code === 'custom' ? '' : `${formatPath(issue.path) || '(budgets)'}: `}${issue.message}${issue.code === 'unrecognized_keys' ? `; allowed: ${Object.keys(budgetLongFormSchema.shape).join(', ')}` : ''}`);
  throw new ConfigError(lines.join('\n'), {
    ...(options.file === undefined ? {} : { file: options.file }),
    path: result.error.issues[0]?.path.map(String).join('.'),
    hint: 'budgets use k6 threshold syntax, e.g. "p(95)<500" (milliseconds) or "rate<0.01"',
  });
}

/** `latency{route:GET /x}[0].delayAbortEval` from a zod issue path. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  return out;
}

function messageOf(error: unknown): string {
  // Only the first line: the hint belongs to the config error the config loader builds.
  if (error instanceof PhasegateError) return error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}
