// Renders a RunReport as one self-contained HTML page (no external assets, works offline). Pure.
import type { CriterionStatus, RunReport } from './model.js';

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const LABEL: Record<CriterionStatus, string> = { passed: 'passed', failed: 'failed', skipped: 'not run', 'not-implemented': 'not implemented', manual: 'manual' };

export function renderHtml(report: RunReport): string {
  const c = report.counts.criteria;
  const verdict = report.verdict.toUpperCase();
  const rows = report.criteria
    .map((cr) => {
      const worst = cr.checks.find((k) => k.status !== 'passed') ?? cr.checks[0];
      const evidence = cr.checks
        .flatMap((k) => (k.evidence ?? []).map((e) => `<div class="ev"><b>${esc(e.label)}</b>: <code>${esc(String(e.value).slice(0, 400))}</code>${e.unit ? ` ${esc(e.unit)}` : ''}</div>`))
        .join('');
      return `<tr class="${cr.status}"><td>${esc(cr.id)}</td><td><span class="badge ${cr.status}">${LABEL[cr.status]}</span></td><td>${esc(String(worst?.measurement ?? ''))}</td><td>${esc(worst?.limit ?? cr.threshold)}</td><td>${esc(worst?.message ?? cr.reason ?? '')}${evidence ? `<details><summary>evidence</summary>${evidence}</details>` : ''}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(report.phase)} gate — ${verdict}</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1d2430}
h1{margin:.2rem 0}.verdict{padding:1rem 1.2rem;border-radius:8px;margin:1rem 0;font-size:1.1rem}
.verdict.passed{background:#e7f6ec;border:1px solid #7cc49a}.verdict.failed,.verdict.interrupted{background:#fdecec;border:1px solid #e08b8b}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #e3e6eb}
th{background:#f5f6f8;position:sticky;top:0}.badge{padding:.1rem .45rem;border-radius:4px;font-size:.85rem;white-space:nowrap}
.badge.passed{background:#d3f0dd}.badge.failed{background:#f8d0d0}.badge.not-implemented{background:#eceef1}.badge.manual{background:#fff1c9}
tr.not-implemented,tr.manual,tr.skipped{color:#6b7280}.badge.skipped{background:#e4ecf7}code{font-size:.85rem;word-break:break-all}.ev{margin:.2rem 0}
.filters label{margin-right:1rem}
</style></head><body>
<h1>${esc(report.phase)} gate</h1>
<div class="verdict ${esc(report.verdict)}"><b>${verdict}</b> — ${c.passed} of ${c.passed + c.failed} checked criteria passed, ${c.failed} failed; ${c['not-implemented']} not implemented, ${c.manual} manual${c.skipped ? `, ${c.skipped} not run` : ''} (not counted as passes).</div>
<p>Run <code>${esc(report.runId)}</code> on target <code>${esc(report.target)}</code>, ${esc(report.startedAt)} → ${esc(report.finishedAt)}. ${Object.entries(report.environment).map(([k, v]) => `${esc(k)}: ${esc(v)}`).join(' · ')}</p>
<p class="filters"><label><input type="checkbox" id="undecided" checked> show criteria not decided by this run</label></p>
<table><thead><tr><th>criterion</th><th>status</th><th>measurement</th><th>limit</th><th>message</th></tr></thead><tbody>
${rows}
</tbody></table>
<script>document.getElementById('undecided').addEventListener('change',function(e){document.querySelectorAll('tr.not-implemented,tr.manual,tr.skipped').forEach(function(r){r.style.display=e.target.checked?'':'none'})})</script>
</body></html>
`;
}
