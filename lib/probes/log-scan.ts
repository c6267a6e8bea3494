// Function form of LogScanner (kept for callers that only need the matches).
import { LogScanner, type LogMatch } from './log-scanner.js';

/** Returns the lines matching an error pattern and no allow pattern; each text bounded to 300 chars. */
export function scanLogLines(lines: readonly string[], options: { readonly patterns?: readonly RegExp[]; readonly allow?: readonly RegExp[] } = {}): LogMatch[] {
  return [...new LogScanner({ ...options, maxMatches: Number.POSITIVE_INFINITY }).scan(lines).matches];
}
