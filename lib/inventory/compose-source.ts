// One parsed compose file: its YAML document (for line numbers) and its interpolated data.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isMap, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { ConfigError, errorExcerpt } from '../common/index.js';
import { interpolate } from './interpolate.js';

/** A path inside a YAML document: keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** Formats a path as `services.data-api.ports[0]` (keys containing dots or blanks are bracketed). */
export function dottedPath(path: YamlPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/[.\s[\]]/.test(segment) || segment === '') out += `[${JSON.stringify(segment)}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** Hooks called while interpolating a file. */
export interface InterpolationHooks {
  readonly onUnset?: (name: string, path: YamlPath) => void;
  readonly onDefault?: (name: string, defaultValue: string, path: YamlPath, line: number) => void;
}

/** A compose file read from disk and interpolated. */
export class ComposeSource {
  readonly dir: string;
  private constructor(
    /** Path as shown in messages (relative to cwd when possible). */
    readonly file: string,
    /** Absolute path. */
    readonly absolutePath: string,
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    /** The file's content after `<<` merges and interpolation. */
    readonly data: Record<string, unknown>,
  ) {
    this.dir = dirname(absolutePath);
  }

  /** Parses YAML text; `lookup` resolves variables. Throws located {@link ConfigError}s. */
  static parse(text: string, file: string, absolutePath: string, lookup: (name: string) => string | undefined, hooks: InterpolationHooks = {}): ComposeSource {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: true });
    const syntax = doc.errors[0];
    if (syntax) {
      const line = syntax.linePos?.[0]?.line ?? lineCounter.linePos(syntax.pos[0]).line;
      const problem = syntax.message.split('\n', 1)[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? syntax.message;
      throw new ConfigError(`${file}:${line}: YAML syntax error: ${problem}`, {
        file,
        hint: `check indentation and quoting around line ${line}`,
      });
    }
    let raw: unknown;
    try {
      raw = doc.toJS({ maxAliasCount: 10_000 });
    } catch (error) {
      // `yaml` refuses alias bombs ("Excessive alias count …") only while converting.
      throw new ConfigError(`${file}:1: cannot read YAML: ${errorExcerpt(error)}`, { file, cause: error, hint: 'remove the repeated anchors/aliases (*name) and write the values out' });
    }
    if (raw === null || raw === undefined) {
      throw new ConfigError(`${file}:1: the compose file is empty`, { file, hint: 'a compose file needs at least a "services:" mapping' });
    }
    if (typeof raw !== 'object' || Array.isArray(raw) || !isMap(doc.contents)) {
      throw new ConfigError(`${file}:1: the compose file must be a mapping (received ${Array.isArray(raw) ? 'a list' : typeof raw})`, {
        file,
        hint: 'start the file with "services:"',
      });
    }
    const source = new ComposeSource(file, absolutePath, doc, lineCounter, {});
    const data = source.interpolateDeep(raw, [], lookup, hooks) as Record<string, unknown>;
    return new ComposeSource(file, absolutePath, doc, lineCounter, data);
  }

  /** Reads and parses a file from disk. */
  static read(absolutePath: string, file: string, lookup: (name: string) => string | undefined, hooks?: InterpolationHooks): ComposeSource {
    let text: string;
    try {
      text = readFileSync(absolutePath, 'utf8');
    } catch (error) {
      throw new ConfigError(`${file}: cannot read compose file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
        file,
        cause: error,
        hint: 'check compose.files in the config (paths are relative to the working directory)',
      });
    }
    return ComposeSource.parse(text, file, absolutePath, lookup, hooks);
  }

  /** 1-based line of the node at `path`, or of its closest ancestor that exists in the text (merge keys). */
  lineOf(path: YamlPath): number {
    for (let n = path.length; n >= 0; n--) {
      const prefix = path.slice(0, n);
      const parent = n === 0 ? undefined : this.doc.getIn(prefix.slice(0, -1), true);
      // Point at the key (`data-api:`), not at the first line of its value.
      if (parent && isMap(parent)) {
        const key = prefix[prefix.length - 1];
        const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
        const range = (pair?.key as { range?: [number, number, number] } | null)?.range;
        if (range) return this.lineCounter.linePos(range[0]).line;
      }
      const node = this.doc.getIn(prefix, true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return this.lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  }

  /** A located error: `<file>:<line>: <dotted path>: <problem>` plus a hint. */
  error(path: YamlPath, problem: string, hint?: string, cause?: unknown): ConfigError {
    const dotted = dottedPath(path);
    return new ConfigError(`${this.file}:${this.lineOf(path)}: ${dotted ? `${dotted}: ` : ''}${problem}`, {
      file: this.file,
      path: dotted,
      ...(hint === undefined ? {} : { hint }),
      ...(cause === undefined ? {} : { cause }),
    });
  }

  private interpolateDeep(value: unknown, path: YamlPath, lookup: (name: string) => string | undefined, hooks: InterpolationHooks): unknown {
    if (typeof value === 'string') {
      if (!value.includes('$')) return value;
      const line = this.lineOf(path);
      return interpolate(value, {
        lookup,
        site: { file: this.file, line, path: dottedPath(path) },
        onUnset: (name) => hooks.onUnset?.(name, path),
        onDefault: (name, def) => hooks.onDefault?.(name, def, path, line),
      });
    }
    if (Array.isArray(value)) return value.map((item, i) => this.interpolateDeep(item, [...path, i], lookup, hooks));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.interpolateDeep(item, [...path, key], lookup, hooks);
      return out;
    }
    return value;
  }
}
