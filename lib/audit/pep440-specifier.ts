// PEP 440 version specifiers (`>=2.0.46,<3.0.0`, `~=2.2`, `==1.4.*`, `!=1.5`) as a VersionRange.
// Not modelled: the rule that excludes pre-releases unless named, and arbitrary equality `===` beyond exact text.
import { ANY, intersectIntervals, type Interval, type VersionRange } from './version-range.js';
import { parseVersion, releaseOf, type Version } from './version.js';

/** One clause of a specifier. */
export interface SpecifierClause {
  readonly op: '==' | '!=' | '>=' | '<=' | '>' | '<' | '~=' | '===';
  /** As written after the operator (`2.0.46`, `1.4.*`). */
  readonly version: string;
}

const CLAUSE = /^(~=|===|==|!=|>=|<=|>|<)\s*([A-Za-z0-9._+*!-]+)$/;

/** Splits `>=2.0.46, <3.0.0` into clauses; throws `Error` naming the bad clause. */
export function parseSpecifierClauses(text: string): SpecifierClause[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return trimmed.split(',').map((part) => {
    const m = CLAUSE.exec(part.trim());
    if (!m) throw new Error(`invalid version specifier clause "${part.trim()}" in "${trimmed}"`);
    const [, op, v] = m as unknown as [string, SpecifierClause['op'], string];
    const wildcard = v.endsWith('.*');
    if (wildcard && op !== '==' && op !== '!=') throw new Error(`"${part.trim()}": a .* suffix is only allowed with == and !=`);
    if (!parseVersion(wildcard ? v.slice(0, -2) : v)) throw new Error(`"${part.trim()}": "${v}" is not a version`);
    if (op === '~=' && parseVersion(v)!.release.length < 2) throw new Error(`"${part.trim()}": ~= needs at least two release segments`);
    return { op, version: v };
  });
}

function bumped(segments: readonly number[]): Version {
  const next = [...segments];
  next[next.length - 1] = next[next.length - 1]! + 1;
  return releaseOf(next);
}

function clauseInterval(c: SpecifierClause): Interval | { exclude: Version } | undefined {
  if (c.version.endsWith('.*')) {
    const prefix = parseVersion(c.version.slice(0, -2))!.release;
    const lower = { version: releaseOf(prefix), inclusive: true };
    const upper = { version: bumped(prefix), inclusive: false };
    // `!=1.4.*` removes a span; as a single interval set this is approximated by ignoring it (documented above).
    return c.op === '==' ? { lower, upper } : undefined;
  }
  const v = parseVersion(c.version)!;
  switch (c.op) {
    case '==':
    case '===':
      return { lower: { version: v, inclusive: true }, upper: { version: v, inclusive: true } };
    case '!=':
      return { exclude: v };
    case '>=':
      return { lower: { version: v, inclusive: true } };
    case '>':
      return { lower: { version: v, inclusive: false } };
    case '<=':
      return { upper: { version: v, inclusive: true } };
    case '<':
      return { upper: { version: v, inclusive: false } };
    case '~=':
      return { lower: { version: v, inclusive: true }, upper: { version: bumped(v.release.slice(0, -1)), inclusive: false } };
  }
}

/** The versions a PEP 440 specifier admits (the intersection of its clauses); `''` admits every version. */
export function parsePep440Specifier(text: string): VersionRange {
  let interval: Interval = ANY;
  const excluded: Version[] = [];
  for (const clause of parseSpecifierClauses(text)) {
    const part = clauseInterval(clause);
    if (part === undefined) continue;
    if ('exclude' in part) excluded.push(part.exclude);
    else interval = intersectIntervals(interval, part);
  }
  return { text: text.trim(), intervals: [interval], excluded };
}

/** True when the specifier pins one exact version (`==5.1.2`, `===1.0`). */
export function isExactSpecifier(text: string): boolean {
  const clauses = parseSpecifierClauses(text);
  return clauses.length > 0 && clauses.some((c) => (c.op === '==' || c.op === '===') && !c.version.endsWith('.*'));
}
