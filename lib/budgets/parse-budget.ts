// Scanner and parser for k6 threshold expressions (`p(95)<500`) and tag-scoped metric keys.
import { ConfigError } from '../common/errors.js';
import { printable } from '../common/printable.js';

/** Aggregations a budget can test, as in k6: trend `avg|min|max|med|p(N)`, rate `rate`, counter `count|rate`. */
export type BudgetAggregation = 'avg' | 'min' | 'max' | 'med' | 'p' | 'rate' | 'count';

/** Comparison operators, k6's set. `==` and `===` both mean numeric equality. */
export type BudgetOperator = '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';

/** One parsed expression, e.g. `p(99.9)<1200` → `{ agg: 'p', pct: 99.9, op: '<', value: 1200 }`. */
export interface BudgetExpression {
  readonly agg: BudgetAggregation;
  /** The percentile of `p(N)`, 0–100; only when `agg` is `'p'`. */
  readonly pct?: number;
  readonly op: BudgetOperator;
  /** The limit: milliseconds for durations, a fraction 0–1 for `rate` of a rate metric, a count for `count`. */
  readonly value: number;
  /** The expression exactly as written. */
  readonly source: string;
}

/** A metric key with its tag scope: `http_req_duration{route:GET /api/v1/events}`. */
export interface MetricKey {
  /** Metric name (`http_req_duration`, `latency`, `http_req_failed`). */
  readonly name: string;
  /** Tag filters; an empty object means the metric across all tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** Canonical form (tags sorted by name) used to look the metric up in a summary. */
  readonly canonical: string;
  /** The key exactly as written. */
  readonly source: string;
}

/** Aggregations listed in error messages. */
export const ALLOWED_AGGREGATIONS = 'avg|min|max|med|p(N)|rate|count';
const OPERATORS: readonly BudgetOperator[] = ['<', '<=', '>', '>=', '==', '===', '!='];
const ALLOWED_OPERATORS = OPERATORS.join(' ');

type Token =
  | { readonly kind: 'ident'; readonly text: string; readonly at: number }
  | { readonly kind: 'number'; readonly text: string; readonly at: number }
  | { readonly kind: 'op'; readonly text: string; readonly at: number }
  | { readonly kind: 'lparen' | 'rparen'; readonly text: string; readonly at: number }
  | { readonly kind: 'other'; readonly text: string; readonly at: number };

/** Internal failure carrying the reason only; the caller adds the quoted input. */
class ParseFailure extends Error {}

// Scan step: identifiers, numbers, operators and parentheses; whitespace is skipped.
function scan(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i))!;
      tokens.push({ kind: 'ident', text: m[0], at: i });
      i += m[0].length;
    } else if (/[0-9.+-]/.test(ch)) {
      // Greedy: everything up to whitespace, an operator or a parenthesis, so `500ms` is one bad number.
      const m = /^[^\s<>=!()]+/.exec(input.slice(i))!;
      tokens.push({ kind: 'number', text: m[0], at: i });
      i += m[0].length;
    } else if (/[<>=!]/.test(ch)) {
      const m = /^[<>=!]+/.exec(input.slice(i))!;
      tokens.push({ kind: 'op', text: m[0], at: i });
      i += m[0].length;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', text: ch, at: i });
      i++;
    } else {
      const m = /^[^\s<>=!()]+/.exec(input.slice(i))!;
      tokens.push({ kind: 'other', text: m[0], at: i });
      i += m[0].length;
    }
  }
  return tokens;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses one budget expression in k6's threshold grammar:
 *
 * ```
 * expression  → aggregation ws* operator ws* number
 * aggregation → "avg" | "min" | "max" | "med" | percentile | "rate" | "count"
 * percentile  → "p(" ws* number ws* ")"          (0 ≤ number ≤ 100)
 * operator    → "<" | "<=" | ">" | ">=" | "==" | "===" | "!="
 * number      → ("+" | "-")? digit+ ("." digit*)? exponent? | "." digit+ exponent?
 * ```
 *
 * `metricKey` (as written) is only used in the error message. Throws {@link ConfigError}:
 * `failed parsing budget "p95<500" for latency: unknown aggregation "p95"; expected avg|min|max|med|p(N)|rate|count`.
 */
export function parseBudgetExpression(source: string, metricKey: string): BudgetExpression {
  try {
    return parseTokens(source, scan(source));
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw error;
    throw new ConfigError(`failed parsing budget "${printable(source)}" for ${printable(metricKey)}: ${printable(error.message, 200)}`, {
      path: metricKey,
      hint: 'budgets use k6 threshold syntax, e.g. "p(95)<500" (milliseconds) or "rate<0.01"',
    });
  }
}

