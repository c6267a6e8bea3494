// vitest setup file of the gate suites: after every test, one line in this run's test log
// (lib/reports/run-test-log.ts) with its verdict, criterion IDs and check results, so the roll-up tests that run
// last (P1-NEXT1, PD-W2-1, …) judge what this run really decided. A test that failed before gate() recorded
// anything still counts, by the criterion IDs of its title.
import { relative } from 'node:path';
import { afterEach, inject } from 'vitest';
import { appendTestRecord, criterionIdsInTitle } from '../../lib/reports/run-test-log.js';

afterEach((ctx) => {
  const path = inject('testLog');
  if (!path) return;
  const task = ctx.task;
  const state = task.result?.state;
  const meta = task.meta;
  const firstError = task.result?.errors?.[0]?.message?.split('\n', 1)[0];
  // ctx.skip(reason) leaves the reason as the result's note (not in vitest's public TaskResult type).
  const skipNote = (task.result as { note?: string } | undefined)?.note;
  appendTestRecord(path, {
    file: relative(process.cwd(), task.file.filepath).split('\\').join('/'),
    name: task.name,
    state: state === 'pass' ? 'pass' : state === 'skip' ? 'skip' : 'fail',
    criterionIds: meta.criterionIds?.length ? meta.criterionIds : criterionIdsInTitle(task.name),
    checks: meta.checks ?? [],
    ...(firstError ? { note: firstError } : skipNote ? { note: skipNote } : {}),
  });
});
