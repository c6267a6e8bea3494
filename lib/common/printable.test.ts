import { describe, expect, it } from 'vitest';
import { errorExcerpt, printable, quoteExcerpt } from './printable.js';

describe('printable', () => {
  it('should escape control characters and keep other text', () => {
    expect(printable('a\nb\r\tc\u0000\u001b[31md\u007f é')).toBe('a\\nb\\r\\tc\\u0000\\u001b[31md\\u007f é');
  });

  it('should cut long text with an ellipsis and say how long it was when quoting', () => {
    expect(printable('x'.repeat(100), 5)).toBe('xxxxx…');
    expect(quoteExcerpt('x'.repeat(100), 5)).toBe('"xxxxx…" (100 chars)');
    expect(quoteExcerpt('short')).toBe('"short"');
  });

  it('should make a JSON.parse error one bounded line', () => {
    let error: unknown;
    try {
      JSON.parse('\u0000\n{"a":');
    } catch (e) {
      error = e;
    }
    expect([...errorExcerpt(error)].every((ch) => ch.charCodeAt(0) >= 0x20)).toBe(true);
    expect(errorExcerpt(new Error('y'.repeat(500))).length).toBe(161);
  });
});
