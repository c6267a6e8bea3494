// Phase 0, 001 Critical Issue 5: `.env` must not be committed (P0-001-CI5a). Judged from the repository root's
// `.gitignore` and, when the root is a git work tree, whether git tracks the file (pure: the caller reads both).
import type { CheckResult } from './check-result.js';

/** A `.gitignore` pattern as a regular expression over a root-relative path (the subset `.env` rules use). */
function patternToRegExp(raw: string): RegExp {
  // A leading `**/` matches in every directory, the root included: the same as no slash at all.
  const pattern = raw.replace(/^\*\*\//, '');
  const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
  const body = pattern
    .replace(/^\//, '')
    .replace(/\/$/, '')
    .split('')
    .map((ch, i, all) => (ch === '*' ? (all[i + 1] === '*' ? '' : all[i - 1] === '*' ? '.*' : '[^/]*') : ch === '?' ? '[^/]' : /[.+^${}()|[\]\\]/.test(ch) ? `\\${ch}` : ch))
    .join('');
  return new RegExp(`${anchored ? '^' : '(?:^|/)'}${body}$`);
}

/**
 * Whether `path` (root-relative, `.env`) is ignored by the `.gitignore` text: the last matching pattern wins, `!`
 * negates, `#` comments and blank lines are skipped, trailing spaces are trimmed. Directory-only patterns (`x/`)
 * never match a file.
 */
export function gitignoreIgnores(gitignore: string, path: string): boolean {
  let ignored = false;
  for (const raw of gitignore.split(/\r?\n/)) {
    const line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = negated ? line.slice(1) : line.replace(/^\\/, '');
    if (pattern.endsWith('/')) continue;
    if (patternToRegExp(pattern).test(path)) ignored = !negated;
  }
  return ignored;
}

/** What the caller read at the repository root. */
export interface EnvIgnoredInput {
  /** Absolute root of the HomeIQ checkout. */
  readonly root: string;
  /** The root's `.gitignore`, or undefined when there is none. */
  readonly gitignore: string | undefined;
  /** Whether git tracks `.env`: undefined when the root is not a git work tree of its own (fixture trees). */
  readonly tracked: boolean | undefined;
  /** Root-relative file. @default '.env' */
  readonly file?: string;
}

/** P0-001-CI5a: `.env` is ignored by the root `.gitignore` and not tracked (`git check-ignore .env`, 001 L258). */
export function checkEnvFileIgnored(input: EnvIgnoredInput, options: { /** @default 'P0-001-CI5a' */ readonly criterionId?: string } = {}): CheckResult {
  const file = input.file ?? '.env';
  const base = { criterionId: options.criterionId ?? 'P0-001-CI5a', title: `${file} ignored by git`, limit: `${file} in .gitignore and untracked` };
  if (input.tracked === true) return { ...base, status: 'failed', measurement: 'tracked', message: `${input.root}: git tracks ${file}, so its secrets are in the history. hint: git rm --cached ${file}, add it to .gitignore, and rotate every secret it held (001 L258-261)` };
  if (input.gitignore === undefined) return { ...base, status: 'failed', measurement: 'no .gitignore', message: `${input.root} has no .gitignore, so nothing keeps ${file} out of a commit. hint: add a .gitignore with the line ${file}` };
  if (!gitignoreIgnores(input.gitignore, file)) return { ...base, status: 'failed', measurement: 'not ignored', message: `${input.root}/.gitignore does not ignore ${file} (no matching pattern, or a later !pattern re-includes it). hint: add the line ${file} to .gitignore` };
  return { ...base, status: 'passed', measurement: 'ignored', message: `${input.root}/.gitignore ignores ${file}${input.tracked === false ? ' and git does not track it' : ' (not a git work tree of its own: tracking not asked)'}` };
}
