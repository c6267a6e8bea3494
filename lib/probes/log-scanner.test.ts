import { describe, expect, it } from 'vitest';
import { LogScanner } from './log-scanner.js';

describe('LogScanner', () => {
  it('should count HomeIQ error signatures with line numbers', () => {
    const r = new LogScanner().scan([
      '2026-11-22 10:00:00 INFO data-api ready',
      '2026-11-22 10:00:01 ERROR admin-api InfluxDB write failed',
      'Traceback (most recent call last):',
      'Exception in callback _SelectorSocketTransport._read_ready()',
      'time=2026-11-22T10:00:02Z level=error msg="write failed"',
      '{"timestamp":"2026-11-22T10:00:03Z","level":"error","message":"boom"}',
      '2026-11-22 10:00:04 CRITICAL websocket-ingestion giving up',
      'WARNING retrying in 5s',
    ]);
    expect(r).toMatchObject({ scannedLines: 8, errorCount: 6, allowedCount: 0 });
    expect(r.matches.map((m) => m.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(r.matches[2]).toEqual({ line: 4, text: 'Exception in callback _SelectorSocketTransport._read_ready()', pattern: '\\bException\\b' });
  });

  it('should not count allowlisted or merely error-ish lines', () => {
    const r = new LogScanner({ allow: [/GET \/favicon\.ico/] }).scan([
      '2026-11-22 ERROR GET /favicon.ico 404',
      'errors_total=0 error_rate_percent=0',
      'failed_connections: 0',
      'level=info msg="no errors"',
    ]);
    expect(r).toEqual({ scannedLines: 4, errorCount: 0, allowedCount: 1, matches: [] });
  });

  it('should bound line length and the number of matches kept', () => {
    const long = `ERROR ${'x'.repeat(10_000)}`;
    const r = new LogScanner({ maxMatches: 2, maxShownChars: 20 }).scan([long, long, long]);
    expect(r.errorCount).toBe(3);
    expect(r.matches).toHaveLength(2);
    expect(r.matches[0]!.text).toBe(`ERROR ${'x'.repeat(14)}…`);
  });

  it('should count ANSI-coloured error lines and show them without control characters', () => {
    const r = new LogScanner().scan(['\u001b[31mERROR\u001b[0m write failed\u0007', '\u001b[32mINFO\u001b[0m ok']);
    expect(r.errorCount).toBe(1);
    expect(r.matches[0]!.text).toBe('ERROR write failed\\u0007');
  });

  it('should not see an error past the line-length bound', () => {
    expect(new LogScanner({ maxLineChars: 10 }).scan([`${'.'.repeat(20)} ERROR`]).errorCount).toBe(0);
  });
});
