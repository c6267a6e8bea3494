import { describe, expect, it } from 'vitest';
import { scanLogLines } from './log-scan.js';

describe('scanLogLines', () => {
  it('should find HomeIQ-style error lines and skip allowed ones', () => {
    const lines = [
      '2026-11-22 INFO [data-api] ready',
      '2026-11-22 ERROR [admin-api] InfluxDB write failed',
      'Traceback (most recent call last):',
      '{"level":"error","msg":"boom"}',
      'time=1 level=error msg=x',
      'WARNING retrying',
      '2026-11-22 ERROR known benign: favicon',
    ];
    expect(scanLogLines(lines, { allow: [/known benign/] }).map((m) => m.line)).toEqual([2, 3, 4, 5]);
  });

  it('should not flag words that merely contain "error"', () => {
    expect(scanLogLines(['errors_total=0', 'error_rate_percent: 0'])).toEqual([]);
  });
});
