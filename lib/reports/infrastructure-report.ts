// P0-S4-AC4: 000 Task 4.4's `infrastructure_validation_report.md`, compiled from Story 4's check results (000
// L341-345: "all checks passed or documented, upgrade requirements identified, infrastructure blockers noted,
// remediation plan created if needed"). Pure: results in, Markdown out; the gate writes it through writeEvidence.
import type { CheckResult } from '../checks/check-result.js';
import { maskSecrets } from '../common/secrets.js';

/** File name 000 L403 gives the report. */
export const INFRASTRUCTURE_REPORT_FILE = 'infrastructure_validation_report.md';

/** The sections 000 L341-345 asks for, as the report's `##` headings (checkInfrastructureReport looks for them). */
export const INFRASTRUCTURE_REPORT_SECTIONS = ['Checks', 'Blockers', 'Upgrade requirements', 'Remediation plan'] as const;

/**
 * What a check is about: `version` (a component to upgrade: Engine, Compose, BuildKit, Node), `resource` (memory,
 * disk, CPU: capacity to add), `service` (a component that does not answer: the daemon).
 */
export type InfrastructureCheckKind = 'version' | 'resource' | 'service';

/** One Story 4 result with its kind. */
export interface InfrastructureEntry {
  readonly result: CheckResult;
  readonly kind: InfrastructureCheckKind;
}

/** Input of {@link renderInfrastructureReport}. */
export interface InfrastructureReportInput {
  readonly entries: readonly InfrastructureEntry[];
  /** When the checks ran. */
  readonly generatedAt: Date;
  /** Where they ran (`reference stack on this host`, a hostname). @default none */
  readonly where?: string;
}

const RESULT: Readonly<Record<CheckResult['status'], string>> = { passed: 'passed', failed: '**FAILED**', error: '**ERROR** (not decided)', skipped: 'not decided' };

/** A table cell: one line, pipes escaped, secrets masked. */
const cell = (value: unknown): string => (value === undefined || value === null || value === '' ? '—' : maskSecrets(String(value)).replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|'));

/** The message without its hint, and the hint (the text after `hint:`), as the checks write them. */
export function splitHint(message: string): { finding: string; hint: string | null } {
  const at = message.search(/[.;]?\s+hint:\s/);
  if (at < 0) return { finding: message, hint: null };
  return { finding: message.slice(0, at), hint: message.slice(at).replace(/^[.;]?\s+hint:\s+/, '').trim() || null };
}

/** Renders the report: verdict, every check in a table, then blockers, upgrades and a remediation step per blocker. */
export function renderInfrastructureReport(input: InfrastructureReportInput): string {
  const { entries } = input;
  const failed = entries.filter((e) => e.result.status === 'failed' || e.result.status === 'error');
  const undecided = entries.filter((e) => e.result.status === 'skipped');
  const passed = entries.filter((e) => e.result.status === 'passed');
  const ready = entries.length > 0 && failed.length === 0 && undecided.length === 0;
  const verdict = entries.length === 0 ? 'NOT DECIDED (no check ran)' : ready ? 'READY' : failed.length > 0 ? 'NOT READY' : 'NOT DECIDED';
  const lines: string[] = [
    '# Infrastructure validation report',
    '',
    `Phase 0, Story 4 (000 L325-403) · generated ${input.generatedAt.toISOString()} by phasegate${input.where ? ` · ${cell(input.where)}` : ''}`,
    '',
    `**Verdict: ${verdict}** — ${entries.length} checks: ${passed.length} passed, ${failed.length} failed${undecided.length ? `, ${undecided.length} not decided` : ''}.`,
    '',
    '## Checks',
    '',
    '| criterion | check | result | measured | required |',
    '|---|---|---|---|---|',
    ...entries.map(({ result: r }) => `| ${cell(r.criterionId)} | ${cell(r.title)} | ${RESULT[r.status]} | ${cell(r.measurement)} | ${cell(r.limit)} |`),
    '',
    '## Blockers',
    '',
    ...(failed.length === 0 ? ['None: no check failed.'] : failed.map(({ result: r }) => `- **${cell(r.criterionId)}** ${cell(r.title)}: ${cell(splitHint(r.message).finding)}`)),
    ...(undecided.length === 0 ? [] : ['', 'Not decided (documented, not blocking):', ...undecided.map(({ result: r }) => `- ${cell(r.criterionId)} ${cell(r.title)}: ${cell(r.message)}`)]),
    '',
    '## Upgrade requirements',
    '',
  ];
  const upgrades = failed.filter((e) => e.kind === 'version');
  // `19.03.15 → >= 20.10` when the check measured a version; else what it found (a tool that does not run).
  const upgrade = (r: CheckResult): string =>
    /^v?\d+(\.\d+)+/.test(String(r.measurement ?? '')) && r.limit ? `${cell(r.measurement)} → ${cell(r.limit)}` : cell(splitHint(r.message).finding);
  lines.push(...(upgrades.length === 0 ? ['None: every component is at the version the plan requires.'] : upgrades.map(({ result: r }) => `- ${cell(r.title)}: ${upgrade(r)} (${cell(r.criterionId)})`)));
  lines.push('', '## Remediation plan', '');
  if (failed.length === 0) lines.push('Not needed: no check failed.');
  else {
    // Upgrades first (they may change what the other checks measure), then capacity, then services.
    const order: readonly InfrastructureCheckKind[] = ['version', 'resource', 'service'];
    const steps = [...failed].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    steps.forEach(({ result: r }, i) => {
      const { hint } = splitHint(r.message);
      lines.push(`${i + 1}. ${cell(r.criterionId)}: ${cell(hint ?? `make "${r.title}" meet ${r.limit ?? 'its limit'}, then run the Phase 0 gate again`)}`);
    });
  }
  lines.push('');
  return lines.join('\n');
}
