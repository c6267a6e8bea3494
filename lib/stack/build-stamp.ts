// Decides whether images must be rebuilt: a hash of every build input, recorded with the image ids it produced.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What a build stamp file holds. */
export interface BuildStamp {
  /** sha256 of the compose file, the build contexts and the extra inputs. */
  readonly hash: string;
  /** Image reference → id the build produced. */
  readonly images: Readonly<Record<string, string>>;
}

/** Folders never hashed (not part of any twin image). */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.cache']);

/**
 * Hashes the compose file, every file under the build contexts (paths and contents, sorted; node_modules and
 * .git skipped) and `extra` (build environment), so any change that could change an image changes the hash.
 */
export function hashBuildInputs(composeFile: string, contexts: readonly string[], extra: string): string {
  const hash = createHash('sha256').update(readFileSync(composeFile)).update('\0').update(extra);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(path);
      } else if (stat.isFile()) {
        hash.update('\0').update(path).update('\0').update(readFileSync(path));
      }
    }
  };
  for (const context of [...new Set(contexts)].sort()) if (existsSync(context)) walk(context);
  return hash.digest('hex');
}

/** Reads a stamp; undefined when missing or unreadable (then the images are rebuilt). */
export function readBuildStamp(file: string): BuildStamp | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<BuildStamp>;
    return typeof parsed.hash === 'string' && parsed.images && typeof parsed.images === 'object' ? { hash: parsed.hash, images: parsed.images } : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a stamp (creating its folder). */
export function writeBuildStamp(file: string, stamp: BuildStamp): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(stamp, null, 2)}\n`);
}
