// Reads what the stack needs from a compose file: services, their ports, build contexts and dependencies.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from '../common/errors.js';

/** The parts of a compose service the stack reads. */
export interface ComposeServiceSpec {
  readonly image?: string;
  readonly build?: string | { readonly context?: string; readonly dockerfile?: string; readonly args?: Record<string, string> | string[] };
  readonly container_name?: string;
  readonly environment?: Record<string, string | number | null> | string[];
  readonly ports?: ReadonlyArray<string | number | { readonly published?: string | number }>;
  readonly profiles?: readonly string[];
  readonly healthcheck?: unknown;
  readonly depends_on?: Record<string, unknown> | string[];
}

/** A parsed compose file. */
export interface ComposeFileModel {
  /** Absolute path of the file. */
  readonly file: string;
  readonly services: Readonly<Record<string, ComposeServiceSpec>>;
}

/** Parses a compose file (YAML merge keys `<<: *anchor` resolved). */
export function readComposeFile(file: string): ComposeFileModel {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`compose file ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { file: path, cause: error, hint: 'pass an existing file as composeFile' });
  }
  const doc = parse(text, { merge: true }) as { services?: Record<string, ComposeServiceSpec> } | null;
  if (!doc?.services || typeof doc.services !== 'object') throw new ConfigError(`compose file ${path} has no services`, { file: path, path: 'services' });
  return { file: path, services: doc.services };
}

/** Compose-style interpolation of `${VAR}`, `${VAR:-default}`, `${VAR-default}` and `$VAR`; `$$` is a literal `$`. */
export function interpolate(value: string, env: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name?: string, op?: string, fallback?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const key = name ?? bare ?? '';
    const set = env[key];
    if (op === ':-') return set ? set : (fallback ?? '');
    if (op === '-') return set !== undefined ? set : (fallback ?? '');
    return set ?? '';
  });
}

function environmentOf(spec: ComposeServiceSpec): Record<string, string> {
  if (Array.isArray(spec.environment)) {
    return Object.fromEntries(spec.environment.map((e) => [e.split('=', 1)[0] ?? e, e.includes('=') ? e.slice(e.indexOf('=') + 1) : '']));
  }
  return Object.fromEntries(Object.entries(spec.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/**
 * Host port of a service: the first published port of `ports:` (`"127.0.0.1:8086:8086"`), else, for
 * `network_mode: host` services, its environment `PORT`, `SIMULATOR_PORT` or the port of `INFLUXD_HTTP_BIND_ADDRESS`.
 */
export function servicePort(spec: ComposeServiceSpec, env: Readonly<Record<string, string | undefined>> = {}): number | undefined {
  for (const entry of spec.ports ?? []) {
    const raw = typeof entry === 'object' ? String(entry.published ?? '') : interpolate(String(entry), env);
    const parts = raw.split('/')[0]?.split(':') ?? [];
    const published = parts.length >= 2 ? parts[parts.length - 2] : undefined;
    if (published && /^\d+$/.test(published)) return Number(published);
  }
  const vars = environmentOf(spec);
  const pick = (name: string) => (vars[name] === undefined ? undefined : interpolate(vars[name], env));
  const raw = pick('PORT') ?? pick('SIMULATOR_PORT') ?? pick('INFLUXD_HTTP_BIND_ADDRESS')?.split(':').at(-1);
  return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** The port of a `http://127.0.0.1:<port>` URL. */
export function servicePortFromUrl(url: string): number {
  return Number(new URL(url).port);
}

/** The selected services plus every service they depend on (compose starts those too, so they must be built). */
export function dependencyClosure(services: Readonly<Record<string, ComposeServiceSpec>>, selected: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const deps = services[name]?.depends_on;
    for (const dep of Array.isArray(deps) ? deps : Object.keys(deps ?? {})) visit(dep);
  };
  selected.forEach(visit);
  return [...seen];
}

/** Absolute build context of a service, or undefined when it has no `build:`. */
export function buildContext(composeFile: string, spec: ComposeServiceSpec): string | undefined {
  if (spec.build === undefined) return undefined;
  const context = typeof spec.build === 'string' ? spec.build : (spec.build.context ?? '.');
  return resolve(dirname(composeFile), context);
}
