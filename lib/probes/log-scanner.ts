// Finds error lines in service logs (pure). HomeIQ's Python services log `ERROR`, `CRITICAL`, tracebacks and
// `Exception …` lines; structured loggers write ` level=error` or JSON records with "level":"error".
import { printable } from '../common/printable.js';

/** One error line found by {@link LogScanner}. */
export interface LogMatch {
  /** 1-based position in the scanned lines. */
  readonly line: number;
  /** The line, cut to `maxShownChars`, control characters escaped (`\u001b`), so binary logs stay one printable line. */
  readonly text: string;
  /** Source of the pattern that matched (`\bERROR\b`). */
  readonly pattern: string;
}

/** Outcome of scanning a batch of lines. */
export interface LogScanResult {
  /** Lines looked at. */
  readonly scannedLines: number;
  /** Error lines found (after the allowlist). */
  readonly errorCount: number;
  /** Lines that matched an error pattern but also an allow pattern. */
  readonly allowedCount: number;
  /** The first `maxMatches` error lines. */
  readonly matches: readonly LogMatch[];
}

/** Options of {@link LogScanner}. */
export interface LogScannerOptions {
  /** Error patterns. @default DEFAULT_ERROR_PATTERNS */
  readonly patterns?: readonly RegExp[];
  /** Known-benign lines: a line matching one of these is not counted. @default [] */
  readonly allow?: readonly RegExp[];
  /** Characters of a line looked at; longer lines are cut first (a 10 MB line must not stall a regex). @default 4096 */
  readonly maxLineChars?: number;
  /** Characters of a matched line kept in `text`. @default 300 */
  readonly maxShownChars?: number;
  /** Matches kept in `matches` (the count goes on). @default 50 */
  readonly maxMatches?: number;
}

/** Error signatures of HomeIQ's services (Python logging, uvicorn, structlog/logfmt, JSON loggers, Node). */
export const DEFAULT_ERROR_PATTERNS: readonly RegExp[] = [
  /\bERROR\b/,
  /\bCRITICAL\b/,
  /\bFATAL\b/,
  /^Traceback \(most recent call last\)/,
  /\bException\b/,
  /\blevel=(?:error|critical|fatal)\b/i,
  /"level"\s*:\s*"(?:error|critical|fatal)"/i,
  /\bUnhandled(?:PromiseRejection| exception)\b/,
];

// ANSI escape sequences (colours, cursor moves): `\x1b[31mERROR\x1b[0m` must still match `\bERROR\b`.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g;

/** Counts error lines in log lines; pure and bounded. Colour codes are removed before matching. */
export class LogScanner {
  private readonly patterns: readonly RegExp[];
  private readonly allow: readonly RegExp[];
  private readonly maxLineChars: number;
  private readonly maxShownChars: number;
  private readonly maxMatches: number;

  constructor(options: LogScannerOptions = {}) {
    this.patterns = options.patterns ?? DEFAULT_ERROR_PATTERNS;
    this.allow = options.allow ?? [];
    this.maxLineChars = options.maxLineChars ?? 4096;
    this.maxShownChars = options.maxShownChars ?? 300;
    this.maxMatches = options.maxMatches ?? 50;
  }

  /** Scans the lines in order. */
  scan(lines: readonly string[]): LogScanResult {
    const matches: LogMatch[] = [];
    let errorCount = 0;
    let allowedCount = 0;
    lines.forEach((raw, i) => {
      const cut = raw.length > this.maxLineChars ? raw.slice(0, this.maxLineChars) : raw;
      const text = cut.includes('\u001b') ? cut.replace(ANSI, '') : cut;
      const hit = this.patterns.find((p) => p.test(text));
      if (!hit) return;
      if (this.allow.some((a) => a.test(text))) {
        allowedCount += 1;
        return;
      }
      errorCount += 1;
      if (matches.length < this.maxMatches) {
        matches.push({ line: i + 1, text: printable(text, this.maxShownChars), pattern: hit.source });
      }
    });
    return { scannedLines: lines.length, errorCount, allowedCount, matches };
  }
}
