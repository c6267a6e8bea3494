// Version numbers of Python (PEP 440) and npm (semver) packages, parsed and ordered by one comparator.

/** A parsed version: release segments plus PEP 440 pre/post/dev parts (npm `-beta.1` reads as a pre-release). */
export interface Version {
  /** As written (`2.0.46`, `1.0rc1`, `v20.19.0`). */
  readonly text: string;
  /** Numeric release segments (`[2, 0, 46]`). */
  readonly release: readonly number[];
  /** Pre-release: kind (`a` < `b` < `rc`) and number. */
  readonly pre?: { readonly kind: 'a' | 'b' | 'rc'; readonly n: number };
  readonly post?: number;
  readonly dev?: number;
}

const PATTERN = /^v?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+[a-z0-9.]+)?$/i;

/** Parses `2.0.46`, `0.22.1`, `1.0rc1`, `2.0.post1`, `1.2.dev3`, `4.0.0-beta.2`; undefined when it is not a version. */
export function parseVersion(text: string): Version | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const release = m[1]!.split('.').map(Number);
  const kind = m[2]?.toLowerCase();
  const pre = kind === undefined ? undefined : { kind: kind.startsWith('a') ? 'a' as const : kind.startsWith('b') ? 'b' as const : 'rc' as const, n: Number(m[3] ?? 0) };
  const post = m[4] !== undefined ? Number(m[4]) : m[5] !== undefined ? Number(m[6] ?? 0) : undefined;
  const dev = m[7] !== undefined ? Number(m[8] ?? 0) : undefined;
  return { text: text.trim(), release, ...(pre ? { pre } : {}), ...(post !== undefined ? { post } : {}), ...(dev !== undefined ? { dev } : {}) };
}

/** Like {@link parseVersion} but throws on text that is not a version. */
export function version(text: string): Version {
  const v = parseVersion(text);
  if (!v) throw new Error(`"${text}" is not a version number`);
  return v;
}

const PRE_ORDER = { a: 0, b: 1, rc: 2 } as const;

// PEP 440 order: 1.0.dev0 < 1.0a1.dev0 < 1.0a1 < 1.0 < 1.0.post1.dev0 < 1.0.post1; trailing zeros do not count (3 == 3.0.0).
function key(v: Version): number[] {
  const pre = v.pre ? [0, PRE_ORDER[v.pre.kind], v.pre.n] : v.dev !== undefined && v.post === undefined ? [-1, 0, 0] : [1, 0, 0];
  const post = v.post !== undefined ? [1, v.post] : [0, 0];
  const dev = v.dev !== undefined ? [0, v.dev] : [1, 0];
  return [...pre, ...post, ...dev];
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: Version, b: Version): number {
  const n = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) {
    const d = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (d !== 0) return d;
  }
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) {
    const d = ka[i]! - kb[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** A release version built from segments (`releaseOf([3])` = 3). */
export function releaseOf(segments: readonly number[]): Version {
  return { text: segments.join('.'), release: segments };
}

/** The major version (first release segment). */
export function majorOf(v: Version): number {
  return v.release[0] ?? 0;
}