function parseTokens(source: string, tokens: Token[]): BudgetExpression {
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const first = peek();
  if (first === undefined) throw new ParseFailure(`empty expression; expected <aggregation><operator><number>, aggregation one of ${ALLOWED_AGGREGATIONS}`);
  if (first.kind !== 'ident') throw new ParseFailure(`unknown aggregation "${first.text}"; expected ${ALLOWED_AGGREGATIONS}`);
  pos++;
  let agg: BudgetAggregation;
  let pct: number | undefined;
  let aggText = first.text;
  switch (first.text) {
    case 'avg':
    case 'min':
    case 'max':
    case 'med':
    case 'rate':
    case 'count':
      agg = first.text;
      break;
    case 'p': {
      agg = 'p';
      const open = tokens[pos];
      const num = tokens[pos + 1];
      const close = tokens[pos + 2];
      if (open?.kind !== 'lparen' || num?.kind !== 'number' || close?.kind !== 'rparen') {
        const rest = source.slice(first.at).split(/\s*(?:<|>|=|!)/, 1)[0];
        throw new ParseFailure(`malformed percentile "${rest}"; expected p(N) with N a number within 0–100`);
      }
      if (!NUMBER.test(num.text)) throw new ParseFailure(`malformed percentile "p(${num.text})"; expected p(N) with N a number within 0–100`);
      pct = Number(num.text);
      if (pct < 0 || pct > 100) throw new ParseFailure(`percentile ${num.text} in "p(${num.text})" is outside 0–100`);
      pos += 3;
      aggText = `p(${num.text})`;
      break;
    }
    default:
      throw new ParseFailure(`unknown aggregation "${source.slice(first.at).split(/\s*(?:<|>|=|!)/, 1)[0]}"; expected ${ALLOWED_AGGREGATIONS}`);
  }
  const opToken = peek();
  if (opToken === undefined) throw new ParseFailure(`missing operator after "${aggText}"; expected one of ${ALLOWED_OPERATORS}`);
  if (opToken.kind !== 'op') throw new ParseFailure(`unexpected "${opToken.text}" after "${aggText}"; expected one of ${ALLOWED_OPERATORS}`);
  if (!(OPERATORS as readonly string[]).includes(opToken.text)) throw new ParseFailure(`invalid operator "${opToken.text}"; expected one of ${ALLOWED_OPERATORS}`);
  pos++;
  const valueToken = peek();
  if (valueToken === undefined) throw new ParseFailure(`missing value after "${aggText}${opToken.text}"; expected a number`);
  const rest = tokens.slice(pos).map((t) => t.text).join('');
  if (valueToken.kind !== 'number' || tokens.length > pos + 1 || !NUMBER.test(valueToken.text)) {
    throw new ParseFailure(`invalid value "${rest}"; expected a plain number (milliseconds for durations, a fraction 0–1 for rate)`);
  }
  if (!Number.isFinite(Number(valueToken.text))) throw new ParseFailure(`value "${printable(valueToken.text, 24)}" is too large; expected a finite number`);
  return {
    agg,
    ...(pct === undefined ? {} : { pct }),
    op: opToken.text as BudgetOperator,
    value: Number(valueToken.text),
    source,
  };
}

const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * Parses a metric key `name` or `name{tag:value,other:value}`. Tag values may contain spaces and `/`
 * (`route:GET /api/v1/events`) but not `,` or `}`. Throws {@link ConfigError} naming the key.
 */
export function parseMetricKey(source: string): MetricKey {
  const fail = (reason: string): never => {
    throw new ConfigError(`failed parsing budget metric "${printable(source)}": ${printable(reason, 200)}`, {
      path: source,
      hint: 'a metric key is a name with optional tags, e.g. "http_req_duration{route:GET /api/v1/events}"',
    });
  };
  const brace = source.indexOf('{');
  const name = (brace === -1 ? source : source.slice(0, brace)).trim();
  if (!METRIC_NAME.test(name)) fail(`invalid metric name "${name}"; expected letters, digits, "_" or "." starting with a letter`);
  const tags: Record<string, string> = {};
  if (brace !== -1) {
    if (!source.endsWith('}')) fail('missing closing "}" after the tags');
    const body = source.slice(brace + 1, -1);
    if (body.trim() === '') fail('empty tag scope "{}"; remove the braces or add tag:value pairs');
    for (const pair of body.split(',')) {
      const colon = pair.indexOf(':');
      if (colon === -1) fail(`tag "${pair.trim()}" has no value; expected tag:value`);
      const key = pair.slice(0, colon).trim();
      const value = pair.slice(colon + 1).trim();
      if (!METRIC_NAME.test(key)) fail(`invalid tag name "${key}"`);
      if (value === '') fail(`tag "${key}" has an empty value`);
      if (key in tags) fail(`tag "${key}" is given twice`);
      tags[key] = value;
    }
  }
  return { name, tags, canonical: canonicalMetricKey(name, tags), source };
}

/** `name{a:1,b:2}` with tags sorted by name; just `name` without tags. Summaries key their metrics by this. */
export function canonicalMetricKey(name: string, tags: Readonly<Record<string, string>> = {}): string {
  const entries = Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? name : `${name}{${entries.map(([k, v]) => `${k}:${v}`).join(',')}}`;
}
