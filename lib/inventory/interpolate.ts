// Compose-spec variable interpolation: ${V}, ${V:-d}, ${V-d}, ${V:?e}, ${V?e}, ${V:+a}, ${V+a}, $V, $$.
import { ConfigError, quoteExcerpt } from '../common/index.js';

/** Where the text being interpolated came from, for error messages. */
export interface InterpolationSite {
  /** File (relative to cwd). */
  readonly file: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** Dotted path inside the file (`services.data-api.environment.TOKEN`). */
  readonly path?: string;
}

export interface InterpolateOptions {
  /** Returns the value of a variable, or undefined when it is unset. */
  readonly lookup: (name: string) => string | undefined;
  readonly site: InterpolationSite;
  /** Called for every variable that is unset and has no default (compose substitutes ""). */
  readonly onUnset?: (name: string) => void;
  /** Called for every `${V:-default}` / `${V-default}` whose default is a literal (for secret-default checks). */
  readonly onDefault?: (name: string, defaultValue: string) => void;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const OPERATORS = [':-', ':?', ':+', '-', '?', '+'] as const;
type Operator = (typeof OPERATORS)[number];

/** Formats `file:line: path` for messages. */
export function describeSite(site: InterpolationSite): string {
  const where = site.line === undefined ? site.file : `${site.file}:${site.line}`;
  return site.path ? `${where}: ${site.path}` : where;
}

/** Interpolates one string. Throws a {@link ConfigError} on a missing `:?`/`?` variable or bad syntax. */
export function interpolate(text: string, options: InterpolateOptions): string {
  if (!text.includes('$')) return text;
  return new Interpolator(text, options).run();
}

class Interpolator {
  private pos = 0;
  constructor(private readonly text: string, private readonly options: InterpolateOptions) {}

  run(): string {
    const out = this.until(undefined);
    return out;
  }

  /** Reads until `stop` (a `}` closing the current `${…}`) or the end of the text. */
  private until(stop: '}' | undefined): string {
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (stop !== undefined && ch === stop) return out;
      if (ch !== '$') {
        out += ch;
        this.pos++;
        continue;
      }
      out += this.dollar();
    }
    if (stop !== undefined) this.fail(`unterminated "\${" in ${quoteExcerpt(this.text)}`, 'close every "${" with "}"; write "$$" for a literal dollar sign');
    return out;
  }

  private dollar(): string {
    const next = this.text[this.pos + 1];
    if (next === '$') {
      this.pos += 2;
      return '$';
    }
    if (next === '{') {
      this.pos += 2;
      return this.braced();
    }
    NAME.lastIndex = this.pos + 1;
    const match = NAME.exec(this.text);
    if (match) {
      this.pos = NAME.lastIndex;
      return this.resolve(match[0]);
    }
    return this.fail(`invalid interpolation "$" at column ${this.pos + 1} in ${quoteExcerpt(this.text)}`, 'write "$$" for a literal dollar sign');
  }

  private braced(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.text);
    if (!match) {
      return this.fail(`invalid interpolation ${quoteExcerpt(`\${${this.text.slice(this.pos, this.pos + 10)}`)} in ${quoteExcerpt(this.text)}`, 'variable names are letters, digits and "_", not starting with a digit');
    }
    const name = match[0];
    this.pos = NAME.lastIndex;
    if (this.pos >= this.text.length) this.fail(`unterminated "\${" in ${quoteExcerpt(this.text)}`, 'close every "${" with "}"; write "$$" for a literal dollar sign');
    if (this.text[this.pos] === '}') {
      this.pos++;
      return this.resolve(name);
    }
    const operator = OPERATORS.find((op) => this.text.startsWith(op, this.pos));
    if (operator === undefined) {
      return this.fail(`invalid interpolation ${quoteExcerpt(`\${${name}${this.text.slice(this.pos, this.pos + 3)}`)} in ${quoteExcerpt(this.text)}`, 'supported forms: ${V}, ${V:-default}, ${V-default}, ${V:?error}, ${V?error}, ${V:+alt}, ${V+alt}');
    }
    this.pos += operator.length;
    // Nested interpolation is allowed in the argument (`${A:-${B:-x}}`), evaluated lazily like compose does.
    const start = this.pos;
    const argument = this.until('}');
    const rawArgument = this.text.slice(start, this.pos);
    this.pos++;
    return this.apply(name, operator, argument, rawArgument);
  }

  private apply(name: string, operator: Operator, argument: string, rawArgument: string): string {
    const value = this.options.lookup(name);
    const unsetOrEmpty = value === undefined || value === '';
    switch (operator) {
      case ':-':
      case '-': {
        if (!rawArgument.includes('$')) this.options.onDefault?.(name, argument);
        const useDefault = operator === ':-' ? unsetOrEmpty : value === undefined;
        return useDefault ? argument : (value ?? '');
      }
      case ':?':
      case '?': {
        const missing = operator === ':?' ? unsetOrEmpty : value === undefined;
        if (missing) {
          const site = this.options.site;
          const what = operator === ':?' ? 'is unset or empty' : 'is unset';
          throw new ConfigError(`${describeSite(site)}: required variable "${name}" ${what}${argument ? `: ${argument}` : ''}`, {
            file: site.file,
            path: site.path,
            hint: `set ${name} in the env file or the shell environment`,
          });
        }
        return value ?? '';
      }
      case ':+':
        return unsetOrEmpty ? '' : argument;
      case '+':
        return value === undefined ? '' : argument;
    }
  }

  private resolve(name: string): string {
    const value = this.options.lookup(name);
    if (value === undefined) {
      this.options.onUnset?.(name);
      return '';
    }
    return value;
  }

  private fail(problem: string, hint: string): never {
    const site = this.options.site;
    throw new ConfigError(`${describeSite(site)}: ${problem}`, { file: site.file, path: site.path, hint });
  }
}
