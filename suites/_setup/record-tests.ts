// vitest setup file of the gate suites: after every test, one line in this run's test log
// (lib/reports/run-test-log.ts) with its verdict, criterion IDs and check results, so the roll-up tests that run
// last (P1-NEXT1, PD-W2-1, …) judge what this run really decided. A test that failed before gate() recorded
// anything still counts, by the criterion IDs of its title.
import { afterEach, inject } from 'vitest';
import { appendTestRecord, toTestRecord } from '../../lib/reports/run-test-log.js';

afterEach((ctx) => {
  const path = inject('testLog');
  if (!path) return;
  const { task } = ctx;
  appendTestRecord(
    path,
    toTestRecord(
      {
        name: task.name,
        filepath: task.file.filepath,
        state: task.result?.state,
        errors: task.result?.errors?.map((e) => e.message),
        // ctx.skip(reason) leaves the reason as the result's note (not in vitest's public TaskResult type).
        note: (task.result as { note?: string } | undefined)?.note,
        meta: task.meta,
      },
      process.cwd(),
    ),
  );
});
