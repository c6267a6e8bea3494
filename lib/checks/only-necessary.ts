// A check that proves only a necessary part of a criterion (P3-T6d: the service was rebuilt and came up; the pytest
// run the criterion gates on needs the project's tests, which the images do not carry). A failure of the part
// decides the criterion; a pass does not, so it becomes `skipped` with what is still missing — never passed.
import type { CheckResult } from './check-result.js';

export function onlyNecessary(result: CheckResult, missing: string): CheckResult {
  if (result.status !== 'passed') return result;
  return { ...result, status: 'skipped', message: `not decidable here: ${missing}; the necessary part passed: ${result.message}` };
}
