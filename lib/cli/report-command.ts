// `phasegate report`: re-renders a stored run's artifacts from its report.json, lists the stored runs, and judges a
// run for CI (`--check`: verdict and baseline regressions).
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { ExitCode } from '../common/exit-codes.js';
import { ReportError, type ReportErrorCode } from '../common/errors.js';
import { loadChartLibrary } from '../reports/chart-library.js';
import { defaultRenderers, type ReportFormat } from '../reports/default-renderers.js';
import { judgeRun } from '../reports/judge-run.js';
import { locateRun, phasesWithRuns } from '../reports/locate-run.js';
import { readRunReportFile } from '../reports/read-run-report.js';
import { readRunHistory, type RunSummary } from '../reports/run-history.js';
import { renderRunArtifacts, safeSegment } from '../reports/write-run-artifacts.js';

export const REPORT_USAGE = `usage: phasegate report [<phase>] [--run <runId>|latest] [--format md,html,json,junit] [--out <dir>] [--check]
       phasegate report --list [<phase>]

  report [<phase>]          re-render the artifacts of a stored run from its report.json (in place by default)
    --run <runId>|latest    which run (as --list prints it); default latest
    --format <list>         md, html, json, junit (comma-separated); default all four
    --out <dir>             write the artifacts there instead of the run's folder
    --check                 print the verdict in Markdown and exit non-zero on a failed gate or a baseline
                            regression (1 failed, 99 regressed, 100 errors outside tests, 130 interrupted);
                            re-renders only when --format or --out is given too
  report --list [<phase>]   list the stored runs, newest first: run id, start time, verdict, passed/failed criteria
  --root <dir>              the reports folder; default $PHASEGATE_REPORTS_DIR or ./reports

  <phase> defaults to the phase whose latest run was written last.`;

/** `--format` names; `md` is short for `markdown`. */
const FORMAT_NAMES: Readonly<Record<string, ReportFormat>> = { md: 'markdown', markdown: 'markdown', html: 'html', json: 'json', junit: 'junit', xml: 'junit' };

/** Exit code of each report error: a corrupt or foreign file is an invalid input (78), the rest a plain failure. */
const EXIT_OF: Readonly<Record<ReportErrorCode, number>> = { PHASEGATE_REPORT_NOT_FOUND: 1, PHASEGATE_REPORT_INVALID: ExitCode.ConfigInvalid, PHASEGATE_REPORT_UNWRITABLE: 1 };

/** Where `phasegate report` reads and prints. */
export interface ReportCommandIo {
  /** Receives the results: run lists, `… report written to <path>` lines, the `--check` Markdown. */
  readonly out: (text: string) => void;
  /** Receives usage and report errors (`phasegate: <message>\nhint: …`) and renderer failures. */
  readonly err: (text: string) => void;
  /** Reads `PHASEGATE_REPORTS_DIR`. @default process.env */
  readonly env?: Record<string, string | undefined>;
}

