// LOG_SCAN: no error lines in the last N log lines of each service.
import type { CheckResult } from './check-result.js';
import type { ContainerInspector, ContainerState } from '../docker/container-inspector.js';
import { scanLogLines } from '../probes/log-scan.js';

export interface NoErrorLogsCheck {
  readonly criterionId: string;
  readonly services: readonly string[];
  /** Lines read per container (P1-SC2: 100, P1-S4-AC7: 50). */
  readonly tail: number;
  /** Lines that look like errors but are known to be benign. */
  readonly allow?: readonly RegExp[];
}

export async function checkNoErrorLogs(inspector: ContainerInspector, states: readonly ContainerState[], check: NoErrorLogsCheck): Promise<CheckResult> {
  const started = performance.now();
  const findings: string[] = [];
  const evidence: { label: string; value: string }[] = [];
  for (const service of check.services) {
    const c = states.find((s) => s.service === service);
    if (!c) {
      findings.push(`${service}: no container`);
      continue;
    }
    const lines = await inspector.logsTail(c.id, check.tail);
    const matches = scanLogLines(lines.map((l) => l.text), { ...(check.allow ? { allow: check.allow } : {}) });
    if (matches.length > 0) {
      findings.push(`${service} (${c.name}): ${matches.length} error line(s), first: ${matches[0]!.text}`);
      evidence.push({ label: `${service} error lines (last ${check.tail})`, value: matches.slice(0, 5).map((m) => m.text).join('\n') });
    }
  }
  const ok = findings.length === 0;
  return {
    criterionId: check.criterionId,
    title: `no errors in the last ${check.tail} log lines`,
    status: ok ? 'passed' : 'failed',
    measurement: findings.length,
    limit: `0 error lines in the last ${check.tail} lines`,
    message: ok ? `no error lines in the last ${check.tail} log lines of ${check.services.length} services` : `${findings.join('; ')}. hint: docker logs --tail ${check.tail} <container>`,
    evidence,
    durationMs: performance.now() - started,
  };
}
