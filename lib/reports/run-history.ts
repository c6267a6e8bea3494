// The run history: every reports/<phase>/<runId>/report.json, summarized for the index page with p95 trends.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartLibrary } from './chart-library.js';
import { chartScripts, escapeHtml as esc, PAGE_STYLE, type ChartSpec } from './html.js';
import { parseRunReport, type RunReport, type Verdict } from './model.js';

/** One run as the index lists it. */
export interface RunSummary {
  readonly phase: string;
  readonly runId: string;
  readonly verdict: Verdict;
  /** ISO time. */
  readonly startedAt: string;
  readonly passed: number;
  readonly failed: number;
  /** Not implemented + manual + not run. */
  readonly undecided: number;
  /** p95 latency per endpoint route (first load that measured it), in ms. */
  readonly p95ByRoute: Readonly<Record<string, number>>;
  /** Link to the run's HTML report, relative to the reports root. */
  readonly href: string;
}

/** The history read from disk, and the files that could not be read (with why). */
export interface RunHistory {
  readonly runs: readonly RunSummary[];
  readonly unreadable: readonly { readonly file: string; readonly reason: string }[];
}

/** Summarizes one report for the index. Pure. */
export function summarizeRun(report: RunReport): RunSummary {
  const p95ByRoute: Record<string, number> = {};
  for (const load of report.loads ?? []) for (const e of load.endpoints) p95ByRoute[e.route] ??= e.latency.p95Ms;
  const c = report.counts.criteria;
  return { phase: report.phase, runId: report.runId, verdict: report.verdict, startedAt: report.startedAt, passed: c.passed, failed: c.failed, undecided: c.skipped + c.manual + c['not-implemented'], p95ByRoute, href: `${report.phase}/${report.runId}/report.html` };
}

/** Reads every `<root>/<phase>/<runId>/report.json` (not `latest/`), oldest first per phase. */
export function readRunHistory(rootDir: string): RunHistory {
  const runs: RunSummary[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  if (!existsSync(rootDir)) return { runs, unreadable };
  const dirs = (dir: string) => readdirSync(dir).filter((name) => name !== 'latest' && statSync(join(dir, name)).isDirectory());
  for (const phase of dirs(rootDir).sort()) {
    for (const runId of dirs(join(rootDir, phase)).sort()) {
      const file = join(rootDir, phase, runId, 'report.json');
      if (!existsSync(file)) continue;
      try {
        runs.push(summarizeRun(parseRunReport(JSON.parse(readFileSync(file, 'utf8')))));
      } catch (error) {
        unreadable.push({ file, reason: (error instanceof Error ? error.message : String(error)).split('\n', 1)[0] ?? 'unreadable' });
      }
    }
  }
  runs.sort((a, b) => a.phase.localeCompare(b.phase) || a.startedAt.localeCompare(b.startedAt));
  return { runs, unreadable };
}

/** Renders `reports/index.html`: per phase, a p95 trend chart and the runs newest first. Pure. */
export function renderIndex(history: RunHistory, chartLibrary?: ChartLibrary): string {
  const phases = [...new Set(history.runs.map((r) => r.phase))];
  const specs: ChartSpec[] = [];
  const sections = phases.map((phase, pi) => {
    const runs = history.runs.filter((r) => r.phase === phase);
    const routes = [...new Set(runs.flatMap((r) => Object.keys(r.p95ByRoute)))].sort();
    if (routes.length) {
      specs.push({
        id: `trend-${pi}`,
        config: {
          type: 'line',
          data: { labels: runs.map((r) => r.startedAt.slice(0, 16).replace('T', ' ')), datasets: routes.map((route, i) => ({ label: route, data: runs.map((r) => r.p95ByRoute[route] ?? null), spanGaps: true, borderColor: `hsl(${(i * 67) % 360} 70% 45%)`, backgroundColor: `hsl(${(i * 67) % 360} 70% 45%)` })) },
          options: { plugins: { title: { display: true, text: `${phase}: p95 latency per endpoint across runs` } }, scales: { y: { title: { display: true, text: 'p95 (ms)' }, min: 0 } } },
        },
      });
    }
    const rows = [...runs]
      .reverse()
      .map((r) => `<tr><td><a href="${esc(r.href)}">${esc(r.runId)}</a></td><td>${esc(r.startedAt)}</td><td><span class="badge ${esc(r.verdict)}">${esc(r.verdict)}</span></td><td>${r.passed}</td><td>${r.failed}</td><td>${r.undecided}</td></tr>`)
      .join('');
    return `<h2>${esc(phase)} <small>(${runs.length} runs, <a href="${esc(phase)}/latest/report.html">latest</a>)</small></h2>
${routes.length ? `<div class="chart"><canvas id="trend-${pi}" role="img" aria-label="trend-${pi}"></canvas></div>` : '<p class="absent">No load was measured in these runs: no latency trend.</p>'}
<table><thead><tr><th>run</th><th>started</th><th>verdict</th><th>passed</th><th>failed</th><th>undecided</th></tr></thead><tbody>${rows}</tbody></table>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>phasegate runs</title><style>${PAGE_STYLE}</style></head><body>
<h1>phasegate runs</h1>
${sections.length ? sections.join('\n') : '<p class="absent">No runs recorded yet.</p>'}
${history.unreadable.length ? `<h2>Unreadable reports</h2><ul>${history.unreadable.map((u) => `<li><code>${esc(u.file)}</code>: ${esc(u.reason)}</li>`).join('')}</ul>` : ''}
${chartScripts(specs, chartLibrary)}
</body></html>
`;
}
