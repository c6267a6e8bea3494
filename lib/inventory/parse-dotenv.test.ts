import { describe, expect, it } from 'vitest';
import { parseDotenv, readDotenv } from './parse-dotenv.js';

describe('parseDotenv', () => {
  it('should parse quotes, export, comments, empty values and interpolation', () => {
    const text = [
      '# comment',
      '',
      'export A=1',
      'B="two words" # comment',
      "C='literal ${A} $$'",
      'D=plain # trailing comment',
      'E=',
      'F=${A}-${UNSET:-x}',
      'G="line\\nbreak \\"q\\""',
      'H="multi',
      'line"',
      'I=a#b',
      'J=${FROM_ENV}',
    ].join('\n');
    expect(parseDotenv(text, { file: '.env', env: { FROM_ENV: 'shell' } })).toEqual({
      A: '1', B: 'two words', C: 'literal ${A} $$', D: 'plain', E: '', F: '1-x', G: 'line\nbreak "q"', H: 'multi\nline', I: 'a#b', J: 'shell',
    });
  });

  it.each([
    ['NOEQUALS', '.env:1: invalid line "NOEQUALS"; expected NAME=value\nhint: names are letters, digits and "_"; comments start with "#"; quote values containing spaces or "#"'],
    ['1BAD=x', '.env:1: invalid line "1BAD=x"; expected NAME=value\nhint: names are letters, digits and "_"; comments start with "#"; quote values containing spaces or "#"'],
    ['A=1\nB="open', '.env:2: unterminated double-quoted value for B\nhint: add the closing "'],
    ['A=${REQ:?set REQ}', '.env:1: A: required variable "REQ" is unset or empty: set REQ\nhint: set REQ in the env file or the shell environment'],
  ])('should reject %j', (text, message) => {
    expect(() => parseDotenv(text, { file: '.env' })).toThrow(message);
  });

  it('should name the file when it cannot be read', () => {
    expect(() => readDotenv('/nonexistent/.env', { file: 'missing/.env' })).toThrow('missing/.env: cannot read env file (ENOENT)');
  });
});
