// Static 003 criteria read from the target's compose files and repo root, never from a subprocess: the production
// compose has the listed services (RB-P1-3a), admin-api waits for a healthy data-api (RB-P1-3b), the root
// .dockerignore excludes what 003 lists (RB-P1-3c), the env files exist (RB-B-1), the expected images were built
// (RB-B-4, over an image list), auth is on with non-default secrets (RB-H-1) and CORS is an explicit list (RB-H-2).
// Pure apart from reading the files it is pointed at; secret values are never printed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closestMatch } from '../inventory/closest-match.js';
import type { Inventory, ServiceSpec } from '../inventory/types.js';
import { composeNameOf, type CompleteRebuildProcedure } from '../plans/complete-rebuild.js';
import { maskSecrets } from '../common/secrets.js';
import type { CheckResult } from './check-result.js';
import { HOMEIQ_DEFAULT_SECRETS } from './check-secrets.js';

type Procedure = Pick<CompleteRebuildProcedure, 'renames' | 'absent'>;

/** Loads an inventory; a load error becomes a failed result of `criterionId`. */
function loaded(load: () => Inventory, criterionId: string, title: string, limit: string): Inventory | CheckResult {
  try {
    return load();
  } catch (error) {
    const text = (error as Error).message.replace(/\s*\n\s*/g, '; ');
    return { criterionId, title, limit, status: 'failed', message: maskSecrets(`${title}: the compose project does not load: ${text}`) };
  }
}
const isResult = (x: Inventory | CheckResult): x is CheckResult => 'criterionId' in x;

/** RB-P1-3a: the production compose file defines every service 003 L39-50 lists (003 spellings resolved by renames). */
export function checkProdComposeServices(load: () => Inventory, procedure: Procedure & Pick<CompleteRebuildProcedure, 'prodServices'>): CheckResult {
  const title = 'production compose contains the services 003 lists';
  const limit = `${procedure.prodServices.length} services present`;
  const inv = loaded(load, 'RB-P1-3a', title, limit);
  if (isResult(inv)) return inv;
  const known = [...inv.services.map((s) => s.name), ...inv.inactiveServices];
  const missing: string[] = [];
  const notes: string[] = [];
  for (const written of procedure.prodServices) {
    const name = composeNameOf(procedure, written);
    if (name === null) {
      notes.push(`${written} no longer exists (${procedure.absent[written]})`);
      continue;
    }
    if (name !== written) notes.push(`${written} is ${name}`);
    if (!known.includes(name) && !inv.services.some((s) => s.containerName === name)) {
      const guess = closestMatch(name, known);
      missing.push(`${name}${guess ? ` (did you mean "${guess}"?)` : ''}`);
    } else if (inv.inactiveServices.includes(name)) notes.push(`${name} is behind a profile not active here`);
  }
  const files = inv.files.join(', ');
  const noteText = notes.length ? ` (${notes.join('; ')})` : '';
  if (missing.length === 0) return { criterionId: 'RB-P1-3a', title, limit, status: 'passed', measurement: 0, message: `${files} defines all ${procedure.prodServices.length} listed services${noteText}` };
  return { criterionId: 'RB-P1-3a', title, limit, status: 'failed', measurement: missing.length, message: `${files} lacks ${missing.length} service(s) 003 L39-50 requires: ${missing.join(', ')}${noteText}. hint: 003 L379-382 makes the main compose file the production template` };
}

