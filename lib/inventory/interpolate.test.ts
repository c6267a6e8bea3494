import { describe, expect, it } from 'vitest';
import { ConfigError } from '../common/index.js';
import { interpolate } from './interpolate.js';

const vars: Record<string, string> = { SET: 'value', EMPTY: '', PORT: '8086', HOST: 'localhost' };
const run = (text: string): string => interpolate(text, { lookup: (n) => vars[n], site: { file: 'compose.yml', line: 7, path: 'services.data-api.environment.URL' } });

describe('interpolate', () => {
  it.each([
    ['plain text', 'plain text'],
    ['${SET}', 'value'],
    ['$SET/suffix', 'value/suffix'],
    ['${UNSET}', ''],
    ['${UNSET:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${UNSET-fallback}', 'fallback'],
    ['${SET:-fallback}', 'value'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${SET:?must be set}', 'value'],
    ['${EMPTY?must be set}', ''],
    ['$$5 and $${SET}', '$5 and ${SET}'],
    ['http://${HOST}:${PORT:-80}/health', 'http://localhost:8086/health'],
    ['${UNSET:-${ALSO_UNSET:-${PORT}}}', '8086'],
    ['${UNSET:-a:b-c}', 'a:b-c'],
  ])('should turn %j into %j', (input, expected) => {
    expect(run(input)).toBe(expected);
  });

  it.each([
    ['${UNSET:?HOME_ASSISTANT_URL must point at HA}', 'compose.yml:7: services.data-api.environment.URL: required variable "UNSET" is unset or empty: HOME_ASSISTANT_URL must point at HA\nhint: set UNSET in the env file or the shell environment'],
    ['${EMPTY:?}', 'compose.yml:7: services.data-api.environment.URL: required variable "EMPTY" is unset or empty\nhint: set EMPTY in the env file or the shell environment'],
    ['${UNSET?boom}', 'compose.yml:7: services.data-api.environment.URL: required variable "UNSET" is unset: boom\nhint: set UNSET in the env file or the shell environment'],
    ['${SET', 'compose.yml:7: services.data-api.environment.URL: unterminated "${" in "${SET"\nhint: close every "${" with "}"; write "$$" for a literal dollar sign'],
    ['cost $5', 'compose.yml:7: services.data-api.environment.URL: invalid interpolation "$" at column 6 in "cost $5"\nhint: write "$$" for a literal dollar sign'],
    ['${1BAD}', 'compose.yml:7: services.data-api.environment.URL: invalid interpolation "${1BAD}" in "${1BAD}"\nhint: variable names are letters, digits and "_", not starting with a digit'],
    ['${SET*x}', 'compose.yml:7: services.data-api.environment.URL: invalid interpolation "${SET*x}" in "${SET*x}"\nhint: supported forms: ${V}, ${V:-default}, ${V-default}, ${V:?error}, ${V?error}, ${V:+alt}, ${V+alt}'],
  ])('should reject %j with a located message', (input, message) => {
    let caught: unknown;
    try {
      run(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toBe(message);
    expect((caught as ConfigError).path).toBe('services.data-api.environment.URL');
  });

  it('should report unset variables and literal defaults', () => {
    const unset: string[] = [];
    const defaults: string[] = [];
    interpolate('${A} ${B:-lit} ${C:-${A}}', { lookup: () => undefined, site: { file: 'f' }, onUnset: (n) => unset.push(n), onDefault: (n, d) => defaults.push(`${n}=${d}`) });
    expect(unset).toEqual(['A', 'A']);
    expect(defaults).toEqual(['B=lit']);
  });
});
