// npm semver ranges (`^18.3.1`, `~5.1.2`, `5.1.2`, `>=20.19 <21`, `18.x`, `1.2.3 - 1.4`, `a || b`) as a VersionRange.
// Not modelled: the rule that a range excludes pre-releases of other tuples; tags (`latest`), URLs, `file:`, `workspace:`.
import { ANY, intersectIntervals, type Interval, type VersionRange } from './version-range.js';
import { releaseOf, version, type Version } from './version.js';

/** A partial version `1`, `1.2`, `1.2.3`, `1.x`, `*` → the given segments (wildcards end the list). */
function partial(text: string): { segments: number[]; pre: string } {
  const m = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(text);
  if (!m) throw new Error(`"${text}" is not a semver version`);
  const segments: number[] = [];
  for (const s of [m[1], m[2], m[3]]) {
    if (s === undefined || /^[xX*]$/.test(s)) break;
    segments.push(Number(s));
  }
  return { segments, pre: m[4] ?? '' };
}

const full = (p: { segments: number[]; pre: string }): Version => version([...p.segments, 0, 0, 0].slice(0, 3).join('.') + p.pre);
const next = (segments: readonly number[], at: number): Version => {
  const out = [...segments.slice(0, at + 1)];
  out[at] = (out[at] ?? 0) + 1;
  while (out.length < 3) out.push(0);
  return releaseOf(out);
};

function comparator(token: string): Interval {
  const m = /^(\^|~>?|>=|<=|>|<|=)?\s*(.+)$/.exec(token)!;
  const op = m[1] ?? '';
  const p = partial(m[2]!);
  const n = p.segments.length;
  if (n === 0) return op === '<' || op === '>' ? { upper: { version: releaseOf([0, 0, 0]), inclusive: false } } : ANY;
  const lower = { version: full(p), inclusive: true };
  switch (op) {
    case '^': {
      // ^1.2.3 → <2.0.0; ^0.2.3 → <0.3.0; ^0.0.3 → <0.0.4; ^1.x → <2
      const at = p.segments.findIndex((s) => s !== 0);
      const idx = at === -1 || at >= n ? n - 1 : at;
      return { lower, upper: { version: next(p.segments, idx), inclusive: false } };
    }
    case '~':
    case '~>':
      return { lower, upper: { version: next(p.segments, n >= 2 ? 1 : 0), inclusive: false } };
    case '>=':
      return { lower };
    case '>':
      return n === 3 ? { lower: { version: full(p), inclusive: false } } : { lower: { version: next(p.segments, n - 1), inclusive: true } };
    case '<':
      return { upper: { version: full(p), inclusive: false } };
    case '<=':
      return n === 3 ? { upper: { version: full(p), inclusive: true } } : { upper: { version: next(p.segments, n - 1), inclusive: false } };
    default:
      return n === 3 ? { lower, upper: { version: full(p), inclusive: true } } : { lower, upper: { version: next(p.segments, n - 1), inclusive: false } };
  }
}

function conjunction(text: string): Interval {
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
  if (hyphen) {
    const lo = comparator(`>=${hyphen[1]}`);
    const hi = partial(hyphen[2]!);
    return intersectIntervals(lo, hi.segments.length === 3 ? comparator(`<=${hyphen[2]}`) : comparator(`<${next(hi.segments, hi.segments.length - 1).text}`));
  }
  // `>= 1.2` is one comparator: join an operator with the version after it before splitting on spaces.
  const tokens = text.replace(/(\^|~>?|>=|<=|>|<|=)\s+/g, '$1').split(/\s+/).filter(Boolean);
  return tokens.reduce<Interval>((acc, t) => intersectIntervals(acc, comparator(t)), ANY);
}

/** The versions an npm range admits; throws `Error` for ranges that are not versions (tags, URLs). */
export function parseNpmRange(text: string): VersionRange {
  const trimmed = text.trim();
  const alternatives = trimmed === '' ? [''] : trimmed.split('||').map((s) => s.trim());
  return { text: trimmed, intervals: alternatives.map((a) => (a === '' || a === '*' || a === 'x' ? ANY : conjunction(a))), excluded: [] };
}
