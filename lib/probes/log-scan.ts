// Finds error lines in service logs (pure). HomeIQ's Python services log `ERROR`, `CRITICAL`, tracebacks,
// and JSON records with "level":"error".

export interface LogMatch {
  /** 1-based position in the scanned lines. */
  readonly line: number;
  readonly text: string;
}

export const DEFAULT_ERROR_PATTERNS: readonly RegExp[] = [
  /\bERROR\b/,
  /\bCRITICAL\b/,
  /\bFATAL\b/,
  /^Traceback \(most recent call last\)/,
  /\blevel=(?:error|critical|fatal)\b/i,
  /"level"\s*:\s*"(?:error|critical|fatal)"/i,
  /\bUnhandled(?:PromiseRejection| exception)\b/,
];

/** Returns the lines matching any error pattern and no allow pattern; each text bounded to 300 chars. */
export function scanLogLines(lines: readonly string[], options: { patterns?: readonly RegExp[]; allow?: readonly RegExp[] } = {}): LogMatch[] {
  const patterns = options.patterns ?? DEFAULT_ERROR_PATTERNS;
  const allow = options.allow ?? [];
  const out: LogMatch[] = [];
  lines.forEach((text, i) => {
    const t = text.length > 4096 ? text.slice(0, 4096) : text;
    if (patterns.some((p) => p.test(t)) && !allow.some((a) => a.test(t))) out.push({ line: i + 1, text: t.length > 300 ? `${t.slice(0, 300)}…` : t });
  });
  return out;
}
