// Lays a run out on disk: reports/<phase>/<runId>/{report.json,report.md,junit.xml,report.html}, a copy in
// reports/<phase>/latest/ and the refreshed reports/index.html.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../common/errors.js';
import { loadChartLibrary, type ChartLibrary } from './chart-library.js';
import { defaultRenderers } from './default-renderers.js';
import { parseRunReport, type RunReport } from './model.js';
import { ReporterMultiplexer, type MultiplexResult, type ReportRenderer } from './reporter-multiplexer.js';
import { readRunHistory, renderIndex } from './run-history.js';
import { ensureReportDir, writeReport, type ReportLog } from './write-report.js';

/** Options of {@link writeRunArtifacts} and {@link rerenderReport}. */
export interface RunArtifactsOptions {
  /** Root of the reports tree. @default 'reports' */
  readonly rootDir?: string;
  /** Chart library inlined into HTML pages. @default loadChartLibrary() (chart.js from node_modules) */
  readonly chartLibrary?: ChartLibrary | undefined;
  /** Renderers to run. @default defaultRenderers({ chartLibrary }) */
  readonly renderers?: readonly ReportRenderer[];
  /** Receives `… report written to <path>` lines. @default the `phasegate:reports` debug logger */
  readonly log?: ReportLog;
  /** Receives `Error in reporter <name>: …` lines. @default stderr */
  readonly onError?: (line: string) => void;
}

/** Where a run's artifacts went. */
export interface RunArtifacts extends MultiplexResult {
  /** `reports/<phase>/<runId>`. */
  readonly runDir: string;
  /** `reports/<phase>/latest`, a copy of runDir. */
  readonly latestDir: string;
  /** `reports/index.html`, or undefined when it could not be written (the error went to onError). */
  readonly indexPath: string | undefined;
}

/** Keeps path segments to safe characters: a phase or run id never escapes the reports root. */
export function safeSegment(text: string): string {
  const s = text.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '');
  return s.length ? s : 'unnamed';
}

/**
 * Writes every artifact of `report`, then copies the run folder to `latest/` (a copy, not a symlink: it survives
 * artifact upload, Windows checkouts and filesystems without links) and re-renders the index page. An unwritable
 * `rootDir` throws a ConfigError before anything is rendered.
 */
export function writeRunArtifacts(report: RunReport, options: RunArtifactsOptions = {}): RunArtifacts {
  const rootDir = options.rootDir ?? 'reports';
  const chartLibrary = 'chartLibrary' in options ? options.chartLibrary : loadChartLibrary();
  const onError = options.onError ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = options.log;
  const write = (dir: string, file: string, content: string) => (log ? writeReport(dir, file, content, log) : writeReport(dir, file, content));
  const mux = new ReporterMultiplexer(options.renderers ?? defaultRenderers({ chartLibrary }), { write, onError });
  const runDir = join(rootDir, safeSegment(report.phase), safeSegment(report.runId));
  // One clear ConfigError for an unwritable reports folder, instead of one failure per renderer.
  ensureReportDir(runDir);
  const result = mux.writeAll(runDir, report);
  const latestDir = join(rootDir, safeSegment(report.phase), 'latest');
  rmSync(latestDir, { recursive: true, force: true });
  cpSync(runDir, latestDir, { recursive: true });
  let indexPath: string | undefined;
  try {
    indexPath = write(rootDir, 'index.html', renderIndex(readRunHistory(rootDir), chartLibrary));
  } catch (error) {
    onError(`Error in reporter index: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { ...result, runDir, latestDir, indexPath };
}

/**
 * Re-renders every artifact next to an existing `report.json` (for `phasegate report <path>`), e.g. after a
 * renderer changed. Throws a ConfigError naming the file when it is not a run report.
 */
export function rerenderReport(jsonPath: string, options: Omit<RunArtifactsOptions, 'rootDir'> = {}): MultiplexResult {
  let report: RunReport;
  try {
    report = parseRunReport(JSON.parse(readFileSync(jsonPath, 'utf8')));
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 3).join(' ');
    throw new ConfigError(`Cannot re-render ${jsonPath}: not a phasegate run report (${reason})`, { file: jsonPath, cause: error, hint: 'pass the report.json of a run, e.g. reports/phase1/latest/report.json' });
  }
  return renderRunArtifacts(report, dirname(jsonPath), options);
}

/**
 * Renders the artifacts of `report` into `dir` (no `latest/` copy, no index): what `phasegate report` uses to
 * re-render a stored run, also into another folder. Renderer failures are returned, never thrown.
 */
export function renderRunArtifacts(report: RunReport, dir: string, options: Omit<RunArtifactsOptions, 'rootDir'> = {}): MultiplexResult {
  const chartLibrary = 'chartLibrary' in options ? options.chartLibrary : loadChartLibrary();
  const log = options.log;
  const write = (d: string, file: string, content: string) => (log ? writeReport(d, file, content, log) : writeReport(d, file, content));
  return new ReporterMultiplexer(options.renderers ?? defaultRenderers({ chartLibrary }), { write, ...(options.onError ? { onError: options.onError } : {}) }).writeAll(dir, report);
}
