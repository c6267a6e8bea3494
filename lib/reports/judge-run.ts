// Decides whether a stored run should fail a CI job: its verdict, then its baseline comparisons. Pure.
import { ExitCode } from '../common/exit-codes.js';
import { countsSentence, verdictWord, worstCheck } from './format.js';
import type { RunReport } from './model.js';

/** What {@link judgeRun} decided. */
export interface RunJudgement {
  /** 0 passed; 1 gate failed; 99 a baseline regressed; 100 errors outside tests; 130 interrupted. */
  readonly exitCode: number;
  /** Markdown lines: the verdict, each failed criterion, each baseline comparison. */
  readonly lines: readonly string[];
}

/**
 * Judges a run for CI (`phasegate report --check`). A run fails on its verdict (`failed` → 1, `error` → 100,
 * `interrupted` → 130); a passed run with a baseline comparison whose verdict is `regressed` fails with 99
 * (the budget code). A run without baseline comparisons says so and is judged by its verdict alone.
 */
export function judgeRun(report: RunReport): RunJudgement {
  const lines = [`**${report.phase} ${verdictWord(report)}** (run \`${report.runId}\`, target \`${report.target}\`): ${countsSentence(report)}`, ''];
  for (const c of report.criteria.filter((x) => x.status === 'failed')) lines.push(`- ❌ ${c.id}: ${oneLine(worstCheck(c)?.message ?? c.reason ?? 'failed')}`);
  for (const e of report.unhandledErrors) lines.push(`- ⚠ error outside any test: ${oneLine(e)}`);
  const regressions: string[] = [];
  if (!report.baselines?.length) lines.push('- baseline: no comparison in this run (not measured), so no regression check.');
  for (const b of report.baselines ?? []) {
    lines.push(`- baseline ${b.label}: ${b.verdict} (tolerance ${Math.round(b.tolerance * 100)} %, ${Math.round(b.confidence * 100)} % intervals)`);
    for (const e of b.endpoints.filter((x) => x.verdict === 'regressed')) {
      const ratio = e.ratio ? ` ×${e.ratio.estimate.toFixed(2)} [${e.ratio.lower.toFixed(2)}, ${e.ratio.upper.toFixed(2)}]` : '';
      regressions.push(`${b.label} ${e.route}`);
      lines.push(`  - 📉 ${e.route} p(${e.percentile})${ratio}: ${oneLine(e.message)}`);
    }
  }
  const exitCode = report.verdict === 'failed' ? ExitCode.GateFailed
    : report.verdict === 'error' ? ExitCode.SetupFailed
    : report.verdict === 'interrupted' ? ExitCode.Interrupted
    : regressions.length ? ExitCode.BudgetFailed : ExitCode.Ok;
  if (report.verdict === 'passed' && regressions.length) lines.push('', `**Regression against the baseline:** ${regressions.join(', ')}.`);
  return { exitCode, lines };
}

const oneLine = (text: string) => text.replace(/\r?\n/g, ' ');
