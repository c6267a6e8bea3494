// RUN-POST-1e "`health-check.sh --json > health-report.json` (also --critical-only)": the JSON health report the
// gate wrote (lib/reports/health-report.ts) is read back from disk and must be complete: it parses, names every
// expected service once with a status, a latency (or null when none came) and a verdict, and the critical-only
// report holds every critical service and nothing else. Whether the services are healthy is RUN-POST-1a/1c's verdict.
import { existsSync, readFileSync } from 'node:fs';
import type { CheckResult } from './check-result.js';

/** Options of {@link checkHealthReport}. */
export interface HealthReportCheck {
  /** @default 'RUN-POST-1e' */
  readonly criterionId?: string;
  /** `health-report.json` path. */
  readonly allFile: string;
  /** `health-report-critical.json` path. */
  readonly criticalFile: string;
  /** Services the full report must hold. */
  readonly expected: readonly string[];
  /** Services the critical-only report must hold (and only these). */
  readonly critical: readonly string[];
}

const STATUSES = new Set(['healthy', 'unhealthy', 'error']);

/** Problems of one report file, one line each; empty when complete. */
function problemsOf(file: string, expected: readonly string[], exact: boolean): { problems: string[]; unhealthy: number; total: number } {
  if (!existsSync(file)) return { problems: [`${file} does not exist`], unhealthy: 0, total: 0 };
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { problems: [`${file} is not JSON (${error instanceof Error ? error.message : String(error)})`], unhealthy: 0, total: 0 };
  }
  const services = (doc as { services?: unknown }).services;
  if (!Array.isArray(services)) return { problems: [`${file} has no "services" list`], unhealthy: 0, total: 0 };
  const problems: string[] = [];
  const seen = new Map<string, number>();
  services.forEach((raw: unknown, i) => {
    const e = raw as Record<string, unknown>;
    const name = typeof e.service === 'string' ? e.service : `services[${i}]`;
    seen.set(name, (seen.get(name) ?? 0) + 1);
    if (!STATUSES.has(String(e.status))) problems.push(`${file}: ${name} has status ${JSON.stringify(e.status)} (expected healthy, unhealthy or error)`);
    if (!(e.latencyMs === null || (typeof e.latencyMs === 'number' && e.latencyMs >= 0))) problems.push(`${file}: ${name} has no latency (latencyMs ${JSON.stringify(e.latencyMs)})`);
    if (typeof e.verdict !== 'string' || e.verdict === '') problems.push(`${file}: ${name} has no verdict`);
  });
  const missing = expected.filter((s) => !seen.has(s));
  if (missing.length) problems.push(`${file} lacks ${missing.join(', ')}`);
  const twice = [...seen].filter(([, n]) => n > 1).map(([s]) => s);
  if (twice.length) problems.push(`${file} lists ${twice.join(', ')} more than once`);
  const extra = exact ? [...seen.keys()].filter((s) => !expected.includes(s)) : [];
  if (extra.length) problems.push(`${file} holds non-critical ${extra.join(', ')}`);
  const unhealthy = services.filter((e: { status?: unknown }) => e.status !== 'healthy').length;
  return { problems, unhealthy, total: services.length };
}

/** Passed when both report files exist and are complete. Reads the files; never throws for a verdict. */
export function checkHealthReport(check: HealthReportCheck): CheckResult {
  const base = { criterionId: check.criterionId ?? 'RUN-POST-1e', title: 'health-report.json (and --critical-only)', limit: 'every service with status, latency and verdict; the critical subset exact' };
  if (check.expected.length === 0) return { ...base, status: 'error', message: 'no service expected in the health report: the target lists none' };
  const all = problemsOf(check.allFile, check.expected, false);
  const critical = problemsOf(check.criticalFile, check.critical, true);
  const problems = [...all.problems, ...critical.problems];
  const evidence = [
    { label: 'health-report.json', value: check.allFile },
    { label: 'health-report-critical.json', value: check.criticalFile },
  ];
  if (problems.length > 0) return { ...base, status: 'failed', measurement: problems.length, evidence, message: `the health report is incomplete: ${problems.join('; ')}. hint: the runbook gate writes it from the health sweep into reports/<suite>/health/; is that folder writable?` };
  return { ...base, status: 'passed', measurement: all.total, evidence, message: `${check.allFile} lists ${all.total} service(s) (${all.unhealthy} not healthy, judged by RUN-POST-1a/1c), ${check.criticalFile} the ${critical.total} critical one(s) (${check.critical.join(', ')}), each with status, latency and verdict` };
}
