// "Did you mean" suggestions for service names and config keys.

/** Levenshtein edit distance between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

// HomeIQ's plans add or drop these affixes (`calendar-service` vs `calendar`, `homeiq-admin` vs `admin-api`).
const AFFIXES = [/^homeiq[-_]/, /[-_](service|api|svc)$/];

function stem(name: string): string {
  let out = name.toLowerCase();
  for (const affix of AFFIXES) out = out.replace(affix, '');
  return out;
}

/**
 * Returns the candidate closest to `input`, or undefined when none is close enough. Names that only differ
 * by a `homeiq-` prefix or a `-service`/`-api` suffix match first; otherwise the edit distance must be at
 * most a third of the input's length (minimum 2).
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const inputStem = stem(input);
  const byStem = list.find((c) => stem(c) === inputStem);
  if (byStem !== undefined) return byStem;
  const limit = Math.max(2, Math.floor(input.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of list) {
    const distance = Math.min(editDistance(input.toLowerCase(), candidate.toLowerCase()), editDistance(inputStem, stem(candidate)));
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}
