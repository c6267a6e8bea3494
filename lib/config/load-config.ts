// Finds, imports and validates phasegate.config.{ts,js,mjs,json,yaml,yml}; every failure is one ConfigError.
import { existsSync, readFileSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError, createLogger, errorExcerpt, registerSecret } from '../common/index.js';
import type { Logger } from '../common/index.js';
import { parseDotenv } from '../inventory/index.js';
import { applyEnvOverrides, EnvOverridesSchema } from './env.js';
import { configErrorFromIssues } from './format-config-issues.js';
import { resolveContradictions } from './resolve-contradictions.js';
import type { ResolvedContradiction } from './resolve-contradictions.js';
import { PhasegateConfigSchema } from './schema.js';
import type { ResolvedPhasegateConfig } from './schema.js';

/** Config file names searched, in order. */
export const CONFIG_FILE_NAMES = ['phasegate.config.ts', 'phasegate.config.js', 'phasegate.config.mjs', 'phasegate.config.json', 'phasegate.config.yaml', 'phasegate.config.yml'] as const;

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Directory searched for the config, and base of relative paths in messages. @default process.cwd() */
  readonly cwd?: string;
  /** Explicit config file (relative to `cwd`); skips the search. */
  readonly file?: string;
  /** Environment for PHASEGATE_* overrides and secret values. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Imports a JS/TS module by URL. @default dynamic `import()` (works under vitest and tsx) */
  readonly importModule?: (url: string) => Promise<unknown>;
  readonly log?: Logger;
}

/** A validated config and where it came from. */
export interface LoadedConfig {
  /** Absolute path of the config file. */
  readonly path: string;
  /** Config file as shown in messages (relative to cwd). */
  readonly file: string;
  readonly config: ResolvedPhasegateConfig;
  /** The contradiction choices in effect, for the report. */
  readonly contradictions: readonly ResolvedContradiction[];
}

/** Loads and validates the config. Throws one {@link ConfigError} (exit code 78) naming file, path, rule and value. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const log = options.log ?? createLogger('phasegate:config');
  const path = findConfigFile(cwd, options.file);
  const file = display(cwd, path);
  log(`Loading config ${file}`);
  const raw = await readConfigInput(path, file, options.importModule ?? ((url) => import(url)));

  const parsedEnv = EnvOverridesSchema.safeParse(env);
  if (!parsedEnv.success) throw configErrorFromIssues(parsedEnv.error.issues, { file: 'environment', input: env, schema: EnvOverridesSchema });
  const input = applyEnvOverrides(raw, parsedEnv.data);

  const result = PhasegateConfigSchema.safeParse(input);
  if (!result.success) throw configErrorFromIssues(result.error.issues, { file, input, schema: PhasegateConfigSchema });
  const config = result.data;
  registerConfigSecrets(config, resolve(path, '..'), env);
  log(`Loaded config ${file}: target ${config.target}, ${config.compose.files.length} compose file(s)`);
  return { path, file, config, contradictions: resolveContradictions(config) };
}

function display(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function findConfigFile(cwd: string, explicit: string | undefined): string {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new ConfigError(`${explicit}: config file not found`, { file: explicit, hint: `check the path (relative to ${cwd})` });
    return path;
  }
  const found = CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((p) => existsSync(p));
  if (found === undefined) {
    throw new ConfigError(`no phasegate config in ${cwd} (looked for ${CONFIG_FILE_NAMES.join(', ')})`, {
      hint: 'create phasegate.config.ts with `export default defineConfig({ ... })`, or pass --config',
    });
  }
  return found;
}

async function readConfigInput(path: string, file: string, importModule: (url: string) => Promise<unknown>): Promise<Record<string, unknown>> {
  const ext = extname(path);
  let value: unknown;
  if (ext === '.json') {
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${file}: invalid JSON: ${errorExcerpt(error)}`, { file, cause: error, hint: 'check commas and quotes' });
    }
  } else if (ext === '.yaml' || ext === '.yml') {
    const lineCounter = new LineCounter();
    const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter, prettyErrors: false, uniqueKeys: true });
    const syntax = doc.errors[0];
    if (syntax) {
      const line = syntax.linePos?.[0]?.line ?? lineCounter.linePos(syntax.pos[0]).line;
      const problem = syntax.message.split('\n', 1)[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? syntax.message;
      throw new ConfigError(`${file}:${line}: YAML syntax error: ${problem}`, { file, hint: `check indentation and quoting around line ${line}` });
    }
    try {
      value = doc.toJS();
    } catch (error) {
      // `yaml` refuses alias bombs ("Excessive alias count …") only while converting.
      throw new ConfigError(`${file}: cannot read YAML: ${errorExcerpt(error)}`, { file, cause: error, hint: 'remove the repeated anchors/aliases (*name) and write the values out' });
    }
  } else {
    let module: unknown;
    try {
      module = await importModule(pathToFileURL(path).href);
    } catch (error) {
      throw new ConfigError(`${file}: cannot load config: ${(error as Error).message.split('\n', 1)[0]}`, {
        file,
        cause: error,
        hint: 'fix the error above; run `npx tsc -p .` to see TypeScript errors with line numbers',
      });
    }
    value = (module as { default?: unknown }).default;
    if (value === undefined) throw new ConfigError(`${file}: has no default export`, { file, hint: 'write `export default defineConfig({ ... })`' });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${file}: the config must be an object (received ${Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value})`, { file, hint: 'export an object: `export default defineConfig({ target: "reference" })`' });
  }
  return value as Record<string, unknown>;
}

/** Registers the values of the configured secret names (from the env and the compose env file) for masking. */
function registerConfigSecrets(config: ResolvedPhasegateConfig, configDir: string, env: Readonly<Record<string, string | undefined>>): void {
  let fileValues: Record<string, string> = {};
  const envFile = config.compose.envFile === undefined ? undefined : resolve(configDir, config.compose.envFile);
  if (envFile !== undefined && existsSync(envFile)) {
    try {
      fileValues = parseDotenv(readFileSync(envFile, 'utf8'), { file: envFile, env });
    } catch {
      // A broken env file is reported by the inventory with its line; masking what we can is enough here.
    }
  }
  for (const name of config.secrets) {
    registerSecret(env[name]);
    registerSecret(fileValues[name]);
  }
}
