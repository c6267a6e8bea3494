// The test-file order of a run: vitest's own (failed first, then slowest first), except that every roll-up file
// (`suites/<suite>/rollup.test.ts`) runs after all the other files of its project. Roll-up criteria (P1-NEXT1,
// PD-W2-1, RUN-M6, …) read what the other tests of the run recorded (lib/reports/run-test-log.ts), so they must
// come last; the gate projects run their files one at a time (fileParallelism: false).
import { basename } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** File name of a roll-up test file. */
export const ROLLUP_FILE = 'rollup.test.ts';

/** `items` in the same order, with the roll-up files moved behind all others (stable). Pure. */
export function rollupsLast<T>(items: readonly T[], pathOf: (item: T) => string): T[] {
  const isRollup = (item: T) => basename(pathOf(item)) === ROLLUP_FILE;
  return [...items.filter((i) => !isRollup(i)), ...items.filter(isRollup)];
}

/** vitest.config.ts `sequence.sequencer`: the default order with the roll-up files last. */
export class RollupsLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return rollupsLast(await super.sort(files), (f) => f.moduleId);
  }
}
