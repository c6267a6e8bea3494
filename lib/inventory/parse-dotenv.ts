// Parses `.env` files with the dotenv syntax compose accepts: quotes, `export`, comments, empty values.
import { readFileSync } from 'node:fs';
import { ConfigError, quoteExcerpt } from '../common/index.js';
import { interpolate } from './interpolate.js';

export interface ParseDotenvOptions {
  /** File name used in error messages (relative to cwd). */
  readonly file: string;
  /** Variables visible to `${…}` inside values besides the ones defined earlier in the file. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$$' };

/**
 * Parses dotenv text into `{ NAME: value }`. Double-quoted values support `\n`-style escapes and span lines;
 * single-quoted values are literal; unquoted values lose ` # comments` and surrounding blanks. Unquoted and
 * double-quoted values interpolate `${VAR}` from earlier lines, then from `env`.
 */
export function parseDotenv(text: string, options: ParseDotenvOptions): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const lookup = (name: string): string | undefined => options.env?.[name] ?? values[name];
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const line = (lines[index] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const body = line.replace(/^export\s+/, '');
    const eq = body.indexOf('=');
    const key = (eq === -1 ? body : body.slice(0, eq)).trim();
    if (eq === -1 || !KEY.test(key)) {
      throw new ConfigError(`${options.file}:${lineNo}: invalid line ${quoteExcerpt(line)}; expected NAME=value`, {
        file: options.file,
        hint: 'names are letters, digits and "_"; comments start with "#"; quote values containing spaces or "#"',
      });
    }
    let rest = body.slice(eq + 1).trimStart();
    const quote = rest[0];
    let value: string;
    if (quote === '"' || quote === "'") {
      // A quoted value may continue on the following lines until its closing quote.
      let closing = findClosingQuote(rest, quote);
      const startLine = lineNo;
      while (closing === -1 && index + 1 < lines.length) {
        index++;
        rest += `\n${lines[index] ?? ''}`;
        closing = findClosingQuote(rest, quote);
      }
      if (closing === -1) {
        throw new ConfigError(`${options.file}:${startLine}: unterminated ${quote === '"' ? 'double' : 'single'}-quoted value for ${key}`, {
          file: options.file,
          hint: `add the closing ${quote}`,
        });
      }
      const inner = rest.slice(1, closing);
      value = quote === "'"
        ? inner
        : interpolate(inner.replace(/\\(.)/g, (all, ch: string) => ESCAPES[ch] ?? all), {
          lookup, site: { file: options.file, line: startLine, path: key },
        });
    } else {
      const raw = rest.replace(/\s+#.*$/, '').trim();
      value = interpolate(raw, { lookup, site: { file: options.file, line: lineNo, path: key } });
    }
    values[key] = value;
  }
  return values;
}

function findClosingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\' && quote === '"') {
      i++;
      continue;
    }
    if (text[i] === quote) return i;
  }
  return -1;
}

/** Reads and parses a dotenv file. A missing file is a {@link ConfigError}. */
export function readDotenv(path: string, options: ParseDotenvOptions): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${options.file}: cannot read env file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      file: options.file,
      cause: error,
      hint: 'check the path, or remove the env file from the config',
    });
  }
  return parseDotenv(text, options);
}
