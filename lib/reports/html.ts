// Renders a RunReport as one self-contained HTML page: verdict first, the criteria table, then charts drawn by an
// inlined Chart.js (no external assets, works offline). Pure: the library source is passed in.
import type { ChartLibrary } from './chart-library.js';
import { countsSentence, formatBytes, formatMs, formatPercent, NOT_MEASURED, resourcePeaks, STATUS_LABEL, verdictWord, worstCheck } from './format.js';
import type { LoadEndpointReport, RunReport } from './model.js';
import type { ReportRenderer } from './reporter-multiplexer.js';

/** Options of {@link renderHtml}. */
export interface HtmlOptions {
  /** The charting library to inline; without it the page keeps its tables and says charts are unavailable. */
  readonly chartLibrary?: ChartLibrary | undefined;
}

/** Escapes text for HTML text and attribute values. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const esc = escapeHtml;

/** JSON that is safe inside a `<script>` element. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** Shared page style: readable system typography, status colours. */
export const PAGE_STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1d2430}
h1{margin:.2rem 0}h2{margin-top:2.2rem;border-bottom:1px solid #e3e6eb;padding-bottom:.3rem}h3{margin-bottom:.4rem}
.verdict{padding:1rem 1.2rem;border-radius:8px;margin:1rem 0;font-size:1.1rem}
.verdict.passed{background:#e7f6ec;border:1px solid #7cc49a}.verdict.failed,.verdict.error{background:#fdecec;border:1px solid #e08b8b}
.verdict.interrupted{background:#fff4d6;border:1px solid #e3c06b}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #e3e6eb}
th{background:#f5f6f8;position:sticky;top:0}.badge{padding:.1rem .45rem;border-radius:4px;font-size:.85rem;white-space:nowrap}
.badge.passed{background:#d3f0dd}.badge.failed,.badge.error{background:#f8d0d0}.badge.not-implemented{background:#eceef1}.badge.manual{background:#fff1c9}
.badge.interrupted{background:#fff1c9}.badge.skipped{background:#e4ecf7}
tr.not-implemented,tr.manual,tr.skipped{color:#6b7280}code{font-size:.85rem;word-break:break-all}.ev{margin:.2rem 0}
.absent{color:#6b7280;font-style:italic}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:1rem}
.chart{position:relative;height:280px;border:1px solid #e3e6eb;border-radius:6px;padding:.5rem}.chart.tall{height:360px}
.chart-error{color:#b42318}.filters label{margin-right:1rem}footer{margin-top:3rem;color:#6b7280;font-size:.85rem}
`;

/** Client-side chart drawing; every chart is isolated so one bad dataset cannot blank the page. */
const CHART_SCRIPT = `
(function(){
  var data = JSON.parse(document.getElementById('phasegate-data').textContent);
  var errors = [];
  window.phasegateChartErrors = errors;
  if (typeof Chart === 'undefined') return;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui,-apple-system,"Segoe UI",Roboto,sans-serif';
  // Horizontal reference lines (baseline = 1, tolerance limit) from options.plugins.phasegateLines.lines.
  Chart.register({ id: 'phasegateLines', afterDatasetsDraw: function(chart, _args, opts){
    (opts.lines || []).forEach(function(l){
      var scale = chart.scales.y; if (!scale) return;
      var y = scale.getPixelForValue(l.value), area = chart.chartArea, ctx = chart.ctx;
      ctx.save(); ctx.strokeStyle = l.color; ctx.fillStyle = l.color; ctx.setLineDash(l.dash || []); ctx.lineWidth = 1.5;
      ctx.beginPath(); ctx.moveTo(area.left, y); ctx.lineTo(area.right, y); ctx.stroke();
      ctx.setLineDash([]); ctx.fillText(l.label, area.left + 6, y - 4); ctx.restore();
    });
  }});
  data.charts.forEach(function(spec){
    var canvas = document.getElementById(spec.id);
    if (!canvas) return;
    try { new Chart(canvas, spec.config); }
    catch (e) { errors.push(spec.id + ': ' + e.message); var p = document.createElement('p'); p.className = 'chart-error'; p.textContent = 'Chart failed: ' + e.message; canvas.replaceWith(p); }
  });
  document.body.setAttribute('data-charts-rendered', String(data.charts.length - errors.length));
})();
`;

/** One chart: a canvas id and a Chart.js configuration (plain JSON). */
export interface ChartSpec {
  readonly id: string;
  readonly config: unknown;
}

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
const color = (i: number) => PALETTE[i % PALETTE.length]!;

/** Equal-width latency histogram (≤ 40 bins) from an endpoint's distribution, up to its p99 × 1.5 to keep the tail readable. */
export function latencyBins(endpoint: LoadEndpointReport, bins = 40): { labels: string[]; counts: number[] } {
  const dist = endpoint.distribution ?? [];
  if (dist.length === 0) return { labels: [], counts: [] };
  const lo = dist[0]!.valueMs;
  const hi = Math.max(lo + 1e-3, Math.min(dist[dist.length - 1]!.valueMs, endpoint.latency.p99Ms * 1.5));
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const d of dist) counts[Math.min(bins - 1, Math.max(0, Math.floor((d.valueMs - lo) / width)))]! += d.count;
  return { labels: counts.map((_, i) => (lo + (i + 0.5) * width).toFixed(width < 1 ? 2 : 1)), counts };
}

/** Cumulative share (0–1) per latency, from the distribution or, without one, from the reported percentiles. */
export function latencyCdf(endpoint: LoadEndpointReport): { x: number; y: number }[] {
  const dist = endpoint.distribution ?? [];
  if (dist.length === 0) {
    const l = endpoint.latency;
    return [[l.minMs, 0], [l.p50Ms, 0.5], [l.p90Ms, 0.9], [l.p95Ms, 0.95], [l.p99Ms, 0.99], [l.maxMs, 1]]
      .filter((p): p is [number, number] => p[0] !== undefined)
      .map(([x, y]) => ({ x, y }));
  }
  const total = dist.reduce((s, d) => s + d.count, 0);
  let cumulative = 0;
  return dist.map((d) => {
    cumulative += d.count;
    return { x: d.valueMs, y: Number((cumulative / total).toFixed(5)) };
  });
}

const axis = (title: string, extra: Record<string, unknown> = {}) => ({ title: { display: true, text: title }, ...extra });

/** The Chart.js configurations of a report's charts (pure, JSON-serializable). */
export function chartSpecs(report: RunReport): ChartSpec[] {
  const specs: ChartSpec[] = [];
  (report.loads ?? []).forEach((load, li) =>
    load.endpoints.forEach((e, ei) => {
      const bins = latencyBins(e);
      if (bins.counts.length) {
        specs.push({
          id: `hist-${li}-${ei}`,
          config: { type: 'bar', data: { labels: bins.labels, datasets: [{ label: `${e.name} responses`, data: bins.counts, backgroundColor: color(ei), barPercentage: 1, categoryPercentage: 1 }] }, options: { plugins: { title: { display: true, text: `${e.name} (${e.route}): latency histogram` } }, scales: { x: axis('latency (ms)'), y: axis('responses') } } },
        });
      }
      specs.push({
        id: `cdf-${li}-${ei}`,
        config: { type: 'scatter', data: { datasets: [{ label: `${e.name} CDF`, data: latencyCdf(e), showLine: true, pointRadius: e.distribution?.length ? 0 : 3, borderColor: color(ei), backgroundColor: color(ei) }] }, options: { plugins: { title: { display: true, text: `${e.name} (${e.route}): cumulative distribution` } }, scales: { x: axis('latency (ms)', { type: 'linear' }), y: axis('share of responses', { min: 0, max: 1 }) } } },
      });
    }),
  );
  (report.baselines ?? []).forEach((b, bi) => {
    const withRatio = b.endpoints.filter((e) => e.ratio);
    if (withRatio.length === 0) return;
    const labels = withRatio.map((e) => e.name);
    specs.push({
      id: `baseline-${bi}`,
      config: {
        type: 'bar',
        data: {
          labels,
          datasets: [
            { type: 'bar', order: 2, label: `${Math.round(b.confidence * 100)} % interval of p(N) current/baseline`, data: withRatio.map((e) => [e.ratio!.lower, e.ratio!.upper]), backgroundColor: withRatio.map((e) => (e.verdict === 'regressed' ? '#f4a3a3' : e.verdict === 'improved' ? '#a7e3bd' : e.verdict === 'inconclusive' ? '#f6d88f' : '#c7d2fe')), barPercentage: 0.5 },
            { type: 'line', order: 1, label: 'estimate', data: withRatio.map((e) => e.ratio!.estimate), showLine: false, pointRadius: 6, pointStyle: 'rectRot', borderColor: '#1d2430', backgroundColor: '#1d2430' },
          ],
        },
        options: {
          plugins: {
            title: { display: true, text: `${b.label}: current / baseline latency ratio` },
            phasegateLines: { lines: [{ value: 1, color: '#6b7280', dash: [2, 3], label: 'unchanged (1.0)' }, { value: 1 + b.tolerance, color: '#dc2626', dash: [6, 4], label: `limit ${(1 + b.tolerance).toFixed(2)}` }] },
          },
          scales: { y: axis('ratio', { beginAtZero: false, suggestedMin: Math.min(0.9, ...withRatio.map((e) => e.ratio!.lower)) - 0.05, suggestedMax: Math.max(1 + b.tolerance, ...withRatio.map((e) => e.ratio!.upper)) + 0.05 }) },
        },
      },
    });
  });
  if (report.rebuild?.steps.length) {
    const steps = report.rebuild.steps;
    specs.push({
      id: 'rebuild-gantt',
      config: {
        type: 'bar',
        data: { labels: steps.map((s) => (s.service ? `${s.service}: ${s.name}` : s.name)), datasets: [{ label: 'step (s)', data: steps.map((s) => [s.startMs / 1000, (s.startMs + s.durationMs) / 1000]), backgroundColor: steps.map((s) => (s.status === 'passed' ? '#60a5fa' : s.status === 'skipped' ? '#d1d5db' : '#f87171')) }] },
        options: { indexAxis: 'y', plugins: { title: { display: true, text: 'Rebuild timeline' }, legend: { display: false } }, scales: { x: axis('seconds after the rebuild started', { min: 0 }) } },
      },
    });
  }
  const samples = report.resources?.samples ?? [];
  const containers = [...new Set(samples.map((s) => s.container))].sort();
  const series = (pick: (s: (typeof samples)[number]) => number | undefined) =>
    containers
      .map((c, i) => ({ label: c, data: samples.filter((s) => s.container === c && pick(s) !== undefined).map((s) => ({ x: s.tMs / 1000, y: pick(s)! })), borderColor: color(i), backgroundColor: color(i), pointRadius: 0, showLine: true }))
      .filter((d) => d.data.length > 0);
  const memory = series((s) => (s.memoryBytes === undefined ? undefined : Number((s.memoryBytes / 1024 / 1024).toFixed(1))));
  if (memory.length) specs.push({ id: 'memory', config: { type: 'scatter', data: { datasets: memory }, options: { plugins: { title: { display: true, text: 'Memory over time' } }, scales: { x: axis('seconds after the run started'), y: axis('MiB', { min: 0 }) } } } });
  const cpu = series((s) => s.cpuPercent);
  if (cpu.length) specs.push({ id: 'cpu', config: { type: 'scatter', data: { datasets: cpu }, options: { plugins: { title: { display: true, text: 'CPU over time' } }, scales: { x: axis('seconds after the run started'), y: axis('% of one core', { min: 0 }) } } } });
  return specs;
}

const canvas = (id: string, tall = false) => `<div class="chart${tall ? ' tall' : ''}"><canvas id="${id}" role="img" aria-label="${id}"></canvas></div>`;
const absent = `<p class="absent">${NOT_MEASURED}</p>`;

/** The closing `<script>` elements: chart data, the inlined library, the drawing code. */
export function chartScripts(specs: readonly ChartSpec[], library: ChartLibrary | undefined): string {
  const note = library ? '' : `<p class="absent">Charts unavailable: chart.js is not installed, so only tables are shown.</p>`;
  return `${note}<script type="application/json" id="phasegate-data">${scriptJson({ charts: specs })}</script>
${library ? `<script>/* ${esc(library.name)}, MIT licence, inlined */\n${library.source}\n</script>` : ''}
<script>${CHART_SCRIPT}</script>`;
}

/** Renders `report.html`. */
export function renderHtml(report: RunReport, options: HtmlOptions = {}): string {
  const verdict = verdictWord(report);
  const specs = chartSpecs(report);
  const has = (prefix: string) => specs.some((s) => s.id.startsWith(prefix));
  const rows = report.criteria
    .map((cr) => {
      const worst = worstCheck(cr);
      const evidence = cr.checks
        .flatMap((k) => (k.evidence ?? []).map((e) => `<div class="ev"><b>${esc(e.label)}</b>: <code>${esc(String(e.value).slice(0, 400))}</code>${e.unit ? ` ${esc(e.unit)}` : ''}</div>`))
        .join('');
      return `<tr class="${cr.status}"><td>${esc(cr.id)}</td><td><span class="badge ${cr.status}">${STATUS_LABEL[cr.status]}</span></td><td>${esc(String(worst?.measurement ?? ''))}</td><td>${esc(worst?.limit ?? cr.threshold)}</td><td>${esc(worst?.message ?? cr.reason ?? '')}${evidence ? `<details><summary>evidence</summary>${evidence}</details>` : ''}</td></tr>`;
    })
    .join('\n');
  const loadRows = (report.loads ?? []).flatMap((l) => l.endpoints.map((e) => `<tr><td>${esc(l.label)}</td><td>${esc(e.name)}</td><td>${esc(e.route)}</td><td>${e.achievedRate?.toFixed(1) ?? '—'}</td><td>${formatMs(e.latency.p50Ms)}</td><td>${formatMs(e.latency.p95Ms)}</td><td>${formatMs(e.latency.p99Ms)}</td><td>${formatPercent(e.errorRate)}</td></tr>`));
  const loadCharts = (report.loads ?? []).flatMap((l, li) => l.endpoints.flatMap((_, ei) => [has(`hist-${li}-${ei}`) ? canvas(`hist-${li}-${ei}`) : '', canvas(`cdf-${li}-${ei}`)]));
  const baselineBlocks = (report.baselines ?? []).map(
    (b, bi) =>
      `<h3>${esc(b.label)}: <span class="badge ${b.verdict === 'regressed' ? 'failed' : 'passed'}">${esc(b.verdict)}</span></h3>${has(`baseline-${bi}`) ? canvas(`baseline-${bi}`) : ''}<table><thead><tr><th>endpoint</th><th>percentile</th><th>ratio</th><th>interval</th><th>verdict</th><th>message</th></tr></thead><tbody>${b.endpoints.map((e) => `<tr><td>${esc(e.name)}</td><td>p(${e.percentile})</td><td>${e.ratio ? e.ratio.estimate.toFixed(3) : '—'}</td><td>${e.ratio ? `[${e.ratio.lower.toFixed(3)}, ${e.ratio.upper.toFixed(3)}]` : '—'}</td><td>${esc(e.verdict)}</td><td>${esc(e.message)}</td></tr>`).join('')}</tbody></table>${b.warnings.map((w) => `<p>⚠ ${esc(w)}</p>`).join('')}`,
  );
  const peaks = resourcePeaks(report);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(report.phase)} gate — ${verdict}</title>
<style>${PAGE_STYLE}</style></head><body>
<h1>${esc(report.phase)} gate</h1>
<div class="verdict ${esc(report.verdict)}" id="verdict" data-verdict="${esc(report.verdict)}"><b>${verdict}</b> — ${countsSentence(report)}</div>
${report.unhandledErrors.length ? `<ul>${report.unhandledErrors.map((e) => `<li class="chart-error">${esc(e)}</li>`).join('')}</ul>` : ''}
<p>Run <code>${esc(report.runId)}</code> on target <code>${esc(report.target)}</code>, ${esc(report.startedAt)} → ${esc(report.finishedAt)}.</p>
<p>${Object.entries(report.environment).map(([k, v]) => `${esc(k)}: <code>${esc(v)}</code>`).join(' · ')}</p>
<h2>Criteria</h2>
<p class="filters"><label><input type="checkbox" id="undecided" checked> show criteria not decided by this run</label></p>
<table id="criteria"><thead><tr><th>criterion</th><th>status</th><th>measurement</th><th>limit</th><th>message</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Load</h2>
${loadRows.length ? `<table><thead><tr><th>load</th><th>endpoint</th><th>route</th><th>responses/s</th><th>p50</th><th>p95</th><th>p99</th><th>errors</th></tr></thead><tbody>${loadRows.join('')}</tbody></table><div class="charts">${loadCharts.join('')}</div>` : absent}
<h2>Baseline comparison</h2>
${baselineBlocks.length ? baselineBlocks.join('\n') : absent}
<h2>Rebuild timeline</h2>
${report.rebuild?.steps.length ? `<p>Total ${formatMs(report.rebuild.totalMs ?? Math.max(...report.rebuild.steps.map((s) => s.startMs + s.durationMs)))}.</p>${canvas('rebuild-gantt', true)}` : absent}
<h2>Resources</h2>
${peaks.length ? `<div class="charts">${has('memory') ? canvas('memory') : ''}${has('cpu') ? canvas('cpu') : ''}</div><table><thead><tr><th>container</th><th>peak memory</th><th>peak CPU</th><th>samples</th></tr></thead><tbody>${peaks.map((p) => `<tr><td>${esc(p.container)}</td><td>${formatBytes(p.memoryBytes)}</td><td>${p.cpuPercent === undefined ? '—' : `${p.cpuPercent.toFixed(1)} %`}</td><td>${p.samples}</td></tr>`).join('')}</tbody></table>` : absent}
<h2>Contradictions resolved</h2>
${report.contradictions?.length ? `<ul>${report.contradictions.map((k) => `<li><b>${esc(k.id)}</b> ${esc(k.question)} → chose <b>${esc(k.choice)}</b>${k.alternatives.length ? ` (over ${k.alternatives.map(esc).join('; ')})` : ''}</li>`).join('')}</ul>` : '<p class="absent">None recorded in this run.</p>'}
<footer>phasegate report schema ${report.schemaVersion}${options.chartLibrary ? ` · charts by ${esc(options.chartLibrary.name)} (inlined)` : ''}</footer>
<script>document.getElementById('undecided').addEventListener('change',function(e){document.querySelectorAll('tr.not-implemented,tr.manual,tr.skipped').forEach(function(r){r.style.display=e.target.checked?'':'none'})})</script>
${chartScripts(specs, options.chartLibrary)}
</body></html>
`;
}

/** The HTML renderer for the {@link ReporterMultiplexer}: `report.html`. */
export function createHtmlRenderer(options: HtmlOptions = {}): ReportRenderer {
  return { name: 'html', fileName: 'report.html', render: (report) => renderHtml(report, options) };
}
