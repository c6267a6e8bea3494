// LOG_SCAN: no error lines in the last N log lines of each service.
import type { CheckResult } from './check-result.js';
import type { ContainerSnapshot } from './container-state-source.js';
import { maskSecrets } from '../common/secrets.js';
import { LogScanner } from '../probes/log-scanner.js';

/**
 * InfluxDB write-error lines (P2-SC5, after the influxdb3-python migration): a write word (write, points, batch) and a
 * failure word close together in either order, or an InfluxDB client exception class. `write_failures: 0`,
 * `wrote 100 points` and query failures (`InfluxDB query failed`) do not match.
 */
export const INFLUX_WRITE_ERROR_PATTERNS: readonly RegExp[] = [
  /\b(?:writ(?:e|es|ing|ten)|points?|batch(?:es)?)\b.{0,80}?\b(?:fail(?:s|ed|ure)?|errors?|exception|refused|timed? ?out|rejected)\b/i,
  /\b(?:fail(?:s|ed|ure)?|errors?|exception)\b.{0,80}?\bwrit(?:e|es|ing)\b/i,
  /\b(?:InfluxDB\w*Error|WriteApiError|ApiException)\b/,
];

/** Reads the last log lines of a service. */
export interface LogSource {
  /** The container read and its last `lines` lines, or undefined when the service has no container. */
  tail(service: string, lines: number): Promise<{ readonly container: string; readonly lines: readonly string[] } | undefined>;
}

/** Which logs to scan. */
export interface NoErrorLogsCheck {
  /** Criterion ID (`P1-SC2`, `P1-S4-AC7`, `P0-S2-AC3b`). */
  readonly criterionId: string;
  readonly services: readonly string[];
  /** Lines read per container (P1-SC2: 100, P1-S4-AC7: 50). */
  readonly tail: number;
  /** Lines that look like errors but are known to be benign. @default [] */
  readonly allow?: readonly RegExp[];
  /** What counts as an error line (P2-SC5 looks for InfluxDB write errors only). @default the scanner's error patterns */
  readonly patterns?: readonly RegExp[];
  /** Name of the lines looked for, in messages. @default 'error' */
  readonly what?: string;
  /** Only lines Docker timestamped at or after this time (epoch ms) count (PD-D1-3 "in the past hour"); the tail still bounds how many are read. @default every line of the tail */
  readonly sinceMs?: number;
}

/** Adapts lib/docker's inspector (`logsTail(id, n)` returning `{ text }` lines) plus a sample of states to a LogSource. */
export function inspectorLogSource(
  inspector: { logsTail(idOrName: string, lines: number): Promise<ReadonlyArray<{ readonly text: string; readonly timestamp?: string }>> },
  states: readonly ContainerSnapshot[],
  options: { /** Drop lines timestamped before this epoch ms (lines without a timestamp are kept). */ readonly sinceMs?: number } = {},
): LogSource {
  const since = options.sinceMs;
  return {
    async tail(service, lines) {
      const c = states.find((s) => s.service === service);
      if (!c) return undefined;
      const read = await inspector.logsTail(c.id ?? c.name, lines);
      const kept = since === undefined ? read : read.filter((l) => l.timestamp === undefined || !(Date.parse(l.timestamp) < since));
      return { container: c.name, lines: kept.map((l) => l.text) };
    },
  };
}

/** Scans each service's log tail; a source that cannot be read gives `status: 'error'` unless errors were already found. */
export async function checkNoErrorLogs(source: LogSource, check: NoErrorLogsCheck): Promise<CheckResult>;
/** Form taking lib/docker's inspector and a sample of container states. */
export async function checkNoErrorLogs(
  inspector: { logsTail(idOrName: string, lines: number): Promise<ReadonlyArray<{ readonly text: string; readonly timestamp?: string }>> },
  states: readonly ContainerSnapshot[],
  check: NoErrorLogsCheck,
): Promise<CheckResult>;
export async function checkNoErrorLogs(
  a: LogSource | { logsTail(idOrName: string, lines: number): Promise<ReadonlyArray<{ readonly text: string; readonly timestamp?: string }>> },
  b: NoErrorLogsCheck | readonly ContainerSnapshot[],
  c?: NoErrorLogsCheck,
): Promise<CheckResult> {
  const check = c ?? (b as NoErrorLogsCheck);
  const source = 'tail' in a ? a : inspectorLogSource(a, b as readonly ContainerSnapshot[], check.sinceMs === undefined ? {} : { sinceMs: check.sinceMs });
  const started = performance.now();
  const scanner = new LogScanner({ ...(check.allow ? { allow: check.allow } : {}), ...(check.patterns ? { patterns: check.patterns } : {}), maxMatches: 5 });
  const what = check.what ?? 'error';
  const findings: string[] = [];
  const unreadable: string[] = [];
  const evidence: { label: string; value: string }[] = [];
  let total = 0;
  for (const service of check.services) {
    let read: Awaited<ReturnType<LogSource['tail']>>;
    try {
      read = await source.tail(service, check.tail);
    } catch (error) {
      unreadable.push(maskSecrets(`${service}: ${(error as Error).message}`));
      continue;
    }
    if (!read) {
      findings.push(`${service}: no container`);
      continue;
    }
    const result = scanner.scan(read.lines);
    if (result.errorCount > 0) {
      total += result.errorCount;
      findings.push(maskSecrets(`${service} (${read.container}): ${result.errorCount} ${what} line(s), first: ${result.matches[0]!.text}`));
      evidence.push({ label: `${service} ${what} lines (last ${check.tail})`, value: maskSecrets(result.matches.map((m) => `${m.line}: ${m.text}`).join('\n')) });
    }
  }
  const base = {
    criterionId: check.criterionId,
    title: what === 'error' ? `no errors in the last ${check.tail} log lines` : `no ${what} lines in the last ${check.tail} log lines`,
    limit: `0 ${what} lines in the last ${check.tail} lines${check.sinceMs === undefined ? '' : ` since ${new Date(check.sinceMs).toISOString()}`}`,
    evidence,
    durationMs: performance.now() - started,
  };
  const hint = `hint: docker logs --tail ${check.tail} <container>`;
  if (findings.length > 0) {
    const also = unreadable.length ? `; logs unreadable: ${unreadable.join('; ')}` : '';
    return { ...base, status: 'failed', measurement: total, message: `${findings.join('; ')}${also}. ${hint}` };
  }
  if (unreadable.length > 0) {
    return { ...base, status: 'error', message: `could not read the logs of ${unreadable.length}/${check.services.length} services: ${unreadable.join('; ')}. hint: is the Docker daemon reachable?` };
  }
  return { ...base, status: 'passed', measurement: 0, message: `no ${what} lines in the last ${check.tail} log lines of ${check.services.length} services${check.sinceMs === undefined ? '' : ` (lines since ${new Date(check.sinceMs).toISOString()})`}` };
}
