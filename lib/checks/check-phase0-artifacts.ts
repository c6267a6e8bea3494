// Phase 0 REPORT criteria: the evidence files a Phase 0 gate writes exist, are non-empty and fresh (P0-S2-AC1a/b/c,
// P0-S5-AC4ab), the Python audit CSV has a row per Python service (P0-S3-AC1b, P0-SC3), and the rebuild log tree
// with its `current_rebuild` link exists (P0-S5-AC2ab), the infrastructure report documents every Story 4 check
// (P0-S4-AC4). Judged from what the caller read from disk (pure), plus `statEvidence`, the one fs reader.
import { statSync } from 'node:fs';
import type { CheckResult } from './check-result.js';
import { PYTHON_AUDIT_COLUMNS, parseCsv } from '../audit/python-versions-csv.js';
import { INFRASTRUCTURE_REPORT_SECTIONS } from '../reports/infrastructure-report.js';
import type { RebuildLogListing } from '../reports/phase0-artifacts.js';

/** One evidence file as found on disk. */
export interface EvidenceFile {
  readonly path: string;
  /** Size in bytes; undefined when the file does not exist. */
  readonly bytes?: number;
  /** Last modification, epoch ms. */
  readonly mtimeMs?: number;
  /** Required content found in it (e.g. a log line count), when the caller measured one. */
  readonly lines?: number;
  /**
   * Why the file does not count although the caller tried to write it: the capture failed (`inspect: no such
   * container`, then nothing is written) or what it holds is void (`no memory reading`). @default none
   */
  readonly problem?: string;
}

/** Size and mtime of each path; a missing file has no `bytes`. */
export function statEvidence(paths: readonly string[]): EvidenceFile[] {
  return paths.map((path) => {
    try {
      const s = statSync(path);
      return s.isFile() ? { path, bytes: s.size, mtimeMs: s.mtimeMs } : { path };
    } catch {
      return { path };
    }
  });
}

/** Options of {@link checkEvidenceFiles}. */
export interface EvidenceFilesCheck {
  readonly criterionId: string;
  /** What the files are (`websocket-ingestion log tail`). */
  readonly what: string;
  /** Now, epoch ms (for the age limit). @default Date.now() */
  readonly nowMs?: number;
  /** Oldest allowed mtime, in ms before now (P0-S5-AC4ab: 300000, the monitors' 300 s loop). @default no limit */
  readonly maxAgeMs?: number;
}

/** REPORT: every file exists and is non-empty (and not older than `maxAgeMs`). */
export function checkEvidenceFiles(files: readonly EvidenceFile[], check: EvidenceFilesCheck): CheckResult {
  const nowMs = check.nowMs ?? Date.now();
  const limit = `exists, non-empty${check.maxAgeMs !== undefined ? `, written < ${Math.round(check.maxAgeMs / 1000)} s ago` : ''}`;
  const base = { criterionId: check.criterionId, title: `${check.what} saved`, limit, evidence: files.map((f) => ({ label: f.path, value: f.bytes ?? null, unit: 'bytes' })) };
  if (files.length === 0) return { ...base, status: 'error', message: `${check.what}: no file to check` };
  const bad = files.flatMap((f) => {
    if (f.problem !== undefined) return [`${f.path}: ${f.problem}`];
    if (f.bytes === undefined) return [`${f.path} does not exist`];
    if (f.bytes === 0) return [`${f.path} is empty`];
    if (f.lines === 0) return [`${f.path} holds no line`];
    if (check.maxAgeMs !== undefined && f.mtimeMs !== undefined && nowMs - f.mtimeMs > check.maxAgeMs) return [`${f.path} was last written ${Math.round((nowMs - f.mtimeMs) / 1000)} s ago (limit ${Math.round(check.maxAgeMs / 1000)} s)`];
    return [];
  });
  const hint = files.some((f) => f.problem !== undefined) ? 'the capture step says why above; is the container there and running?' : 'the capture step failed before writing; its error is in the test output';
  if (bad.length > 0) return { ...base, status: 'failed', measurement: bad.length, message: `${check.what}: ${bad.join('; ')}. hint: ${hint}` };
  const total = files.reduce((n, f) => n + f.bytes!, 0);
  return { ...base, status: 'passed', measurement: total, message: `${check.what}: ${files.length} file(s), ${total} bytes (${files.map((f) => `${f.path}${f.lines !== undefined ? ` ${f.lines} lines` : ''}`).join(', ')})` };
}

