// Reads the live compose project the config points at (files, env file, profiles) and resolves the live target.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { registerSecret } from '../common/secrets.js';
import type { LoadedConfig } from '../config/load-config.js';
import { loadInventory, normalizeProjectName } from '../inventory/load-inventory.js';
import { readDotenv } from '../inventory/parse-dotenv.js';
import type { Inventory } from '../inventory/types.js';
import { resolveLiveTarget, type LiveTarget } from './resolve-live-target.js';

/** Options of {@link loadLiveTarget}. */
export interface LoadLiveTargetOptions {
  /** Shell environment: wins over the env file, as in compose. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Naming scheme of derived container names. @default 'v2' (config `compose.driver` `v1` gives v1 names) */
  readonly driver?: 'v1' | 'v2';
}

/** A live target with the inventory it came from (for the rebuild plan). */
export interface LoadedLiveTarget {
  readonly target: LiveTarget;
  readonly inventory: Inventory;
  /** Absolute env file used for interpolation, or null. */
  readonly envFile: string | null;
}

/** The last top-level `name:` of the compose files, or undefined (compose: the last file that sets it wins). */
export function topLevelName(files: readonly string[]): string | undefined {
  let name: string | undefined;
  for (const file of files) {
    try {
      const value: unknown = parseDocument(readFileSync(file, 'utf8')).get('name');
      if (typeof value === 'string' && value !== '') name = value;
    } catch {
      // A file that does not parse is reported, with its line, by loadInventory.
    }
  }
  return name;
}

/**
 * Loads the live target of `loaded` (config `compose.files`, `compose.envFile`, `compose.profiles`,
 * `compose.projectName`, per-service overrides): project name from `COMPOSE_PROJECT_NAME`, else the top-level
 * `name:`, else `compose.projectName`, else the directory name. Registers every secret value for masking.
 */
export function loadLiveTarget(loaded: Pick<LoadedConfig, 'path' | 'config'>, options: LoadLiveTargetOptions = {}): LoadedLiveTarget {
  const env = options.env ?? process.env;
  const configDir = dirname(loaded.path);
  const { compose } = loaded.config;
  const files = compose.files.map((f) => resolve(configDir, f));
  const envFile = compose.envFile !== undefined ? resolve(configDir, compose.envFile)
    : existsSync(join(dirname(files[0]!), '.env')) ? join(dirname(files[0]!), '.env') : null;
  const named = env.COMPOSE_PROJECT_NAME ?? topLevelName(files);
  const projectName = named === undefined ? compose.projectName ?? normalizeProjectName(basename(dirname(files[0]!))) : undefined;
  const driver = options.driver ?? (compose.driver === 'v1' ? 'v1' : 'v2');
  const inventory = loadInventory({
    files,
    cwd: configDir,
    envFile,
    env,
    profiles: compose.profiles,
    driver,
    secretNames: loaded.config.secrets,
    ...(projectName !== undefined ? { projectName } : {}),
  });
  const fileValues = envFile === null ? {} : readDotenv(envFile, { file: display(configDir, envFile), env });
  const values: Record<string, string | undefined> = { ...fileValues };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) values[name] = value;
  const target = resolveLiveTarget({ config: loaded.config, configDir, inventory, composeFiles: files, values, envFile: envFile === null ? null : display(configDir, envFile) });
  target.secrets.forEach(registerSecret);
  return { target, inventory, envFile };
}

function display(base: string, path: string): string {
  const rel = relative(base, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
