// Reads one stored `report.json` and says precisely why it cannot be used: missing, not JSON, another schema
// version, or not a run report at all.
import { existsSync, readFileSync } from 'node:fs';
import { ReportError } from '../common/errors.js';
import { parseRunReport, REPORT_SCHEMA_VERSION, type RunReport } from './model.js';

/** Schema versions this phasegate reads (`runReportSchema` accepts them). */
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, REPORT_SCHEMA_VERSION];

/**
 * Parses the run report at `path`. Throws a {@link ReportError}: `PHASEGATE_REPORT_NOT_FOUND` when the file does not
 * exist, `PHASEGATE_REPORT_INVALID` when it is not JSON, was written with a schema version this phasegate does not
 * read, or does not match the run report schema (the message names the file and the first bad fields).
 */
export function readRunReportFile(path: string): RunReport {
  if (!existsSync(path)) {
    throw new ReportError('PHASEGATE_REPORT_NOT_FOUND', `No run report at ${path}`, { file: path, hint: 'list the stored runs with `phasegate report --list`' });
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReportError('PHASEGATE_REPORT_INVALID', `Cannot read run report ${path}: not valid JSON (${reason})`, { file: path, cause: error, hint: 'the file is truncated or was edited by hand; re-run the gate (npx vitest run suites/<phase>) to write a new one' });
  }
  const version = typeof json === 'object' && json !== null && 'schemaVersion' in json ? (json as { schemaVersion: unknown }).schemaVersion : undefined;
  if (version !== undefined && !READABLE_SCHEMA_VERSIONS.includes(version as number)) {
    throw new ReportError('PHASEGATE_REPORT_INVALID', `Cannot read run report ${path}: schemaVersion ${JSON.stringify(version)} is not one this phasegate reads (${READABLE_SCHEMA_VERSIONS.join(', ')})`, { file: path, hint: 'it was written by another phasegate version: re-render it with that version, or re-run the gate with this one' });
  }
  try {
    return parseRunReport(json);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/^invalid run report: /, '');
    const what = version === undefined ? 'not a phasegate run report (no schemaVersion)' : `not a valid phasegate run report (${truncate(reason, 300)})`;
    throw new ReportError('PHASEGATE_REPORT_INVALID', `Cannot read run report ${path}: ${what}`, { file: path, cause: error, hint: 'pass the report.json of a run, e.g. reports/phase1/latest/report.json' });
  }
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
