// LOG_SCAN "hourly error collection to deployment_errors.log" (TV-M3, 001 L1464-1467: for every homeiq container
// `docker logs $c --since 1h 2>&1 | grep -i error >> deployment_errors.log`): the error lines every container of the
// project wrote in the last hour, secret-masked (lib/docker), gathered into one log text with a header per container.
// The criterion is the collection itself, so the check fails when a container's logs cannot be read or an expected
// service has no container — not on the errors found (P1-SC2 and RUN-MON-1 judge those). The writing is the caller's.
import { errorExcerpt } from '../common/printable.js';
import type { LogLine } from '../docker/container-inspector.js';
import type { CheckResult, Evidence } from './check-result.js';

/** 001's `grep -i error`. */
export const GREP_I_ERROR: readonly RegExp[] = [/error/i];

/** One container's part of the collection. */
export interface ContainerErrors {
  readonly service: string;
  readonly container: string;
  /** Log lines read in the window. */
  readonly linesRead: number;
  /** The error lines (masked), `<timestamp> <text>`. */
  readonly errorLines: readonly string[];
}

/** What {@link collectErrorLines} gathered. */
export interface ErrorCollection {
  readonly containers: readonly ContainerErrors[];
  /** `service (container): why` for logs that could not be read. */
  readonly unreadable: readonly string[];
  /** Expected services without a container. */
  readonly missing: readonly string[];
}

/** Options of {@link collectErrorLines}. */
export interface CollectErrorsOptions {
  /** Services the target should run; one without a container is reported missing. */
  readonly expected: readonly string[];
  /** The window, seconds (001: 1 h). */
  readonly sinceSeconds: number;
  /** Error patterns. @default GREP_I_ERROR */
  readonly patterns?: readonly RegExp[];
}

/** Reads every container's logs of the window (`readLogs`, e.g. DockerodeContainerInspector.logsSince) and keeps the error lines. */
export async function collectErrorLines(
  containers: ReadonlyArray<{ readonly service: string; readonly name: string; readonly id: string }>,
  readLogs: (id: string, sinceSeconds: number) => Promise<readonly LogLine[]>,
  options: CollectErrorsOptions,
): Promise<ErrorCollection> {
  const patterns = options.patterns ?? GREP_I_ERROR;
  const unreadable: string[] = [];
  const read = await Promise.all(containers.map(async (c): Promise<ContainerErrors | undefined> => {
    try {
      const lines = await readLogs(c.id, options.sinceSeconds);
      const errorLines = lines.filter((l) => patterns.some((p) => p.test(l.text))).map((l) => `${l.timestamp ?? '-'} ${l.text}`);
      return { service: c.service, container: c.name, linesRead: lines.length, errorLines };
    } catch (error) {
      unreadable.push(`${c.service} (${c.name}): ${errorExcerpt(error)}`);
      return undefined;
    }
  }));
  const missing = options.expected.filter((s) => !containers.some((c) => c.service === s));
  return { containers: read.filter((x): x is ContainerErrors => x !== undefined), unreadable, missing };
}

/** The collection as the text of `deployment_errors.log`: a header per container, then its error lines. */
export function formatErrorLog(collection: ErrorCollection, collectedAt: Date, sinceSeconds: number): string {
  const out = [`# deployment_errors.log — error lines (grep -i error) of every container since ${new Date(collectedAt.getTime() - sinceSeconds * 1000).toISOString()}, collected ${collectedAt.toISOString()}; secrets masked`];
  for (const c of collection.containers) out.push(`=== ${c.container} (${c.service}): ${c.errorLines.length} error line(s) of ${c.linesRead}`, ...c.errorLines);
  for (const u of collection.unreadable) out.push(`=== UNREADABLE ${u}`);
  for (const m of collection.missing) out.push(`=== MISSING ${m}: no container`);
  return `${out.join('\n')}\n`;
}

/** Options of {@link checkErrorCollection}. */
export interface ErrorCollectionCheck {
  readonly criterionId: string;
  /** Where the log was written (named in the message). */
  readonly file: string;
  readonly sinceSeconds: number;
}

/** Passes when every container's logs were read and every expected service had one. */
export function checkErrorCollection(collection: ErrorCollection, check: ErrorCollectionCheck): CheckResult {
  const window = check.sinceSeconds % 3600 === 0 ? `${check.sinceSeconds / 3600} h` : `${check.sinceSeconds} s`;
  const base = { criterionId: check.criterionId, title: 'error lines of every container collected', limit: `logs of every container read (--since ${window})` };
  const total = collection.containers.reduce((n, c) => n + c.errorLines.length, 0);
  const evidence: Evidence[] = [
    { label: 'deployment_errors.log', value: check.file },
    { label: 'error lines per container', value: collection.containers.map((c) => `${c.container}: ${c.errorLines.length} of ${c.linesRead}`).join('\n') || 'none' },
  ];
  const problems = [...collection.unreadable.map((u) => `could not read the logs of ${u}`), ...collection.missing.map((m) => `${m} has no container`)];
  if (problems.length > 0 || collection.containers.length === 0) {
    return { ...base, status: 'failed', measurement: problems.length, evidence, message: `${problems.join('; ') || 'no container to collect from'}; ${collection.containers.length} container(s) collected into ${check.file}. hint: is the container running and the Docker daemon answering? (docker logs --since ${window.replace(" ", "")} <container>)` };
  }
  const noisiest = [...collection.containers].sort((a, b) => b.errorLines.length - a.errorLines.length).filter((c) => c.errorLines.length > 0).slice(0, 3).map((c) => `${c.container} ${c.errorLines.length}`);
  return { ...base, status: 'passed', measurement: total, evidence, message: `logs of all ${collection.containers.length} container(s) read over the last ${window}: ${total} error line(s) collected into ${check.file}${noisiest.length > 0 ? ` (most: ${noisiest.join(', ')})` : ''}` };
}
