// Turns zod issues into one ConfigError naming the file, the dotted path, the rule, the received value and a hint.
import type { z } from 'zod';
import { ConfigError } from '../common/index.js';
import { closestMatch, dottedPath } from '../inventory/index.js';

interface ZodDef {
  readonly type: string;
  readonly shape?: Record<string, unknown>;
  readonly innerType?: unknown;
  readonly in?: unknown;
  readonly valueType?: unknown;
  readonly element?: unknown;
}
const defOf = (schema: unknown): ZodDef | undefined => (schema as { _zod?: { def?: ZodDef } } | undefined)?._zod?.def;

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (def?.innerType !== undefined && ['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch'].includes(def.type)) current = def.innerType;
    else if (def?.type === 'pipe') current = def.in;
    else return current;
  }
  return current;
}

/** Keys the schema allows at `path` (for "did you mean"), or undefined when it is not an object there. */
export function knownKeysAt(schema: unknown, path: readonly PropertyKey[]): string[] | undefined {
  let current = unwrap(schema);
  for (const segment of path) {
    const def = defOf(current);
    if (def?.type === 'object' && def.shape) current = def.shape[String(segment)];
    else if (def?.type === 'record') current = def.valueType;
    else if (def?.type === 'array') current = def.element;
    else return undefined;
    current = unwrap(current);
  }
  const def = defOf(current);
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment as string];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const toPath = (path: readonly PropertyKey[]): (string | number)[] => path.map((s) => (typeof s === 'number' ? s : String(s)));

/** One readable problem line plus an optional hint. */
interface Problem {
  readonly line: string;
  readonly path: string;
  readonly hint?: string;
}

function problems(issue: z.core.$ZodIssue, input: unknown, schema: unknown): Problem[] {
  const path = toPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, issue.path) ?? [];
    return issue.keys.map((key) => {
      const full = dottedPath([...path, key]);
      const suggestion = closestMatch(key, known);
      return {
        line: `${full}: unknown key "${key}"`,
        path: full,
        hint: suggestion ? `did you mean "${suggestion}"?` : known.length > 0 ? `allowed keys here: ${known.join(', ')}` : undefined,
      };
    });
  }
  const full = dottedPath(path) || '(root)';
  if (issue.code === 'invalid_key') {
    const key = String(path[path.length - 1] ?? '');
    return [{ line: `${full}: invalid key ${JSON.stringify(key)}: ${issue.issues[0]?.message ?? issue.message}`, path: full }];
  }
  const received = describeValue(valueAt(input, issue.path));
  const hint = issue.code === 'invalid_value' ? `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : undefined;
  return [{ line: `${full}: ${issue.message} (received ${received})`, path: full, hint }];
}

/**
 * Builds ONE {@link ConfigError} from a failed `safeParse`: `<file>: <path>: <rule> (received <value>)`, one
 * line per problem when there are several, and the first hint.
 */
export function configErrorFromIssues(issues: readonly z.core.$ZodIssue[], options: { file: string; input: unknown; schema: unknown }): ConfigError {
  const all = issues.flatMap((issue) => problems(issue, options.input, options.schema));
  const first = all[0] ?? { line: '(root): invalid config', path: '' };
  const hint = all.find((p) => p.hint !== undefined)?.hint ?? 'see docs/config.md for every option';
  const message = all.length === 1
    ? `${options.file}: ${first.line}`
    : `${options.file}: ${all.length} config problems\n${all.map((p) => `  - ${p.line}${p.hint ? ` (${p.hint})` : ''}`).join('\n')}`;
  return new ConfigError(message, {
    file: options.file,
    path: first.path,
    hint,
    shortMessage: `${options.file}: ${first.line}${all.length > 1 ? ` (+${all.length - 1} more)` : ''}`,
  });
}
