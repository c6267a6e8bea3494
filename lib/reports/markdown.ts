// Renders a RunReport as the phase completion report in Markdown: the eight sections of 002 Story 12
// (P1-S12-AC1-6), with the same layout for every phase. Pure.
import { countsSentence, formatBytes, formatMs, formatPercent, NOT_MEASURED, nextPhaseName, resourcePeaks, verdictWord, worstCheck } from './format.js';
import type { RunReport } from './model.js';
import type { ReportRenderer } from './reporter-multiplexer.js';

const ICON = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭ not run', 'not-implemented': '⬜ not implemented', manual: '📝 manual' } as const;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string) => `\`${text.replace(/`/g, "'").replace(/\r?\n/g, ' ⏎ ')}\``;

/** Renders the Markdown completion report. */
export function renderMarkdown(report: RunReport): string {
  const c = report.counts.criteria;
  const next = nextPhaseName(report.phase);
  const lines: string[] = [
    `# ${report.phase} gate — ${verdictWord(report)}`,
    '',
    `Run ${code(report.runId)} on target ${code(report.target)}, ${report.startedAt} → ${report.finishedAt}.`,
    '',
    '## 1. Executive summary',
    '',
    `**${verdictWord(report)}: ${countsSentence(report)}**`,
    '',
  ];
  if (report.verdict === 'interrupted') lines.push('The run was interrupted before it finished: criteria whose tests did not complete are listed as not run.', '');
  if (report.verdict === 'error') lines.push(`The run could not judge the target: ${report.unhandledErrors.length} error(s) outside any test.`, '');
  for (const e of report.unhandledErrors) lines.push(`- ${cell(e)}`);
  if (report.unhandledErrors.length) lines.push('');

  lines.push('## 2. Service update matrix', '');
  if (!report.versions?.length) lines.push(NOT_MEASURED);
  else {
    lines.push('| service | before | after |', '|---|---|---|');
    for (const v of report.versions) lines.push(`| ${cell(v.service)} | ${cell(v.before ?? '—')} | ${cell(v.after ?? '—')} |`);
  }

  lines.push('', '## 3. Validation results', '', '| criterion | status | measurement | limit | message |', '|---|---|---|---|---|');
  const decided = report.criteria.filter((x) => x.status === 'passed' || x.status === 'failed');
  for (const cr of decided) {
    const worst = worstCheck(cr);
    lines.push(`| ${cr.id} | ${ICON[cr.status]} | ${cell(String(worst?.measurement ?? ''))} | ${cell(worst?.limit ?? cr.threshold)} | ${cell(worst?.message ?? cr.reason ?? '')} |`);
  }
  if (decided.length === 0) lines.push('| — | no criterion was checked | | | |');
  const open = report.criteria.filter((x) => x.status !== 'passed' && x.status !== 'failed');
  lines.push('', `### Not decided by this run (${open.length})`, '');
  if (open.length === 0) lines.push('None.');
  else {
    lines.push('| criterion | status | why |', '|---|---|---|');
    for (const cr of open) lines.push(`| ${cr.id} | ${ICON[cr.status]} | ${cell(cr.reason ?? '')} |`);
  }

  lines.push('', '## 4. Performance metrics', '', '### Load', '');
  if (!report.loads?.length) lines.push(NOT_MEASURED);
  else {
    lines.push('| load | endpoint | route | responses/s | p50 | p95 | p99 | max | errors |', '|---|---|---|---|---|---|---|---|---|');
    for (const load of report.loads) {
      for (const e of load.endpoints) {
        lines.push(`| ${cell(load.label)} | ${cell(e.name)} | ${cell(e.route)} | ${e.achievedRate?.toFixed(1) ?? '—'} | ${formatMs(e.latency.p50Ms)} | ${formatMs(e.latency.p95Ms)} | ${formatMs(e.latency.p99Ms)} | ${formatMs(e.latency.maxMs)} | ${formatPercent(e.errorRate)} |`);
      }
    }
  }
  lines.push('', '### Baseline comparison', '');
  if (!report.baselines?.length) lines.push(NOT_MEASURED);
  for (const b of report.baselines ?? []) {
    lines.push(`**${cell(b.label)}: ${b.verdict}** (tolerance ${formatPercent(b.tolerance)}, ${Math.round(b.confidence * 100)} % intervals)`, '');
    lines.push('| endpoint | percentile | current/baseline | interval | verdict |', '|---|---|---|---|---|');
    for (const e of b.endpoints) lines.push(`| ${cell(e.name)} | p(${e.percentile}) | ${e.ratio ? e.ratio.estimate.toFixed(3) : '—'} | ${e.ratio ? `[${e.ratio.lower.toFixed(3)}, ${e.ratio.upper.toFixed(3)}]` : '—'} | ${e.verdict} |`);
    for (const w of b.warnings) lines.push('', `> ⚠ ${cell(w)}`);
    lines.push('');
  }
  lines.push('', '### Rebuild timeline', '');
  if (!report.rebuild?.steps.length) lines.push(NOT_MEASURED);
  else {
    lines.push(`Total: ${formatMs(report.rebuild.totalMs ?? Math.max(...report.rebuild.steps.map((s) => s.startMs + s.durationMs)))}.`, '', '| step | service | start | duration | status |', '|---|---|---|---|---|');
    for (const s of report.rebuild.steps) lines.push(`| ${cell(s.name)} | ${cell(s.service ?? '—')} | +${formatMs(s.startMs)} | ${formatMs(s.durationMs)} | ${s.status} |`);
  }
  lines.push('', '### Resources', '');
  const peaks = resourcePeaks(report);
  if (peaks.length === 0) lines.push(NOT_MEASURED);
  else {
    lines.push('| container | peak memory | peak CPU | samples |', '|---|---|---|---|');
    for (const p of peaks) lines.push(`| ${cell(p.container)} | ${formatBytes(p.memoryBytes)} | ${p.cpuPercent === undefined ? '—' : `${p.cpuPercent.toFixed(1)} %`} | ${p.samples} |`);
  }

  lines.push('', '## 5. Issues encountered and resolutions', '');
  const failed = report.criteria.filter((x) => x.status === 'failed');
  if (failed.length === 0) lines.push('No checked criterion failed.');
  for (const cr of failed) {
    lines.push(`### ${cr.id} — ${cell(cr.title)}`, '');
    for (const k of cr.checks.filter((x) => x.status !== 'passed')) {
      lines.push(`- ${cell(k.message)}`);
      for (const e of k.evidence ?? []) lines.push(`  - ${cell(e.label)}: ${code(String(e.value).slice(0, 300))}${e.unit ? ` ${e.unit}` : ''}`);
    }
    if (cr.reason) lines.push(`- ${cell(cr.reason)}`);
    lines.push('');
  }
  lines.push('', '### Contradictions resolved', '');
  if (!report.contradictions?.length) lines.push('None recorded in this run.');
  for (const k of report.contradictions ?? []) lines.push(`- **${cell(k.id)}** ${cell(k.question)} → chose ${cell(k.choice)}${k.alternatives.length ? ` (over ${k.alternatives.map(cell).join('; ')})` : ''}`);

  lines.push('', '## 6. Lessons learned', '', '_Written by the reviewer; phasegate does not generate this section._');

  lines.push('', `## 7. Recommendations for ${next}`, '');
  const recs: string[] = [];
  if (failed.length) recs.push(`Fix the ${failed.length} failed ${failed.length === 1 ? 'criterion' : 'criteria'} before starting ${next}: ${failed.map((f) => f.id).join(', ')}.`);
  const regressed = (report.baselines ?? []).flatMap((b) => b.endpoints.filter((e) => e.verdict === 'regressed').map((e) => e.name));
  if (regressed.length) recs.push(`Investigate the latency regressions against the baseline: ${regressed.join(', ')}.`);
  const inconclusive = (report.baselines ?? []).flatMap((b) => b.endpoints.filter((e) => e.verdict === 'inconclusive').map((e) => e.name));
  if (inconclusive.length) recs.push(`Re-run the load with more samples where the comparison was inconclusive: ${inconclusive.join(', ')}.`);
  if (c.skipped) recs.push(`Run the ${c.skipped} ${c.skipped === 1 ? 'criterion' : 'criteria'} that did not run in this run.`);
  if (c.manual) recs.push(`Review the ${c.manual} manual criteria by hand and record the outcome in the sign-off below.`);
  if (c['not-implemented']) recs.push(`${c['not-implemented']} criteria have no automated check yet: check them by hand or accept the gap explicitly.`);
  if (report.verdict === 'passed' && recs.length === 0) recs.push(`Proceed to ${next}.`);
  lines.push(...recs.map((r) => `- ${r}`));

  lines.push('', '## 8. Sign-off checklist', '');
  const box = (done: boolean) => (done ? '[x]' : '[ ]');
  lines.push(
    `- ${box(c.failed === 0 && c.passed > 0 && report.verdict === 'passed')} Every checked criterion passed (${c.passed}/${c.passed + c.failed})`,
    `- ${box(c.skipped === 0 && report.verdict !== 'interrupted')} Every implemented criterion ran`,
    `- ${box(report.baselines !== undefined && regressed.length === 0)} No latency regression against the baseline${report.baselines ? '' : ' (not measured)'}`,
    `- [ ] Manual criteria reviewed (${c.manual})`,
    `- [ ] Lessons learned written`,
    `- [ ] Approved for ${next}: name, date`,
  );

  lines.push('', '## Environment', '');
  for (const [k, v] of Object.entries(report.environment)) lines.push(`- ${k}: ${cell(v)}`);
  const t = report.counts.tests;
  lines.push('', `Tests: ${t.passed} passed, ${t.failed} failed, ${t.skipped + t.pending} skipped.`, '');
  // Sections end with a blank line and start with one; keep a single blank line between blocks.
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** The Markdown renderer for the {@link ReporterMultiplexer}: `report.md`. */
export const markdownRenderer: ReportRenderer = { name: 'markdown', fileName: 'report.md', render: renderMarkdown };