/** RB-P1-3b: admin-api `depends_on` data-api with `condition: service_healthy` (and data-api has a healthcheck to satisfy it). */
export function checkAdminWaitsForDataApi(load: () => Inventory): CheckResult {
  const title = 'admin-api depends_on data-api (service_healthy)';
  const limit = 'data-api: condition service_healthy';
  const inv = loaded(load, 'RB-P1-3b', title, limit);
  if (isResult(inv)) return inv;
  const admin = inv.services.find((s) => s.name === 'admin-api');
  const base = { criterionId: 'RB-P1-3b', title, limit };
  if (!admin) return { ...base, status: 'failed', message: `${inv.files.join(', ')} has no active admin-api service` };
  const at = `${admin.source.file}:${admin.source.line} services.admin-api.depends_on`;
  const dep = admin.dependsOn.find((d) => d.service === 'data-api');
  if (!dep) return { ...base, status: 'failed', measurement: 'absent', message: `${at} lists ${admin.dependsOn.map((d) => d.service).join(', ') || 'nothing'}, not data-api: admin-api can start before data-api is ready (003 L31, L106-118). hint: add data-api: { condition: service_healthy }` };
  if (dep.condition !== 'service_healthy') return { ...base, status: 'failed', measurement: dep.condition, message: `${at}.data-api has condition ${dep.condition}; 003 L412-413 asks service_healthy. hint: service_started does not wait for data-api's healthcheck` };
  const dataApi = inv.services.find((s) => s.name === 'data-api');
  if (!dataApi?.healthcheck) return { ...base, status: 'failed', measurement: dep.condition, message: `${at}.data-api waits for service_healthy but data-api ${dataApi ? 'has no healthcheck' : 'is not an active service'}, so compose refuses to start admin-api` };
  return { ...base, status: 'passed', measurement: dep.condition, message: `${at}.data-api: condition service_healthy; data-api has a healthcheck` };
}