/** Options of {@link checkPythonAuditCsv}. */
export interface PythonAuditCsvCheck {
  /** P0-S3-AC1b (a row per service) or P0-SC3 (each row documents a version). */
  readonly criterionId: string;
  /** The file, for messages. */
  readonly path: string;
  /** Every Python service of the checkout. */
  readonly services: readonly string[];
  /** P0-SC3: each row must hold a runtime or Dockerfile version. @default false */
  readonly requireVersion?: boolean;
  /** Why the file is not there, when the writer knows (`not written: ENOTDIR …`), named instead of "does not exist". @default none */
  readonly writeError?: string;
}

/** P0-S3-AC1b / P0-SC3: `python_versions_audit.csv` exists with the audit header and one row per Python service. */
export function checkPythonAuditCsv(text: string | undefined, check: PythonAuditCsvCheck): CheckResult {
  const base = { criterionId: check.criterionId, title: check.requireVersion ? 'Python versions documented for every service' : 'python_versions_audit.csv written', limit: `1 row per Python service (${check.services.length})${check.requireVersion ? ' with a version' : ''}` };
  if (text === undefined) return { ...base, status: 'failed', message: check.writeError !== undefined ? `${check.path}: ${check.writeError}. hint: the reports folder must be writable (PHASEGATE_REPORTS_DIR)` : `${check.path} does not exist. hint: the audit step of the Phase 0 gate writes it; its error is in the test output` };
  const [header, ...rows] = parseCsv(text);
  if (!header || header.join(',') !== PYTHON_AUDIT_COLUMNS.join(',')) return { ...base, status: 'failed', message: `${check.path}: header ${JSON.stringify(header?.join(',') ?? '')}; expected ${PYTHON_AUDIT_COLUMNS.join(',')}` };
  const col = (name: (typeof PYTHON_AUDIT_COLUMNS)[number]) => PYTHON_AUDIT_COLUMNS.indexOf(name);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r[col('service')] ?? '', (counts.get(r[col('service')] ?? '') ?? 0) + 1);
  const missing = check.services.filter((s) => !counts.has(s));
  const doubled = [...counts].filter(([, n]) => n > 1).map(([s]) => s);
  const unversioned = check.requireVersion ? rows.filter((r) => check.services.includes(r[col('service')] ?? '') && !r[col('runtime_version')] && !r[col('dockerfile_python')]).map((r) => r[col('service')]!) : [];
  const problems = [
    ...(missing.length ? [`no row for ${missing.length} service(s): ${missing.join(', ')}`] : []),
    ...(doubled.length ? [`more than one row for ${doubled.join(', ')}`] : []),
    ...(unversioned.length ? [`no version documented (neither python --version nor a FROM python: tag) for ${unversioned.join(', ')}`] : []),
  ];
  if (check.services.length === 0) return { ...base, status: 'skipped', message: `not decidable: the checkout has no Python service (no requirements files found)` };
  if (problems.length > 0) return { ...base, status: 'failed', measurement: problems.length, message: `${check.path}: ${problems.join('; ')}` };
  const needs = rows.filter((r) => r[col('status')] === 'NEEDS_UPGRADE').length;
  return { ...base, status: 'passed', measurement: rows.length, message: `${check.path}: ${rows.length} row(s), one per Python service${check.requireVersion ? ', each with a version' : ''} (${needs} NEEDS_UPGRADE)` };
}

