// The tests of one gate run as they finish, in a JSON-lines file the whole run shares: the roll-up criteria
// (P1-NEXT1 "all Phase 1 success criteria met", PD-W2-1, …) are decided from what this run really recorded, not
// assumed. Vitest isolates test files from each other, so the record lives on disk: the global setup names the file
// (`provide('testLog', …)`), a setup file appends one line per finished test (suites/_setup/record-tests.ts), and
// the roll-up files, which the sequencer runs last (lib/vitest/rollups-last.ts), read it back.
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { CheckResult } from '../checks/check-result.js';

/** One finished gate test as the run log keeps it. */
export interface TestRecord {
  /** Test file, relative (`suites/phase1/containers.test.ts`). */
  readonly file: string;
  /** Full test name. */
  readonly name: string;
  /** Vitest's verdict: `pass`, `fail` (an assertion or an exception), `skip` (not decided, with its reason). */
  readonly state: 'pass' | 'fail' | 'skip';
  /** Criterion IDs the test decides (its meta, else parsed from its title). */
  readonly criterionIds: readonly string[];
  /** The check results the test recorded with gate(). */
  readonly checks: readonly CheckResult[];
  /** First line of the first error of a failed test, or the skip reason. @default none */
  readonly note?: string;
}

/** A fresh, empty log file in its own temporary folder; returns its path. */
export function createTestLog(suite: string, dir: string = tmpdir()): string {
  return join(mkdtempSync(join(dir, `phasegate-${suite.replace(/[^\w-]/g, '_')}-`)), 'tests.jsonl');
}

/** Appends one record (one line). */
export function appendTestRecord(path: string, record: TestRecord): void {
  appendFileSync(path, `${JSON.stringify(record)}\n`);
}

/** Every record of the log in the order the tests finished; an absent file is an empty log. A torn last line is ignored. */
export function readTestRecords(path: string): TestRecord[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as TestRecord];
      } catch {
        return [];
      }
    });
}

/** Criterion IDs in a test title (`P1-SC1 / P1-S11-AC1: …`), for tests that failed before gate() recorded any. */
export function criterionIdsInTitle(name: string): string[] {
  return [...name.matchAll(/\b(P\d-[A-Za-z0-9-]+|[A-Z]{1,3}\d?-[A-Z0-9-]+)(?=[:\s/]|$)/g)].map((m) => m[1]!);
}

/** What a finished vitest test looks like to {@link toTestRecord} (the fields of `ctx.task` it reads). */
export interface FinishedTask {
  readonly name: string;
  /** Absolute path of the test file. */
  readonly filepath: string;
  /** `pass`, `fail` or `skip` once the test body ran (anything else counts as a failure). */
  readonly state: string | undefined;
  /** Messages of its errors, first first. */
  readonly errors?: readonly (string | undefined)[];
  /** The skip reason of `ctx.skip(reason)`. */
  readonly note?: string;
  readonly meta: { readonly criterionIds?: readonly string[]; readonly checks?: readonly CheckResult[] };
}

/** One finished test as a log record (pure): its meta's criterion IDs, else its title's. */
export function toTestRecord(task: FinishedTask, cwd: string): TestRecord {
  const firstError = task.errors?.[0]?.split('\n', 1)[0];
  const note = firstError || task.note;
  return {
    file: relative(cwd, task.filepath).split('\\').join('/'),
    name: task.name,
    state: task.state === 'pass' ? 'pass' : task.state === 'skip' ? 'skip' : 'fail',
    criterionIds: task.meta.criterionIds?.length ? [...task.meta.criterionIds] : criterionIdsInTitle(task.name),
    checks: [...(task.meta.checks ?? [])],
    ...(note ? { note } : {}),
  };
}
