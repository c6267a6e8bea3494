// P1-S11-T10 "Validation report generated" (002 L690), judged from what lib/reports/report-readiness.ts proved
// during the run: the phase reporter will write it (it is configured), it can (its folder is writable), and this
// run's results render in every format. The files themselves appear after the last test (`phasegate report
// phase1 --check` reads them).
import type { ReportReadiness } from '../reports/report-readiness.js';
import type { CheckResult } from './check-result.js';

/** Passed when the reporter is active, its folder writable and every renderer rendered this run's model. Pure. */
export function checkValidationReport(readiness: ReportReadiness, options: { /** @default 'P1-S11-T10' */ readonly criterionId?: string } = {}): CheckResult {
  const base = { criterionId: options.criterionId ?? 'P1-S11-T10', title: `validation report under ${readiness.dir}`, limit: 'reporter active, folder writable, every format renders' };
  const evidence = readiness.rendered.map((r) => ({ label: r.format, value: r.error ? `error: ${r.error}` : `${r.bytes} bytes` }));
  if (!readiness.writer.active) {
    return { ...base, status: 'failed', evidence, message: 'the phase reporter is not among this run\'s vitest reporters, so no validation report will be written. hint: keep \'./lib/reports/vitest/phase-reporter.ts\' in the reporters of vitest.config.ts (or pass --reporter=./lib/reports/vitest/phase-reporter.ts)' };
  }
  if (readiness.writeError !== null) return { ...base, status: 'failed', evidence, message: `the validation report cannot be written to ${readiness.dir}: ${readiness.writeError}` };
  const broken = readiness.rendered.filter((r) => r.error !== undefined);
  if (broken.length > 0) return { ...base, status: 'failed', measurement: broken.length, evidence, message: `${broken.length} report format(s) fail to render this run's results: ${broken.map((r) => `${r.format}: ${r.error}`).join('; ')}. hint: a check result the renderer cannot take; see lib/reports/${broken[0]!.format}.ts` };
  if (readiness.rendered.length === 0) return { ...base, status: 'error', message: 'no report renderer configured' };
  return {
    ...base,
    status: 'passed',
    measurement: readiness.tests,
    evidence,
    message: `the phase reporter will write this run's report to ${readiness.dir}/<runId>/ and latest/ (folder writable); this run's ${readiness.tests} test(s) so far (${readiness.criteriaDecided} criteria decided) render as ${readiness.rendered.map((r) => `${r.format} ${r.bytes} B`).join(', ')}`,
  };
}
