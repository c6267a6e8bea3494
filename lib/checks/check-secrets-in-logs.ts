// SECURITY "no secrets exposed in logs" (RB-CL-SEC1, 003 L1028: 0 token/key pattern hits): the container log lines
// whose text masking had to change (lib/docker marks them `secretMasked` — a registered token or key, an
// Authorization header, `…TOKEN=value`, URL credentials). The lines are shown masked; the check is pure.
import type { LogLine } from '../docker/container-inspector.js';
import type { CheckResult } from './check-result.js';

/** The log lines read from one service. */
export interface ServiceLog {
  readonly service: string;
  readonly lines: readonly LogLine[];
}

export interface SecretsInLogsCheck {
  readonly criterionId: string;
  /** How many lines per container were read (for the message: what was proven). */
  readonly tail: number;
}

/** Fails when any line held a secret; shows at most 5 of them, masked, with service and time. */
export function checkNoSecretsInLogs(logs: readonly ServiceLog[], check: SecretsInLogsCheck): CheckResult {
  const base = { criterionId: check.criterionId, title: 'no secrets in container logs', limit: '0 lines with a token, key or credential' };
  const hits = logs.flatMap((l) => l.lines.filter((line) => line.secretMasked).map((line) => ({ service: l.service, line })));
  const read = logs.reduce((n, l) => n + l.lines.length, 0);
  if (hits.length === 0) {
    return { ...base, status: 'passed', measurement: 0, message: `0 of ${read} log lines of ${logs.length} service(s) (last ${check.tail} each) hold a token, key or credential` };
  }
  const services = [...new Set(hits.map((h) => h.service))];
  const shown = hits.slice(0, 5).map((h) => `${h.service}${h.line.timestamp ? ` ${h.line.timestamp}` : ''}: ${h.line.text.slice(0, 160)}`);
  return {
    ...base,
    status: 'failed',
    measurement: hits.length,
    evidence: shown.map((value, i) => ({ label: `line ${i + 1} (masked)`, value })),
    message: `${hits.length} log line(s) of ${services.join(', ')} hold a secret (shown masked): ${shown.join(' | ')}${hits.length > 5 ? ` (+${hits.length - 5} more)` : ''}. hint: the service logs a token or key; rotate it and fix the log statement`,
  };
}
