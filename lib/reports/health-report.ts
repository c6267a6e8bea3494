// RUN-POST-1e: what 004's `health-check.sh --json > health-report.json` (and `--critical-only`) produce, from the
// body-judged health sweep (lib/checks/check-health-sweep.ts): one entry per service with its verdict, HTTP-level
// status, latency and the reason; the critical-only file holds the critical services alone.
import { join } from 'node:path';
import type { CheckResult } from '../checks/check-result.js';
import { reportsRoot } from './phase0-artifacts.js';
import { writeReport } from './write-report.js';

/** One service in the health report. */
export interface HealthReportEntry {
  readonly service: string;
  /** Health URL probed (credentials masked). */
  readonly url: string;
  /** `healthy` when the body said so (and the answer came), else `unhealthy`; `error` when it could not be probed. */
  readonly status: 'healthy' | 'unhealthy' | 'error';
  /** Time the probe took (to the answer, or to giving up), ms; null when the sweep did not time it. */
  readonly latencyMs: number | null;
  /** What the body had to say (`status == "healthy"`). */
  readonly expected: string;
  /** The verdict in one line (masked). */
  readonly verdict: string;
  /** Whether 004 counts it critical (`--critical-only`). */
  readonly critical: boolean;
}

/** The JSON document. */
export interface HealthReport {
  /** ISO time of the sweep. */
  readonly generatedAt: string;
  /** `all` or `critical-only`. */
  readonly scope: 'all' | 'critical-only';
  readonly summary: { readonly total: number; readonly healthy: number; readonly unhealthy: number };
  readonly services: readonly HealthReportEntry[];
}

/** One probed endpoint: the service, its URL and the sweep's verdict. */
export interface SweptEndpoint {
  readonly service: string;
  readonly url: string;
  readonly result: CheckResult;
}

/** The report from the sweep's verdicts (pure); `criticalOnly` keeps the critical services alone. */
export function buildHealthReport(swept: readonly SweptEndpoint[], options: { readonly critical: readonly string[]; readonly generatedAt: Date; /** @default false */ readonly criticalOnly?: boolean }): HealthReport {
  const entries: HealthReportEntry[] = swept
    .filter((s) => !options.criticalOnly || options.critical.includes(s.service))
    .map((s) => ({
      service: s.service,
      url: s.url,
      status: s.result.status === 'passed' ? 'healthy' : s.result.status === 'error' ? 'error' : 'unhealthy',
      latencyMs: s.result.durationMs === undefined ? null : Math.round(s.result.durationMs * 10) / 10,
      expected: s.result.limit ?? 'healthy',
      verdict: s.result.message,
      critical: options.critical.includes(s.service),
    }));
  const healthy = entries.filter((e) => e.status === 'healthy').length;
  return { generatedAt: options.generatedAt.toISOString(), scope: options.criticalOnly ? 'critical-only' : 'all', summary: { total: entries.length, healthy, unhealthy: entries.length - healthy }, services: entries };
}

/** `reports/<suite>/health/`: where a gate writes its health reports (PHASEGATE_REPORTS_DIR respected). */
export function healthReportDir(suite: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(reportsRoot(env), suite, 'health');
}

/** Writes `health-report.json` and `health-report-critical.json` into `dir` (secrets masked); returns both paths. */
export function writeHealthReports(dir: string, all: HealthReport, critical: HealthReport): { readonly all: string; readonly critical: string } {
  return { all: writeReport(dir, 'health-report.json', `${JSON.stringify(all, null, 2)}\n`), critical: writeReport(dir, 'health-report-critical.json', `${JSON.stringify(critical, null, 2)}\n`) };
}
