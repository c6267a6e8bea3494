// Roll-up criteria ("all Phase 1 success criteria met", "all success criteria met") decided from the tests this run
// really finished (lib/reports/run-test-log.ts), never assumed: a constituent that no test of this run decided, or
// that a test could not decide, makes the roll-up "not decided" (skipped with the reason), never passed.
import type { TestRecord } from '../reports/run-test-log.js';
import type { CheckResult } from './check-result.js';
import { rollUp } from './check-phase0-container.js';

type Verdict = 'passed' | 'failed' | 'skipped';

/** How one test decided one criterion: by its own check results when it recorded any, else by the test's state. */
function verdictOf(record: TestRecord, criterionId: string): { verdict: Verdict; why: string } {
  const own = record.checks.filter((c) => c.criterionId === criterionId);
  const bad = own.find((c) => c.status === 'failed' || c.status === 'error');
  if (bad) return { verdict: 'failed', why: bad.message };
  if (own.length === 0) {
    if (record.state === 'fail') return { verdict: 'failed', why: `the test failed before recording a result${record.note ? `: ${record.note}` : ''}` };
    if (record.state === 'skip') return { verdict: 'skipped', why: record.note ?? 'skipped' };
    return { verdict: 'passed', why: 'passed' };
  }
  const undecided = own.find((c) => c.status === 'skipped');
  if (undecided) return { verdict: 'skipped', why: undecided.message };
  // Every result of this criterion passed; a failure of another criterion in the same test does not change that.
  return { verdict: 'passed', why: own.map((c) => c.message).join('; ') };
}

/**
 * What this run decided about one criterion, as one CheckResult: failed when any test failed it, skipped when none
 * decided it (or one could not decide), passed only when every test naming it passed it. Pure.
 */
export function recordedOutcome(records: readonly TestRecord[], criterionId: string): CheckResult {
  const tests = records.filter((r) => r.criterionIds.includes(criterionId));
  const title = `${criterionId} in this run`;
  if (tests.length === 0) return { criterionId, title, status: 'skipped', message: `no test of this run decided ${criterionId} (not run, filtered out with -t, or its file did not load)` };
  const verdicts = tests.map((t) => ({ test: t, ...verdictOf(t, criterionId) }));
  const pick = (v: Verdict) => verdicts.filter((x) => x.verdict === v);
  const failed = pick('failed');
  if (failed.length > 0) return { criterionId, title, status: 'failed', message: failed.map((f) => `"${f.test.name}" (${f.test.file}): ${f.why}`).join('; ') };
  const skipped = pick('skipped');
  if (skipped.length > 0) return { criterionId, title, status: 'skipped', message: skipped.map((s) => `"${s.test.name}": ${s.why}`).join('; ') };
  return { criterionId, title, status: 'passed', message: `passed in ${tests.length} test(s): ${tests.map((t) => `"${t.name}"`).join(', ')}` };
}

/** Options of {@link checkCriteriaRollup}. */
export interface CriteriaRollupCheck {
  /** The roll-up's own criterion (`P1-NEXT1`). */
  readonly criterionId: string;
  /** What it stands for (`all Phase 1 success criteria`). */
  readonly title: string;
  /** The criteria it rolls up (`P1-SC1` … `P1-SC7`); at least one. */
  readonly constituents: readonly string[];
  /** Further results decided by the roll-up test itself (a fresh 24 h restart window). @default none */
  readonly extra?: readonly CheckResult[];
}

/**
 * The roll-up: passed only when every constituent passed in this run (and every extra result passed); failed when
 * any failed; otherwise skipped ("not decided") naming what was not decided and why. Pure.
 */
export function checkCriteriaRollup(records: readonly TestRecord[], check: CriteriaRollupCheck): CheckResult {
  const parts = [...check.constituents.map((id) => recordedOutcome(records, id)), ...(check.extra ?? [])];
  const result = rollUp(check.criterionId, check.title, parts);
  if (result.status !== 'failed') return result;
  return { ...result, message: `${result.message}. hint: fix the failed criteria above; ${check.criterionId} passes only when every one of ${check.constituents.join(', ')} passes in the same run` };
}

/**
 * Whether every test of the run passed or was skipped with a reason — except the ones that decide `exclude` (the
 * roll-up's own). Failed when any failed, naming them (P1-DOC6 tags the images only after such a run). Pure.
 */
export function checkRunWithoutFailures(records: readonly TestRecord[], options: { readonly criterionId: string; /** Criterion IDs whose tests are ignored. @default [] */ readonly exclude?: readonly string[] }): CheckResult {
  const exclude = new Set(options.exclude ?? []);
  const considered = records.filter((r) => !r.criterionIds.some((id) => exclude.has(id)));
  const failed = considered.filter((r) => r.state === 'fail');
  const base = { criterionId: options.criterionId, title: 'every other check of this run', limit: '0 failed tests', measurement: failed.length };
  if (considered.length === 0) return { ...base, status: 'skipped', message: 'no other test of this run finished before this one (run the whole suite, not one test with -t)' };
  if (failed.length > 0) return { ...base, status: 'failed', message: `${failed.length} of ${considered.length} test(s) of this run failed: ${failed.map((r) => `"${r.name}"${r.note ? ` (${r.note})` : ''}`).join('; ')}. hint: fix them and run the gate again` };
  return { ...base, status: 'passed', message: `${considered.length} test(s) of this run finished without a failure (${considered.filter((r) => r.state === 'skip').length} not decided)` };
}
