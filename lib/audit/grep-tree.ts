// Grep-style scan of a source tree for patterns that must not be left (0 allowed hits).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One pattern to look for. */
export interface GrepRule {
  /** Short name shown with each hit (`asyncio_mqtt import`). */
  readonly name: string;
  readonly pattern: RegExp;
  /** Which files it applies to, by file name (`/\.py$/`, `/^requirements.*\.txt$/`). */
  readonly fileName: RegExp;
}

/** A line that matched a rule. */
export interface GrepHit {
  readonly rule: string;
  /** Repo-relative path. */
  readonly file: string;
  readonly line: number;
  /** The matching line, trimmed and cut to 160 characters. */
  readonly text: string;
}

/** The result of a scan. */
export interface GrepResult {
  readonly hits: readonly GrepHit[];
  readonly filesSearched: number;
}

const SKIP = new Set(['node_modules', '.git', 'dist', 'build', '.venv', 'venv', '__pycache__', '.mypy_cache', '.pytest_cache']);

/** Searches `dirs` (repo-relative; missing ones are skipped) under `root`. */
export function grepTree(root: string, rules: readonly GrepRule[], dirs: readonly string[] = ['.']): GrepResult {
  const hits: GrepHit[] = [];
  let filesSearched = 0;
  const seen = new Set<string>();
  const walk = (path: string) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!SKIP.has(name)) walk(join(path, name));
      return;
    }
    const file = relative(root, path);
    if (seen.has(file)) return;
    seen.add(file);
    const name = file.split('/').pop()!;
    const applicable = rules.filter((r) => r.fileName.test(name));
    if (applicable.length === 0) return;
    filesSearched++;
    readFileSync(path, 'utf8').split(/\r?\n/).forEach((text, i) => {
      for (const rule of applicable) if (rule.pattern.test(text)) hits.push({ rule: rule.name, file, line: i + 1, text: text.trim().slice(0, 160) });
    });
  };
  for (const d of dirs) walk(join(root, d));
  return { hits, filesSearched };
}
