// Renders a RunReport as the phase completion report in Markdown (pure).
import type { RunReport } from './model.js';

const ICON = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭ not run', 'not-implemented': '⬜ not implemented', manual: '📝 manual' } as const;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: RunReport): string {
  const c = report.counts.criteria;
  const decided = c.passed + c.failed;
  const lines = [
    `# ${report.phase} gate — ${report.verdict === 'passed' ? 'PASSED' : report.verdict === 'failed' ? 'FAILED' : 'INTERRUPTED'}`,
    '',
    `Run \`${report.runId}\` on target \`${report.target}\`, ${report.startedAt} → ${report.finishedAt}.`,
    '',
    `**${c.passed} of ${decided} checked criteria passed, ${c.failed} failed.** ${c['not-implemented']} criteria of this phase are not implemented yet and ${c.manual} are manual${c.skipped ? `; ${c.skipped} were not run (filtered or skipped)` : ''}; they are listed below and are not counted as passes.`,
    '',
    '## 1. Results by criterion',
    '',
    '| criterion | status | measurement | limit | message |',
    '|---|---|---|---|---|',
  ];
  for (const cr of report.criteria.filter((x) => x.status === 'passed' || x.status === 'failed')) {
    const worst = cr.checks.find((k) => k.status !== 'passed') ?? cr.checks[0];
    lines.push(`| ${cr.id} | ${ICON[cr.status]} | ${cell(String(worst?.measurement ?? ''))} | ${cell(worst?.limit ?? cr.threshold)} | ${cell(worst?.message ?? cr.reason ?? '')} |`);
  }
  const failed = report.criteria.filter((x) => x.status === 'failed');
  lines.push('', '## 2. Issues encountered', '');
  if (failed.length === 0) lines.push('None: every checked criterion passed.');
  for (const cr of failed) {
    lines.push(`### ${cr.id} — ${cell(cr.title)}`, '');
    for (const k of cr.checks.filter((x) => x.status !== 'passed')) {
      lines.push(`- ${k.message}`);
      for (const e of k.evidence ?? []) lines.push(`  - ${e.label}: \`${String(e.value).slice(0, 300).replace(/`/g, "'").replace(/\n/g, ' ⏎ ')}\`${e.unit ? ` ${e.unit}` : ''}`);
    }
    if (cr.reason) lines.push(`- ${cr.reason}`);
    lines.push('');
  }
  const open = report.criteria.filter((x) => x.status !== 'passed' && x.status !== 'failed');
  lines.push('', '## 3. Not decided by this run', '', '| criterion | status | why |', '|---|---|---|');
  for (const cr of open) lines.push(`| ${cr.id} | ${ICON[cr.status]} | ${cell(cr.reason ?? '')} |`);
  lines.push('', '## 4. Environment', '');
  for (const [k, v] of Object.entries(report.environment)) lines.push(`- ${k}: ${v}`);
  const t = report.counts.tests;
  lines.push('', `Tests: ${t.passed} passed, ${t.failed} failed, ${t.skipped + t.pending} skipped.`, '');
  return lines.join('\n');
}
