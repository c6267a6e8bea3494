// package.json dependencies (declared ranges, with line numbers) and, when present, package-lock.json (installed versions).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One declared npm dependency. */
export interface NpmDependency {
  readonly name: string;
  /** The range as written (`^5.1.2`). */
  readonly range: string;
  readonly section: 'dependencies' | 'devDependencies';
  /** package.json path as given. */
  readonly file: string;
  /** 1-based line of the entry in package.json (0 when not found textually). */
  readonly line: number;
  /** Version in package-lock.json (`packages["node_modules/<name>"].version`), when a lockfile exists. */
  readonly installed?: string;
}

/** An app's manifest. */
export interface NpmManifest {
  readonly file: string;
  /** package-lock.json path, when present. */
  readonly lockFile?: string;
  readonly dependencies: readonly NpmDependency[];
  /** `engines.node`, when declared. */
  readonly enginesNode?: string;
}

/** Thrown when package.json or package-lock.json is not valid JSON; the message names the file. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

function lineOf(text: string, section: string, name: string): number {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.includes(`"${section}"`));
  const needle = `"${name}"`;
  const at = lines.findIndex((l, i) => i > start && l.trimStart().startsWith(needle));
  return at === -1 ? 0 : at + 1;
}

function readJson(path: string, display: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ManifestError(`${display}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

/** Reads `<dir>/package.json` and `<dir>/package-lock.json` (lockfile v2/v3 `packages`, or v1 `dependencies`). */
export function readNpmManifest(dir: string, display: string = dir): NpmManifest {
  const file = join(display, 'package.json');
  const text = readFileSync(join(dir, 'package.json'), 'utf8');
  const pkg = readJson(join(dir, 'package.json'), file);
  const lockPath = join(dir, 'package-lock.json');
  const lockFile = existsSync(lockPath) ? join(display, 'package-lock.json') : undefined;
  const lock = lockFile ? readJson(lockPath, lockFile) : undefined;
  const installed = (name: string): string | undefined => {
    const packages = lock?.packages as Record<string, { version?: string }> | undefined;
    const v1 = lock?.dependencies as Record<string, { version?: string }> | undefined;
    return packages?.[`node_modules/${name}`]?.version ?? v1?.[name]?.version;
  };
  const dependencies: NpmDependency[] = [];
  for (const section of ['dependencies', 'devDependencies'] as const) {
    for (const [name, range] of Object.entries((pkg[section] ?? {}) as Record<string, string>)) {
      const v = installed(name);
      dependencies.push({ name, range, section, file, line: lineOf(text, section, name), ...(v ? { installed: v } : {}) });
    }
  }
  const engines = pkg.engines as { node?: string } | undefined;
  return { file, ...(lockFile ? { lockFile } : {}), dependencies, ...(engines?.node ? { enginesNode: engines.node } : {}) };
}
