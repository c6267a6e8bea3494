// Finds the report.json of a stored run: reports/<phase>/<runId>/report.json, or reports/<phase>/latest/.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ReportError } from '../common/errors.js';
import { safeSegment } from './write-run-artifacts.js';

/** What to look for. */
export interface LocateRunOptions {
  /** Phase folder (`phase1`). @default the phase whose `latest/report.json` was written last */
  readonly phase?: string | undefined;
  /** A run id as `--list` prints it, or `latest`. @default 'latest' */
  readonly runId?: string | undefined;
}

/** A run found on disk. */
export interface LocatedRun {
  readonly phase: string;
  /** The report.json to read. */
  readonly jsonPath: string;
  /** The folder of {@link jsonPath}: `<root>/<phase>/<runId>` or `<root>/<phase>/latest`. */
  readonly dir: string;
  /** True when the run was found through `latest/` (a copy of the newest run folder). */
  readonly viaLatest: boolean;
}

/** Phase folders under the reports root that hold at least one run folder or `latest/`. */
export function phasesWithRuns(rootDir: string): string[] {
  if (!existsSync(rootDir) || !statSync(rootDir).isDirectory()) return [];
  const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
  return readdirSync(rootDir)
    .filter((name) => isDir(join(rootDir, name)) && readdirSync(join(rootDir, name)).some((run) => existsSync(join(rootDir, name, run, 'report.json'))))
    .sort();
}

/**
 * Locates a run. Throws a ReportError `PHASEGATE_REPORT_NOT_FOUND` naming the root, the phase and the run id looked
 * for, and which phases do have runs.
 */
export function locateRun(rootDir: string, options: LocateRunOptions = {}): LocatedRun {
  const phases = phasesWithRuns(rootDir);
  const runId = options.runId ?? 'latest';
  if (phases.length === 0) {
    throw new ReportError('PHASEGATE_REPORT_NOT_FOUND', `No runs under ${rootDir}: no <phase>/<runId>/report.json there`, { file: rootDir, hint: 'run a gate first (npx vitest run suites/phase1), or point --root / PHASEGATE_REPORTS_DIR at the reports folder' });
  }
  if (options.phase !== undefined && !phases.includes(safeSegment(options.phase))) {
    throw new ReportError('PHASEGATE_REPORT_NOT_FOUND', `No runs of phase "${options.phase}" under ${rootDir} (phases with runs: ${phases.join(', ')})`, { file: join(rootDir, options.phase), hint: `run its gate (npx vitest run suites/${options.phase}) or pick one of: ${phases.join(', ')}` });
  }
  const candidates = options.phase === undefined ? phases : [safeSegment(options.phase)];
  if (runId === 'latest') {
    const found = candidates
      .map((phase) => ({ phase, jsonPath: join(rootDir, phase, 'latest', 'report.json') }))
      .filter((c) => existsSync(c.jsonPath))
      .sort((a, b) => statSync(b.jsonPath).mtimeMs - statSync(a.jsonPath).mtimeMs)[0];
    if (!found) {
      throw new ReportError('PHASEGATE_REPORT_NOT_FOUND', `No latest run of ${candidates.join(', ')} under ${rootDir} (no latest/report.json)`, { file: rootDir, hint: `pick a run with --run <runId>; list them with \`phasegate report --list${options.phase ? ` ${options.phase}` : ''}\`` });
    }
    return { ...found, dir: join(rootDir, found.phase, 'latest'), viaLatest: true };
  }
  const found = candidates.map((phase) => ({ phase, jsonPath: join(rootDir, phase, safeSegment(runId), 'report.json') })).find((c) => existsSync(c.jsonPath));
  if (!found) {
    throw new ReportError('PHASEGATE_REPORT_NOT_FOUND', `No run "${runId}" of ${candidates.join(', ')} under ${rootDir}`, { file: rootDir, hint: `list the runs with \`phasegate report --list${options.phase ? ` ${options.phase}` : ''}\`, or use --run latest` });
  }
  return { ...found, dir: join(rootDir, found.phase, safeSegment(runId)), viaLatest: false };
}
