import { describe, expect, it } from 'vitest';
import type { CheckResult } from './check-result.js';
import { onlyNecessary } from './only-necessary.js';

const r = (status: CheckResult['status']): CheckResult => ({ criterionId: 'P3-T6d', title: 'rebuild step P3-S6.2', status, message: 'P3-S6.2: ai-pattern-service rebuilt' });

describe('onlyNecessary', () => {
  it('should turn a pass of the necessary part into skipped, naming what is missing', () => {
    expect(onlyNecessary(r('passed'), 'pytest -k pattern needs the project tests')).toMatchObject({
      status: 'skipped',
      message: 'not decidable here: pytest -k pattern needs the project tests; the necessary part passed: P3-S6.2: ai-pattern-service rebuilt',
    });
  });

  it.each(['failed', 'error', 'skipped'] as const)('should keep a %s result as it is', (status) => {
    expect(onlyNecessary(r(status), 'x')).toEqual(r(status));
  });
});