/** Normalises a .dockerignore pattern for comparison (`./x`, `/x` and `x/` name the same path as `x`). */
function normalizePattern(pattern: string): string {
  return pattern.trim().replace(/^\.\//, '').replace(/^\/(?!$)/, '').replace(/\/+$/, '');
}

/** RB-P1-3c: the repo root has a `.dockerignore` with every exclude 003 L420-483 lists. */
export function checkRootDockerignore(repoRoot: string, required: readonly string[]): CheckResult {
  const title = 'root .dockerignore with the excludes 003 lists';
  const limit = `${required.length} patterns present`;
  const file = join(repoRoot, '.dockerignore');
  if (!existsSync(file)) return { criterionId: 'RB-P1-3c', title, limit, status: 'failed', measurement: 0, message: `${file} does not exist: every root-context build sends .git, .env, node_modules and the backups to the daemon (003 L301). hint: create it with the patterns of 003 L420-483` };
  const present = new Set(readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map(normalizePattern));
  const missing = required.filter((p) => !present.has(normalizePattern(p)));
  if (missing.length === 0) return { criterionId: 'RB-P1-3c', title, limit, status: 'passed', measurement: required.length, message: `${file} has all ${required.length} patterns 003 lists` };
  const secretsLeak = missing.filter((p) => /env|\.db|backup/.test(p));
  return { criterionId: 'RB-P1-3c', title, limit, status: 'failed', measurement: required.length - missing.length, message: `${file} lacks ${missing.length} of ${required.length} patterns: ${missing.join(', ')}${secretsLeak.length ? ` (${secretsLeak.join(', ')} keep secrets and data out of the build context)` : ''}. hint: add them (003 L420-483)` };
}

const PLACEHOLDER = /^(?:your[_-].*|<[^>]*>|.*_here|changeme|change[_-]me|xxx+|todo)$/i;

/** RB-B-1: `.env` and at least one `infrastructure/.env.*` exist, and `.env` holds no template placeholder. */
export function checkEnvFiles(repoRoot: string): CheckResult {
  const title = '.env and infrastructure/.env.* exist';
  const limit = 'exist, not placeholders';
  const env = join(repoRoot, '.env');
  const infraDir = join(repoRoot, 'infrastructure');
  const infra = existsSync(infraDir) ? readdirSync(infraDir).filter((f) => f.startsWith('.env.')).sort() : [];
  const problems: string[] = [];
  if (!existsSync(env)) problems.push(`${env} does not exist`);
  if (infra.length === 0) problems.push(`no ${infraDir}/.env.* file`);
  if (existsSync(env)) {
    const placeholders = readFileSync(env, 'utf8').split(/\r?\n/).map((l) => /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*['"]?([^'"#]*?)['"]?\s*(?:#.*)?$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && PLACEHOLDER.test(m[2]!.trim())).map((m) => m[1]!);
    if (placeholders.length) problems.push(`${env} still has template placeholder(s) for ${placeholders.join(', ')}`);
  }
  if (problems.length === 0) return { criterionId: 'RB-B-1', title, limit, status: 'passed', measurement: 1 + infra.length, message: `${env} and ${infra.map((f) => `infrastructure/${f}`).join(', ')} exist; no placeholder value in .env` };
  return { criterionId: 'RB-B-1', title, limit, status: 'failed', measurement: problems.length, message: `${problems.join('; ')}. hint: create .env from infrastructure/env.example and fill every value (003 L630-637 copies the template as is, which starts the stack with placeholders)` };
}

/** Options of {@link checkExpectedImages}. */
export interface ExpectedImagesCheck {
  readonly procedure: Procedure & Pick<CompleteRebuildProcedure, 'expectedImages'>;
  /** The target's compose inventory: image names come from `image:` or compose's `<project>-<service>`. */
  readonly inventory: Pick<Inventory, 'services' | 'projectName' | 'driver'>;
}

/** The image reference compose gives a service: its `image:`, else `<project>-<service>:latest` (v1: `_`). */
export function composeImageRef(spec: Pick<ServiceSpec, 'name' | 'image'>, projectName: string, driver: 'v1' | 'v2'): string {
  const ref = spec.image ?? `${projectName}${driver === 'v1' ? '_' : '-'}${spec.name}`;
  return /:[^/]+$/.test(ref) ? ref : `${ref}:latest`;
}

/** RB-B-4: every image 003 L665-680 expects exists, under the name compose gives it (pure over `docker images` refs). */
export function checkExpectedImages(imageRefs: readonly string[], check: ExpectedImagesCheck): CheckResult {
  const title = 'expected images present after the build';
  const have = new Set(imageRefs);
  const missing: string[] = [];
  const found: string[] = [];
  const notes: string[] = [];
  for (const expected of check.procedure.expectedImages) {
    const service = expected.service === null ? null : composeNameOf(check.procedure, expected.service);
    if (service === null) {
      notes.push(`${expected.asWritten}: its service no longer exists`);
      continue;
    }
    const spec = check.inventory.services.find((s) => s.name === service);
    if (!spec) {
      notes.push(`${expected.asWritten}: ${service} is not a service of the target`);
      continue;
    }
    const ref = composeImageRef(spec, check.inventory.projectName, check.inventory.driver);
    if (expected.pulled && spec.image && spec.image !== `${expected.pulled.repository}:${expected.pulled.tag}`) notes.push(`003 expects ${expected.pulled.repository}:${expected.pulled.tag}, compose pins ${spec.image}`);
    (have.has(ref) ? found : missing).push(`${ref} (003: ${expected.asWritten})`);
  }
  const limit = `${found.length + missing.length} images`;
  const noteText = notes.length ? `; ${notes.join('; ')}` : '';
  if (missing.length === 0) return { criterionId: 'RB-B-4', title, limit, status: found.length ? 'passed' : 'error', measurement: found.length, message: found.length ? `all ${found.length} expected images exist${noteText}` : `no expected image maps to a service of the target${noteText}` };
  return { criterionId: 'RB-B-4', title, limit, status: 'failed', measurement: found.length, message: `${missing.length} of ${found.length + missing.length} expected images missing: ${missing.join(', ')}${noteText}. hint: did \`build --no-cache --parallel\` fail for them? Names follow compose (<project>-<service>), not 003's list (D4.4)` };
}

/** The environment compose passes a service (environment + env_file, interpolated), as name → value. */
export function serviceEnvironment(spec: Pick<ServiceSpec, 'environment'>): Record<string, string | null> {
  return Object.fromEntries(spec.environment.map((v) => [v.name, v.value]));
}

/** Options of {@link checkAuthEnabled}. */
export interface AuthEnabledCheck {
  /** Where the env comes from, for messages (`admin-api (docker-compose.yml + .env)`). */
  readonly where: string;
  /** Names accepted for the JWT secret, first set wins. @default ['JWT_SECRET_KEY', 'JWT_SECRET'] */
  readonly jwtNames?: readonly string[];
  /** Minimum JWT secret length, in characters. @default 32 */
  readonly minJwtLength?: number;
  /** Minimum admin password length, in characters. @default 12 */
  readonly minPasswordLength?: number;
  /** Values that count as defaults. @default HOMEIQ_DEFAULT_SECRETS */
  readonly knownDefaults?: readonly string[];
}

/** RB-H-1: ENABLE_AUTH=true, a JWT secret and an admin password set, long enough and not a default. Values never printed. */
export function checkAuthEnabled(env: Readonly<Record<string, string | null | undefined>>, check: AuthEnabledCheck): CheckResult {
  const minJwt = check.minJwtLength ?? 32;
  const minPassword = check.minPasswordLength ?? 12;
  const known = new Set(check.knownDefaults ?? HOMEIQ_DEFAULT_SECRETS);
  const limit = `ENABLE_AUTH=true; JWT secret ≥ ${minJwt} chars; ADMIN_PASSWORD ≥ ${minPassword} chars; neither a default`;
  const problems: string[] = [];
  const auth = env.ENABLE_AUTH?.trim().toLowerCase();
  if (auth !== 'true') problems.push(auth ? `ENABLE_AUTH is "${auth}"` : 'ENABLE_AUTH is not set (the main compose defaults it to false, 003 L276)');
  const secret = (label: string, names: readonly string[], min: number) => {
    const name = names.find((n) => (env[n] ?? '') !== '');
    const value = name ? env[name]! : '';
    if (!name) return problems.push(`${label} is not set (${names.join(' / ')})`);
    if (known.has(value) || PLACEHOLDER.test(value)) return problems.push(`${name} is a known default or placeholder`);
    if (value.length < min) problems.push(`${name} has ${value.length} characters; at least ${min} required`);
  };
  secret('the JWT secret', check.jwtNames ?? ['JWT_SECRET_KEY', 'JWT_SECRET'], minJwt);
  secret('the admin password', ['ADMIN_PASSWORD'], minPassword);
  const base = { criterionId: 'RB-H-1', title: 'authentication enabled with non-default secrets', limit };
  if (problems.length === 0) return { ...base, status: 'passed', measurement: 0, message: `${check.where}: auth enabled, JWT secret and admin password set and not defaults (values not shown)` };
  return { ...base, status: 'failed', measurement: problems.length, message: maskSecrets(`${check.where}: ${problems.join('; ')}. hint: 003 L924-929: ENABLE_AUTH=true, JWT_SECRET_KEY=$(openssl rand -hex 32), a strong ADMIN_PASSWORD; values are never printed`) };
}

/** RB-H-2: `CORS_ORIGINS` of each service is an explicit list of http(s) origins, no `*`. */
export function checkCorsOrigins(services: ReadonlyArray<{ readonly service: string; readonly env: Readonly<Record<string, string | null | undefined>> }>): CheckResult {
  const limit = 'explicit list of http(s) origins, no *';
  const base = { criterionId: 'RB-H-2', title: 'CORS_ORIGINS is an explicit list', limit };
  if (services.length === 0) return { ...base, status: 'error', message: 'no service given to judge' };
  const problems: string[] = [];
  const lists: string[] = [];
  for (const { service, env } of services) {
    const raw = env.CORS_ORIGINS?.trim();
    if (!raw) {
      problems.push(`${service}: CORS_ORIGINS is not set (the service's default applies)`);
      continue;
    }
    const origins = raw.replace(/^\[|\]$/g, '').split(',').map((o) => o.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
    const wild = origins.filter((o) => o.includes('*'));
    const bad = origins.filter((o) => !o.includes('*') && !/^https?:\/\/[^/\s*]+$/.test(o));
    if (wild.length) problems.push(`${service}: CORS_ORIGINS has a wildcard (${wild.join(', ')})`);
    if (bad.length) problems.push(`${service}: not an origin: ${bad.join(', ')}`);
    if (!wild.length && !bad.length) lists.push(`${service}: ${origins.length} origin(s)`);
  }
  if (problems.length === 0) return { ...base, status: 'passed', measurement: 0, message: `explicit CORS origins: ${lists.join('; ')}` };
  return { ...base, status: 'failed', measurement: problems.length, message: `${problems.join('; ')}. hint: 003 L940: CORS_ORIGINS=http://localhost:3000,https://yourdomain.com (scheme://host[:port], no path, no *)` };
}
