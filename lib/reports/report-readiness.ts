// P1-S11-T10 "Validation report generated": the phase report is written by the phase reporter after the last test,
// so during the run the gate proves what it can: the reporter is among vitest's reporters, its folder
// (reports/<phase>/) is writable, and this run's results so far build a report model that every renderer renders.
import { join } from 'node:path';
import { errorExcerpt } from '../common/printable.js';
import { GROUP_OF_SUITE } from '../criteria/catalog.js';
import type { TestRecord } from './run-test-log.js';
import { buildRunReport, type TestOutcome } from './model.js';
import { defaultRenderers } from './default-renderers.js';
import type { ReportRenderer } from './reporter-multiplexer.js';
import { ensureReportDir } from './write-report.js';

/** The phase reporter as the run configured it. */
export interface ReportWriter {
  /** `lib/reports/vitest/phase-reporter.ts` is among the run's reporters. */
  readonly active: boolean;
  /** Root of the reports tree it writes to (its `rootDir` option, else PHASEGATE_REPORTS_DIR, else `reports`). */
  readonly rootDir: string;
}

/** Finds the phase reporter among vitest's resolved `reporters` (`[name, options]` tuples or instances). Pure. */
export function findReportWriter(reporters: readonly unknown[], env: Readonly<Record<string, string | undefined>> = process.env): ReportWriter {
  const fallback = env.PHASEGATE_REPORTS_DIR ?? 'reports';
  for (const r of reporters) {
    if (Array.isArray(r) && typeof r[0] === 'string' && /phase-reporter(\.[cm]?[jt]s)?$/.test(r[0])) {
      const options = (r[1] ?? {}) as { rootDir?: unknown; dir?: unknown };
      const rootDir = typeof options.rootDir === 'string' ? options.rootDir : typeof options.dir === 'string' ? options.dir : fallback;
      return { active: true, rootDir };
    }
    if (typeof r === 'object' && r !== null && !Array.isArray(r) && r.constructor?.name === 'PhaseReporter') return { active: true, rootDir: fallback };
  }
  return { active: false, rootDir: fallback };
}

/** What the gate could prove about this run's report before the reporter writes it. */
export interface ReportReadiness {
  readonly writer: ReportWriter;
  /** `<rootDir>/<phase>`: where the run folder will be created. */
  readonly dir: string;
  /** Why the folder cannot be written (message with path and hint), or null when a probe file was written and removed. */
  readonly writeError: string | null;
  /** Each renderer's output for the model of this run so far: its size, or its error. */
  readonly rendered: readonly { readonly format: string; readonly bytes?: number; readonly error?: string }[];
  /** Tests and decided criteria in that model. */
  readonly tests: number;
  readonly criteriaDecided: number;
}

const STATE: Readonly<Record<TestRecord['state'], TestOutcome['state']>> = { pass: 'passed', fail: 'failed', skip: 'skipped' };

/** Probes the folder and renders this run's model (in memory; nothing but the probe file touches the disk). */
export function probeReportReadiness(options: {
  readonly writer: ReportWriter;
  readonly phase: string;
  readonly records: readonly TestRecord[];
  /** ISO start of the run. */
  readonly startedAt: string;
  readonly now: Date;
  /** @default defaultRenderers() without the chart library */
  readonly renderers?: readonly ReportRenderer[];
  /** @default ensureReportDir (mkdir -p, write and remove a probe file) */
  readonly ensureDir?: (dir: string) => void;
}): ReportReadiness {
  const dir = join(options.writer.rootDir, options.phase);
  let writeError: string | null = null;
  try {
    (options.ensureDir ?? ensureReportDir)(dir);
  } catch (error) {
    writeError = error instanceof Error ? error.message.replace(/\n/g, ' ') : String(error);
  }
  const report = buildRunReport({
    runId: options.now.toISOString().replace(/[:.]/g, '-'),
    phase: options.phase,
    target: 'probe',
    startedAt: options.startedAt,
    finishedAt: options.now.toISOString(),
    interrupted: false,
    environment: {},
    tests: options.records.map((r) => ({ name: r.name, file: r.file, state: STATE[r.state], durationMs: 0, criterionIds: [...r.criterionIds], checks: [...r.checks], ...(r.state === 'fail' && r.note ? { error: r.note } : {}) })),
    group: GROUP_OF_SUITE[options.phase],
  });
  const rendered = (options.renderers ?? defaultRenderers({ chartLibrary: undefined })).map((renderer) => {
    try {
      return { format: renderer.name, bytes: Buffer.byteLength(renderer.render(report)) };
    } catch (error) {
      return { format: renderer.name, error: errorExcerpt(error) };
    }
  });
  const criteriaDecided = report.criteria.filter((c) => c.status === 'passed' || c.status === 'failed').length;
  return { writer: options.writer, dir, writeError, rendered, tests: options.records.length, criteriaDecided };
}