/** Runs `phasegate report …` and returns the exit code. Report errors are printed with their hint, never thrown. */
export function reportCommand(args: readonly string[], io: ReportCommandIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { run: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, list: { type: 'boolean' }, check: { type: 'boolean' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.err(`phasegate report: ${error instanceof Error ? error.message : String(error)}\n\n${REPORT_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(REPORT_USAGE);
    return ExitCode.Ok;
  }
  if (positionals.length > 1) {
    io.err(`phasegate report: expected at most one phase, got ${positionals.map((p) => `"${p}"`).join(' ')}\n\n${REPORT_USAGE}`);
    return 2;
  }
  const formats = parseFormats(values.format);
  if (typeof formats === 'string') {
    io.err(`phasegate report: ${formats}\n\n${REPORT_USAGE}`);
    return 2;
  }
  const rootDir = values.root ?? (io.env ?? process.env).PHASEGATE_REPORTS_DIR ?? 'reports';
  const phase = positionals[0];
  try {
    if (values.list) return listRuns(rootDir, phase, io.out);
    const located = locateRun(rootDir, { phase, runId: values.run });
    const report = readRunReportFile(located.jsonPath);
    let code: number = ExitCode.Ok;
    if (values.check) {
      const judgement = judgeRun(report);
      io.out(judgement.lines.join('\n'));
      code = judgement.exitCode;
      if (values.format === undefined && values.out === undefined) return code;
    }
    // Found through latest/: re-render the run's own folder too, so the copy and the original stay alike.
    const runDir = join(rootDir, located.phase, safeSegment(report.runId));
    const dirs = values.out !== undefined ? [values.out] : located.viaLatest && existsSync(join(runDir, 'report.json')) ? [runDir, located.dir] : [located.dir];
    const renderers = defaultRenderers({ formats, chartLibrary: formats.includes('html') ? loadChartLibrary() : undefined });
    for (const dir of dirs) {
      ensureWritable(dir);
      const result = renderRunArtifacts(report, dir, { renderers, log: io.out, onError: io.err });
      if (result.failed.length) code = code === ExitCode.Ok ? 1 : code;
    }
    io.out(`phasegate: re-rendered ${report.phase} run ${report.runId} (${report.verdict.toUpperCase()}) into ${dirs.join(' and ')}`);
    return code;
  } catch (error) {
    if (error instanceof ReportError) {
      io.err(`phasegate: ${error.message}`);
      return EXIT_OF[error.code];
    }
    throw error;
  }
}

/** Parses `--format md,html`; returns the formats, or a usage message naming the unknown one. Pure. */
export function parseFormats(text: string | undefined): ReportFormat[] | string {
  if (text === undefined) return ['json', 'markdown', 'junit', 'html'];
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(n in FORMAT_NAMES));
  if (unknown.length || names.length === 0) return `unknown --format "${unknown.join(',') || text}"; expected a comma-separated list of md, html, json, junit`;
  return [...new Set(names.map((n) => FORMAT_NAMES[n]!))];
}

/** The `--list` table of one phase, newest first. Pure. */
export function formatRunList(phase: string, runs: readonly RunSummary[]): string {
  const rows = [...runs].reverse().map((r) => [r.runId, r.startedAt, r.verdict.toUpperCase(), String(r.passed), String(r.failed)]);
  const header = ['run', 'started', 'verdict', 'passed', 'failed'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}`;
  return [`${phase} (${runs.length} ${runs.length === 1 ? 'run' : 'runs'}, newest first; passed/failed = criteria)`, line(header), ...rows.map(line)].join('\n');
}

function listRuns(rootDir: string, phase: string | undefined, out: (text: string) => void): number {
  const history = readRunHistory(rootDir);
  const phases = phase === undefined ? [...new Set(history.runs.map((r) => r.phase))] : [phase];
  const unreadable = history.unreadable.filter((u) => phase === undefined || u.file.startsWith(join(rootDir, safeSegment(phase)) + sep));
  const withRuns = phases.filter((p) => history.runs.some((r) => r.phase === p));
  if (withRuns.length === 0 && unreadable.length === 0) {
    const others = phasesWithRuns(rootDir);
    throw new ReportError('PHASEGATE_REPORT_NOT_FOUND', phase === undefined ? `No runs under ${resolve(rootDir)}` : `No runs of phase "${phase}" under ${resolve(rootDir)}${others.length ? ` (phases with runs: ${others.join(', ')})` : ''}`, {
      file: rootDir,
      hint: `run a gate first (npx vitest run suites/${phase ?? 'phase1'}), or point --root / PHASEGATE_REPORTS_DIR at the reports folder`,
    });
  }
  if (withRuns.length) out(withRuns.map((p) => formatRunList(p, history.runs.filter((r) => r.phase === p))).join('\n\n'));
  if (unreadable.length) out(`\nunreadable (not listed):\n${unreadable.map((u) => `  ${u.file}: ${u.reason}`).join('\n')}`);
  return ExitCode.Ok;
}

/** Creates `dir` and checks it is writable, so an unwritable --out fails once, clearly, before any renderer runs. */
function ensureWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
    throw new ReportError('PHASEGATE_REPORT_UNWRITABLE', `Cannot write the report to ${dir}: ${reason}`, { file: dir, cause: error, hint: 'choose a writable folder with --out <dir>, or fix the permissions of that one' });
  }
}
