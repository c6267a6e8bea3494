// Conflicting constraints: two declarations of one package that no single version satisfies.
import type { IncludedRequirement } from './load-requirements.js';
import { parsePep440Specifier } from './pep440-specifier.js';
import { rangesOverlap } from './version-range.js';

/** Two declarations that cannot both hold. */
export interface ConstraintConflict {
  /** What the declarations were gathered for (a service name). */
  readonly scope: string;
  readonly package: string;
  readonly first: IncludedRequirement;
  readonly second: IncludedRequirement;
  /** `data-api: aiosqlite >=0.20,<0.21 (…prod.txt:4) conflicts with >=0.21,<0.22 (…requirements.txt:5)`. */
  readonly message: string;
}

const at = (r: IncludedRequirement) => `${r.file}:${r.line}${r.via.length > 1 ? ` via ${r.via.slice(0, -1).join(' > ')}` : ''}`;

/** Every pair of declarations in `requirements` (deduplicated by file:line) whose specifiers do not overlap. */
export function findConflicts(scope: string, requirements: readonly IncludedRequirement[]): ConstraintConflict[] {
  const unique = new Map<string, IncludedRequirement>();
  for (const r of requirements) if (r.url === undefined && !unique.has(`${r.file}:${r.line}`)) unique.set(`${r.file}:${r.line}`, r);
  const byPackage = new Map<string, IncludedRequirement[]>();
  for (const r of unique.values()) byPackage.set(r.key, [...(byPackage.get(r.key) ?? []), r]);
  const out: ConstraintConflict[] = [];
  for (const [key, list] of byPackage) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (rangesOverlap(parsePep440Specifier(a.specifier), parsePep440Specifier(b.specifier))) continue;
        out.push({ scope, package: key, first: a, second: b, message: `${scope}: ${key} ${a.specifier} (${at(a)}) conflicts with ${b.specifier} (${at(b)}): no version satisfies both` });
      }
    }
  }
  return out;
}
