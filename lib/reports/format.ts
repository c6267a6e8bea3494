// Small formatting helpers shared by the renderers (pure).
import type { CheckResult } from '../checks/check-result.js';
import type { CriterionResult, CriterionStatus, RunReport } from './model.js';

/** Status as shown to people. */
export const STATUS_LABEL: Readonly<Record<CriterionStatus, string>> = { passed: 'passed', failed: 'failed', skipped: 'not run', 'not-implemented': 'not implemented', manual: 'manual' };

/** Said wherever a section has no data, so an absent measurement is never mistaken for a pass. */
export const NOT_MEASURED = 'Not measured in this run.';

/** The check that explains a criterion's status: its first non-passing check, else its first. */
export function worstCheck(criterion: CriterionResult): CheckResult | undefined {
  return criterion.checks.find((k) => k.status !== 'passed') ?? criterion.checks[0];
}

/** `12.3 ms`, `1.52 s`. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/** `512 MiB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** A share 0–1 as `1.20 %`. */
export function formatPercent(share: number | undefined): string {
  return share === undefined || !Number.isFinite(share) ? '—' : `${(share * 100).toFixed(2)} %`;
}

/** `Phase 2` after `phase1`, else `the next phase`. */
export function nextPhaseName(phase: string): string {
  const m = /^phase(\d+)$/.exec(phase);
  return m ? `Phase ${Number(m[1]) + 1}` : 'the next phase';
}

/** `PASSED`, `FAILED`, `INTERRUPTED`, `ERROR`. */
export function verdictWord(report: RunReport): string {
  return report.verdict.toUpperCase();
}

/** One sentence of counts, the same in every format. */
export function countsSentence(report: RunReport): string {
  const c = report.counts.criteria;
  return `${c.passed} of ${c.passed + c.failed} checked criteria passed, ${c.failed} failed; ${c['not-implemented']} not implemented, ${c.manual} manual${c.skipped ? `, ${c.skipped} not run` : ''} (not counted as passes).`;
}

/** Peak memory and CPU per container. */
export function resourcePeaks(report: RunReport): { container: string; memoryBytes?: number; cpuPercent?: number; samples: number }[] {
  const peaks = new Map<string, { container: string; memoryBytes?: number; cpuPercent?: number; samples: number }>();
  for (const s of report.resources?.samples ?? []) {
    const p = peaks.get(s.container) ?? { container: s.container, samples: 0 };
    p.samples += 1;
    if (s.memoryBytes !== undefined) p.memoryBytes = Math.max(p.memoryBytes ?? 0, s.memoryBytes);
    if (s.cpuPercent !== undefined) p.cpuPercent = Math.max(p.cpuPercent ?? 0, s.cpuPercent);
    peaks.set(s.container, p);
  }
  return [...peaks.values()].sort((a, b) => a.container.localeCompare(b.container));
}
