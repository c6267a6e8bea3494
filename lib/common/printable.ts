// Bounded, single-line excerpts of hostile input (binary bytes, 10 MB lines) for error messages and evidence.

/** Default length of an excerpt, in characters. */
export const EXCERPT_CHARS = 80;

// C0 controls, DEL and C1 controls: they break lines, move the cursor or recolour a terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Returns `text` as one printable line: control characters escaped (`\n`, `\u001b`), cut to `maxChars`
 * characters with `…` when longer. Use it wherever input from a file, a log or a response reaches a message.
 * @param maxChars characters kept before the `…`. @default 80
 */
export function printable(text: string, maxChars: number = EXCERPT_CHARS): string {
  const cut = text.length > maxChars ? text.slice(0, maxChars) : text;
  const escaped = cut.replace(CONTROL, (ch) => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > maxChars ? `${escaped}…` : escaped;
}

/** {@link printable} in double quotes, with the full length when it was cut: `"xxxx…" (10000000 chars)`. */
export function quoteExcerpt(text: string, maxChars: number = EXCERPT_CHARS): string {
  return text.length > maxChars ? `"${printable(text, maxChars)}" (${text.length} chars)` : `"${printable(text, maxChars)}"`;
}

/** An error's message as one printable, bounded line (Node's JSON.parse quotes the raw input it choked on). */
export function errorExcerpt(error: unknown, maxChars = 160): string {
  const message = error instanceof Error ? error.message : String(error);
  return printable(message, maxChars);
}