/** P0-S5-AC2ab: every folder of the tree exists and `current_rebuild` points at `rebuild_<date>`. */
export function checkRebuildLogLayout(
  listing: RebuildLogListing,
  options: {
    /** @default 'P0-S5-AC2ab' */ readonly criterionId?: string;
    /** Why laying the tree out failed (`EEXIST: file already exists, mkdir …`), when it did. @default none */
    readonly createError?: string;
  } = {},
): CheckResult {
  const expected = listing.present.length + listing.missing.length;
  const base = { criterionId: options.criterionId ?? 'P0-S5-AC2ab', title: 'rebuild log folders and current_rebuild link', limit: `${expected} folders + current_rebuild → rebuild_${listing.date}` };
  const problems = [
    ...(options.createError !== undefined ? [`laying it out failed: ${options.createError}`] : []),
    ...(listing.missing.length ? [`${listing.missing.length} of ${expected} folder(s) missing: ${listing.missing.slice(0, 4).join(', ')}${listing.missing.length > 4 ? ', …' : ''}`] : []),
    ...(listing.currentLink === undefined ? ['current_rebuild is not a symlink'] : listing.currentLink.replace(/\/+$/, '').split('/').at(-1) !== `rebuild_${listing.date}` ? [`current_rebuild points at ${listing.currentLink}, not rebuild_${listing.date}`] : !listing.currentResolves ? [`current_rebuild → ${listing.currentLink} does not resolve to a folder`] : []),
  ];
  if (problems.length > 0) return { ...base, status: 'failed', measurement: listing.missing.length, message: `${listing.root}: ${problems.join('; ')}. hint: 000 Task 5.2 (L468-476): mkdir -p logs/rebuild_$(date +%Y%m%d)/{phase0,…,deployment}/{build,test,health,errors}; ln -sfn …` };
  return { ...base, status: 'passed', measurement: expected, message: `${listing.root}: ${expected} folders of rebuild_${listing.date} exist and current_rebuild → ${listing.currentLink}` };
}

/** Options of {@link checkInfrastructureReport}. */
export interface InfrastructureReportCheck {
  /** @default 'P0-S4-AC4' */
  readonly criterionId?: string;
  /** Criterion IDs the report must document (each Story 4 check the gate ran). */
  readonly expectedIds: readonly string[];
}

/**
 * P0-S4-AC4 (000 L341-345, L403): `infrastructure_validation_report.md` was written, states a verdict, has the
 * sections Checks, Blockers, Upgrade requirements and Remediation plan, and its Checks table documents every expected
 * criterion. What the report says of the host is Story 4's other criteria; a NOT READY report still passes here.
 */
export function checkInfrastructureReport(file: EvidenceFile, text: string | undefined, check: InfrastructureReportCheck): CheckResult {
  const base = { criterionId: check.criterionId ?? 'P0-S4-AC4', title: 'infrastructure_validation_report.md written (checks, blockers, upgrades, remediation)', limit: `sections ${INFRASTRUCTURE_REPORT_SECTIONS.join(', ')}; every Story 4 check documented` };
  const hint = 'the report is written by suites/phase0/infrastructure.test.ts into reports/phase0/diagnostics; is that folder writable?';
  if (file.problem !== undefined) return { ...base, status: 'failed', message: `${file.path}: ${file.problem}. hint: ${hint}` };
  if (file.bytes === undefined || text === undefined) return { ...base, status: 'failed', message: `${file.path} does not exist. hint: ${hint}` };
  if (text.trim() === '') return { ...base, status: 'failed', measurement: 0, message: `${file.path} is empty. hint: ${hint}` };
  const headings = new Set([...text.matchAll(/^##\s+(.+?)\s*$/gm)].map((m) => m[1]!));
  const missingSections = INFRASTRUCTURE_REPORT_SECTIONS.filter((s) => !headings.has(s));
  const checksSection = /^## Checks\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(text)?.[1] ?? '';
  const documented = new Set([...checksSection.matchAll(/^\|\s*([A-Z0-9][A-Za-z0-9-]*)\s*\|/gm)].map((m) => m[1]!));
  const undocumented = check.expectedIds.filter((id) => !documented.has(id));
  const verdict = /\*\*Verdict: ([A-Z ]+?)\*\*/.exec(text)?.[1];
  const problems = [
    ...(verdict === undefined ? ['states no verdict'] : []),
    ...(missingSections.length ? [`lacks the section(s) ${missingSections.map((s) => `"## ${s}"`).join(', ')}`] : []),
    ...(undocumented.length ? [`does not document ${undocumented.join(', ')} in its Checks table`] : []),
  ];
  if (problems.length > 0) return { ...base, status: 'failed', measurement: problems.length, message: `${file.path} ${problems.join('; ')}. hint: the report is rendered by lib/reports/infrastructure-report.ts from the checks the gate ran` };
  return { ...base, status: 'passed', measurement: check.expectedIds.length, message: `${file.path}: verdict ${verdict}, ${check.expectedIds.length} checks documented with blockers, upgrade requirements and a remediation plan (${file.bytes} bytes)` };
}
